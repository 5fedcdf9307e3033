import { z } from 'zod';
import { IdSchema, longText, patchOf, shortText, VersionSchema } from '../common.ts';
import { PastPartialDateSchema } from '../dates/partial-date.ts';
import { NameValueSchema } from '../names/name.schema.ts';
import type { FieldSensitivity } from '../sensitivity/sensitivity.ts';

/** Information credibility: 1 confirmed by other sources … 5 improbable, 6 cannot be judged. */
export const CREDIBILITY = [1, 2, 3, 4, 5, 6] as const;
export const CredibilitySchema = z
  .number()
  .int('must be a whole number from 1 to 6')
  .min(1, 'must be from 1 (confirmed) to 6 (cannot be judged)')
  .max(6, 'must be from 1 (confirmed) to 6 (cannot be judged)');

export const LEGAL_CATEGORIES = [
  'prisoner_of_war',
  'civilian_internee',
  'hostage',
  'political_prisoner',
  'person_held_in_custody',
  'enforced_disappearance',
  'missing',
] as const;
export const LegalCategorySchema = z.enum(LEGAL_CATEGORIES);
export type LegalCategory = z.infer<typeof LegalCategorySchema>;

export const ACKNOWLEDGEMENTS = ['acknowledged', 'denied', 'cannot_identify', 'no_reply'] as const;

/**
 * What a claim is about: a person's attribute, an event, or a person's part in an event.
 * The predicate says which assertion it makes; `value` carries the asserted value.
 */
export const CLAIM_SUBJECTS = ['person', 'event', 'participation'] as const;
export const CLAIM_PREDICATES = {
  person: ['name', 'birth_date', 'legal_category', 'acknowledgement', 'identifier', 'other'],
  event: ['occurred', 'date', 'place', 'acting_party', 'other'],
  participation: ['participated'],
} as const;

export const STANCES = ['supports', 'contradicts'] as const;
export const REVIEW_STATES = ['pending', 'accepted', 'rejected', 'needs_evidence'] as const;
export const ReviewStateSchema = z.enum(REVIEW_STATES);

/**
 * What is wrong with the value a claim asserts for its predicate, in words for the person who
 * typed it, or null when it may be stored: a birth date or an event's date must be a real
 * partial date (`2020`, `2020-12`, `2020-12-13`, or a range `2020-11/2020-12`), a name non-empty
 * text, a legal category and an acknowledgement one of their vocabulary. Other predicates take
 * any value. For new claims and for edits of a claim's value alike.
 *
 * @example
 * claimValueProblem('birth_date', '2020-13-45') // 'is not a date: month 13 does not exist'
 * claimValueProblem('birth_date', '1990-05') // null
 */
export function claimValueProblem(predicate: string, value: unknown): string | null {
  switch (predicate) {
    case 'birth_date':
    case 'date': {
      if (typeof value !== 'string' || value.trim() === '')
        return 'must be a date such as 1990, 1990-05 or 1990-05-17';
      const parsed = PastPartialDateSchema.safeParse(value.trim());
      if (parsed.success) return null;
      const problem = parsed.error.issues[0]?.message ?? 'is not a date';
      return problem === 'is in the future' ? problem : `is not a date: ${problem}`;
    }
    case 'name': {
      if (typeof value !== 'string' || value.trim() === '') return 'must be the name as written';
      const parsed = NameValueSchema.safeParse(value);
      return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'is not a name');
    }
    case 'legal_category':
      return LegalCategorySchema.safeParse(value).success
        ? null
        : `must be one of ${LEGAL_CATEGORIES.join(', ')}`;
    case 'acknowledgement':
      return (ACKNOWLEDGEMENTS as readonly unknown[]).includes(value)
        ? null
        : `must be one of ${ACKNOWLEDGEMENTS.join(', ')}`;
    default:
      return null;
  }
}

/**
 * The name a claim gives a person, as written, or null when it gives none: a `name` claim holds
 * the name itself, or, from an imported list, the row with the name in it.
 *
 * @example
 * claimedName('name', ' Սևակ Հարությունյան ') // 'Սևակ Հարությունյան'
 * claimedName('name', { name: 'Sevak Harutyunyan', birthDate: '1990' }) // 'Sevak Harutyunyan'
 * claimedName('birth_date', '1990') // null
 */
export function claimedName(predicate: string, value: unknown): string | null {
  if (predicate !== 'name') return null;
  const name =
    typeof value === 'string'
      ? value
      : value && typeof value === 'object' && 'name' in value && typeof value.name === 'string'
        ? value.name
        : null;
  return name?.trim() || null;
}

const ClaimBase = z.object({
  sourceId: IdSchema,
  subjectType: z.enum(CLAIM_SUBJECTS),
  personId: IdSchema.nullable().default(null),
  eventId: IdSchema.nullable().default(null),
  predicate: z.string().trim().min(1, 'must not be empty').max(50),
  value: z
    .json()
    .nullable()
    .refine((v) => JSON.stringify(v ?? null).length <= 10_000, 'is larger than 10,000 characters')
    .default(null),
  excerpt: longText(10_000).nullable().default(null),
  locator: shortText(200).nullable().default(null),
  credibility: CredibilitySchema.default(6),
  stance: z.enum(STANCES).default('supports'),
});

export const ClaimCreateSchema = ClaimBase.superRefine((c, ctx) => {
  const needsPerson = c.subjectType !== 'event';
  const needsEvent = c.subjectType !== 'person';
  if (needsPerson && !c.personId)
    ctx.addIssue({
      code: 'custom',
      path: ['personId'],
      message: `is required for a ${c.subjectType} claim`,
    });
  if (needsEvent && !c.eventId)
    ctx.addIssue({
      code: 'custom',
      path: ['eventId'],
      message: `is required for a ${c.subjectType} claim`,
    });
  const predicates: readonly string[] = CLAIM_PREDICATES[c.subjectType];
  if (!predicates.includes(c.predicate))
    ctx.addIssue({
      code: 'custom',
      path: ['predicate'],
      message: `must be one of ${predicates.join(', ')} for a ${c.subjectType} claim`,
    });
  const problem = claimValueProblem(c.predicate, c.value);
  if (problem) ctx.addIssue({ code: 'custom', path: ['value'], message: problem });
});
export type ClaimCreate = z.input<typeof ClaimCreateSchema>;

export const ClaimUpdateSchema = z.object({
  id: IdSchema,
  version: VersionSchema,
  patch: patchOf(ClaimBase.pick({ excerpt: true, locator: true, credibility: true, value: true })),
});

export const ClaimSchema = ClaimBase.extend({
  id: IdSchema,
  version: VersionSchema,
  reviewState: ReviewStateSchema,
  enteredBy: IdSchema.nullable(),
  reviewedBy: IdSchema.nullable(),
  reviewReason: z.string().nullable(),
  createdAt: z.date(),
});
export type Claim = z.infer<typeof ClaimSchema>;

export const claimFields: FieldSensitivity = {
  id: 'public',
  enteredBy: 'staff',
  reviewedBy: 'staff',
};
