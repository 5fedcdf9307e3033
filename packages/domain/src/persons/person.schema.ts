import { z } from 'zod';
import { IdSchema, longText, patchOf, shortText, VersionSchema } from '../common.ts';
import { PastPartialDateSchema } from '../dates/partial-date.ts';
import { NameInputSchema, NameSchema } from '../names/name.schema.ts';
import { SensitivitySchema, type FieldSensitivity } from '../sensitivity/sensitivity.ts';

export const SEXES = ['male', 'female', 'unknown'] as const;
export const AFFILIATIONS = ['military', 'civilian', 'unknown'] as const;
export const IDENTIFIER_KINDS = [
  'national_id',
  'passport',
  'service_number',
  'icrc_case',
  'court_case',
  'un_case',
  'other',
] as const;

export const IdentifierSchema = z.object({
  kind: z.enum(IDENTIFIER_KINDS),
  value: shortText(100),
});

/** What staff enter about a person; everything else (status, proof of life) is derived. */
export const PersonInputSchema = z.object({
  sex: z.enum(SEXES).default('unknown'),
  birthDate: PastPartialDateSchema.nullable().default(null),
  birthPlace: shortText(200).nullable().default(null),
  fatherName: shortText(200).nullable().default(null),
  citizenship: shortText(100).nullable().default(null),
  affiliation: z.enum(AFFILIATIONS).default('unknown'),
  unit: shortText(200).nullable().default(null),
  rank: shortText(100).nullable().default(null),
  identifiers: z.array(IdentifierSchema).max(50, 'at most 50 identifiers').default([]),
  familyContact: longText(2000).nullable().default(null),
  notes: longText().nullable().default(null),
  /** Who may see that this person is in the registry at all. Never `public` by default. */
  sensitivity: SensitivitySchema.default('partner'),
});

export const PersonCreateSchema = PersonInputSchema.extend({
  names: z
    .array(NameInputSchema)
    .min(1, 'a person needs at least one name')
    .max(50, 'at most 50 names'),
});
export type PersonCreate = z.input<typeof PersonCreateSchema>;

export const PersonUpdateSchema = z.object({
  id: IdSchema,
  version: VersionSchema,
  patch: patchOf(PersonInputSchema).refine((p) => Object.keys(p).length > 0, 'nothing to change'),
});

/**
 * Deleting a person record hides it from everyone (TRUST 14): nothing is erased, its history
 * stays, and an admin can restore it. The reason is kept in the audit log.
 */
export const PersonDeleteSchema = z.object({
  id: IdSchema,
  version: VersionSchema,
  reason: shortText(500).refine((r) => r.length >= 3, 'say in a few words why'),
});

export const PersonRestoreSchema = z.object({ id: IdSchema, version: VersionSchema });

export const PersonSchema = PersonInputSchema.extend({
  id: IdSchema,
  version: VersionSchema,
  names: z.array(NameSchema),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Person = z.infer<typeof PersonSchema>;

/** Field sensitivity of a person record; undeclared fields are `partner`. */
export const personFields: FieldSensitivity = {
  id: 'public',
  /** A person's names go wherever their record may go: a record cleared for the public is named. */
  names: 'public',
  familyContact: 'restricted',
  notes: 'staff',
  identifiers: 'staff',
  birthPlace: 'staff',
  fatherName: 'staff',
};
