import { z } from 'zod';
import { IdSchema, patchOf, shortText, VersionSchema } from '../common.ts';

export const SCRIPTS = ['armenian', 'cyrillic', 'latin', 'other'] as const;
export const ScriptSchema = z.enum(SCRIPTS);
export type Script = z.infer<typeof ScriptSchema>;

export const NAME_KINDS = ['legal', 'transliteration', 'alias', 'patronymic'] as const;
export const NameKindSchema = z.enum(NAME_KINDS);

/** One spelling of a person's name: at most 200 characters, and some of them letters. */
export const NameValueSchema = shortText(200).refine(
  (value) => /\p{L}/u.test(value),
  'must contain letters',
);

/** The language a spelling is in, as a two- or three-letter code. */
export const NameLanguageSchema = z
  .string()
  .trim()
  .regex(/^[a-z]{2,3}$/, 'must be a language code such as hy, ru, en, az');

export const NameInputSchema = z.object({
  value: NameValueSchema,
  script: ScriptSchema.optional(),
  language: NameLanguageSchema.optional(),
  kind: NameKindSchema.default('legal'),
  claimId: IdSchema.optional(),
});
export type NameInput = z.infer<typeof NameInputSchema>;

export const NameSchema = z.object({
  id: IdSchema,
  personId: IdSchema,
  value: z.string(),
  script: ScriptSchema,
  language: z.string().nullable(),
  kind: NameKindSchema,
  searchKey: z.string(),
  claimId: IdSchema.nullable(),
  version: VersionSchema,
});
export type Name = z.infer<typeof NameSchema>;

export const NameCreateSchema = NameInputSchema.extend({ personId: IdSchema });
export const NameUpdateSchema = z.object({
  id: IdSchema,
  version: VersionSchema,
  // A language recorded by mistake can be taken away: `null` is "not known".
  patch: patchOf(NameInputSchema).extend({ language: NameLanguageSchema.nullable().optional() }),
});
