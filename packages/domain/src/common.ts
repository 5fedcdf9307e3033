import { z } from 'zod';

/** Whether text holds control characters other than tab and line breaks. */
export function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 32 && code !== 9 && code !== 10 && code !== 13) return true;
  }
  return false;
}

/** Trimmed single-line text with a clear limit, for names, titles and places. */
export const shortText = (max = 300) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !hasControlCharacters(s), 'contains control characters');

/** Free text such as notes and excerpts. */
export const longText = (max = 20_000) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !hasControlCharacters(s), 'contains control characters');

export const IdSchema = z.uuid('must be a valid id');
export const VersionSchema = z.number().int('must be a whole number').min(1, 'must be at least 1');

/** Cursor pagination shared by every `list` procedure. */
export const PageInputSchema = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1, 'must be at least 1').max(200, 'must be at most 200').default(50),
});

export const isoDayText = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day written YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'is not a real day');

type WithoutDefault<T> = T extends z.ZodDefault<infer Inner extends z.core.SomeType> ? Inner : T;

/**
 * An object schema's fields as a patch: each field optional and without its default, so that a
 * field left out of a patch stays as it was. (`.partial()` keeps defaults: `{ rank: 'sergeant' }`
 * would come out with every other field reset to its default — a person's sensitivity back to
 * `partner`, their family contact to nothing.) A check on a field goes inside its default
 * (`z.json().refine(…).default(null)`), so that the patch keeps it.
 *
 * @example
 * patchOf(PersonInputSchema).parse({ rank: 'sergeant' }) // { rank: 'sergeant' }
 */
export function patchOf<Shape extends z.ZodRawShape>(
  schema: z.ZodObject<Shape>,
): z.ZodObject<{ [K in keyof Shape]: z.ZodOptional<WithoutDefault<Shape[K]>> }> {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(schema.shape) as [string, z.ZodType][]) {
    const inner = field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : field;
    shape[key] = inner.optional();
  }
  return z.object(shape) as never;
}
