import { z } from 'zod';
import { IdSchema, longText, patchOf, shortText, VersionSchema } from '../common.ts';
import { PartialDateSchema } from '../dates/partial-date.ts';
import type { FieldSensitivity } from '../sensitivity/sensitivity.ts';

/**
 * An aggregate number from a source: "23", "223" and "about 60" are three count claims about
 * overlapping populations, by different claimants, on different dates.
 */
const CountClaimFields = z.object({
  sourceId: IdSchema,
  claimant: shortText(200),
  asOf: PartialDateSchema,
  /** A stable key for the population counted, so claims about the same population line up. */
  population: z
    .string()
    .trim()
    .regex(/^[a-z0-9_]+$/, 'must be a key such as held_by_state_b')
    .max(100),
  populationLabel: shortText(300),
  min: z.number().int('must be a whole number').min(0, 'must not be negative'),
  max: z.number().int('must be a whole number').min(0, 'must not be negative'),
  approximate: z.boolean().default(false),
  note: longText(5000).nullable().default(null),
});

export const CountClaimCreateSchema = CountClaimFields.refine((c) => c.max >= c.min, {
  path: ['max'],
  message: 'must be at least the minimum',
});
export type CountClaimCreate = z.input<typeof CountClaimCreateSchema>;

export const CountClaimUpdateSchema = z.object({
  id: IdSchema,
  version: VersionSchema,
  patch: patchOf(CountClaimFields).refine(
    (c) => c.min === undefined || c.max === undefined || c.max >= c.min,
    { path: ['max'], message: 'must be at least the minimum' },
  ),
});

export const CountClaimSchema = CountClaimFields.extend({
  id: IdSchema,
  version: VersionSchema,
  createdAt: z.date(),
});
export type CountClaim = z.infer<typeof CountClaimSchema>;

export const countClaimFields: FieldSensitivity = { id: 'public' };
