import { z } from 'zod';
import { IdSchema, longText, patchOf, shortText, VersionSchema } from '../common.ts';
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
  if (c.predicate === 'legal_category' && !LegalCategorySchema.safeParse(c.value).success)
    ctx.addIssue({
      code: 'custom',
      path: ['value'],
      message: `must be one of ${LEGAL_CATEGORIES.join(', ')}`,
    });
  if (
    c.predicate === 'acknowledgement' &&
    !(ACKNOWLEDGEMENTS as readonly unknown[]).includes(c.value)
  )
    ctx.addIssue({
      code: 'custom',
      path: ['value'],
      message: `must be one of ${ACKNOWLEDGEMENTS.join(', ')}`,
    });
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
