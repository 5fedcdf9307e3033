import { z } from 'zod';
import { ACKNOWLEDGEMENTS, LegalCategorySchema } from '../claims/claim.schema.ts';
import { PartialDateSchema } from '../dates/partial-date.ts';
import { EventTypeSchema } from '../events/event.schema.ts';
import { PARTICIPANT_ROLES } from '../events/event-types.ts';
import { EvidenceClaimSchema } from '../grading/evidence.schema.ts';

// ── Input ────────────────────────────────────────────────────────────────────────────────

/** An event the person took part in, with every claim about it (whatever its review state). */
export const StatusEventSchema = z.object({
  id: z.string().min(1),
  type: EventTypeSchema,
  subtype: z.string().nullable(),
  /** Canonical partial date text; `null` when undated. */
  date: PartialDateSchema.nullable(),
  role: z.enum(PARTICIPANT_ROLES),
  claims: z.array(EvidenceClaimSchema),
});
export type StatusEvent = z.infer<typeof StatusEventSchema>;

/**
 * Everything a person's status is derived from: their events, and the claims about the person
 * themself (`legal_category`, `acknowledgement`; other predicates are ignored here).
 */
export const StatusInputSchema = z.object({
  events: z.array(StatusEventSchema),
  personClaims: z.array(EvidenceClaimSchema),
});
export type StatusInput = z.infer<typeof StatusInputSchema>;

/** Settings of the status rules an organisation may change. */
export const StatusPolicySchema = z.object({
  /** How long a held person may go without proof of life before it counts as lost. */
  proofOfLifeWindowDays: z
    .number()
    .int('must be a whole number of days')
    .min(1, 'must be at least 1 day')
    .max(3650, 'must be at most 3650 days'),
});
export type StatusPolicy = z.infer<typeof StatusPolicySchema>;

export const DEFAULT_STATUS_POLICY: StatusPolicy = Object.freeze({ proofOfLifeWindowDays: 180 });

// ── Output ───────────────────────────────────────────────────────────────────────────────

export const LIBERTY_VALUES = ['held', 'released', 'repatriated', 'escaped', 'unknown'] as const;
export type LibertyValue = (typeof LIBERTY_VALUES)[number];

/** Where a held person stands in a legal process. */
export const HELD_STATES = [
  'under_investigation',
  'on_trial',
  'serving_sentence',
  'no_process_known',
] as const;
export type HeldState = (typeof HELD_STATES)[number];

export const LIFE_VALUES = [
  'alive_confirmed',
  'no_recent_proof_of_life',
  'reported_dead',
  'confirmed_dead',
  'remains_returned',
  'unknown',
] as const;
export type LifeValue = (typeof LIFE_VALUES)[number];

export const ACKNOWLEDGEMENT_VALUES = [...ACKNOWLEDGEMENTS, 'unknown'] as const;
export type AcknowledgementValue = (typeof ACKNOWLEDGEMENT_VALUES)[number];

/**
 * What a reason does for its dimension: `basis` supports the value shown, `conflict` is the
 * other side of a disagreement (the dimension is then contested), `note` explains something
 * left aside (an undated event, an older statement).
 */
export const STATUS_REASON_KINDS = ['basis', 'conflict', 'note'] as const;

/** Why a dimension has its value: an event or claim and the sources behind it. */
export const StatusReasonSchema = z.object({
  kind: z.enum(STATUS_REASON_KINDS),
  eventId: z.string().optional(),
  claimId: z.string().optional(),
  sourceIds: z.array(z.string()),
  /** e.g. `Proof of life (video) on 14 Jun 2025 — Source title`. */
  text: z.string(),
});
export type StatusReason = z.infer<typeof StatusReasonSchema>;

/** One dimension of a person's status: a value, whether accepted claims disagree on it, and why. */
export interface Dimension<V extends string> {
  value: V;
  /** A short phrase for the page, e.g. `on trial`, `last proof of life 14 Jun 2025`. */
  detail?: string;
  contested: boolean;
  reasons: StatusReason[];
}

const dimensionFields = {
  detail: z.string().optional(),
  contested: z.boolean(),
  reasons: z.array(StatusReasonSchema),
};

export const LibertyDimensionSchema = z.object({
  value: z.enum(LIBERTY_VALUES),
  ...dimensionFields,
  /** Set when `value` is `held`. */
  heldState: z.enum(HELD_STATES).nullable(),
});
export type LibertyDimension = z.infer<typeof LibertyDimensionSchema>;

export const LifeDimensionSchema = z.object({
  value: z.enum(LIFE_VALUES),
  ...dimensionFields,
  /**
   * The date the value holds from: the last proof of life or visit (`alive_confirmed`,
   * `no_recent_proof_of_life`), the start of custody when there has been no proof of life
   * since (`no_recent_proof_of_life`, `unknown`), or the deciding death event. Canonical partial
   * date text (`YYYY-MM-DD` when known to the day).
   */
  since: PartialDateSchema.nullable(),
  /** The last accepted proof of life or visit that shows the person alive in the present situation. */
  lastProofOfLife: PartialDateSchema.nullable(),
});
export type LifeDimension = z.infer<typeof LifeDimensionSchema>;

export const AcknowledgementDimensionSchema = z.object({
  value: z.enum(ACKNOWLEDGEMENT_VALUES),
  ...dimensionFields,
  /** Publication date of the deciding statement, when known. */
  since: PartialDateSchema.nullable(),
});
export type AcknowledgementDimension = z.infer<typeof AcknowledgementDimensionSchema>;

export const LegalAssertionSchema = z.object({
  category: LegalCategorySchema,
  sourceIds: z.array(z.string()),
  sourceTitles: z.array(z.string()),
  /** How many of those sources are independent of one another (see `corroboration`). */
  independentSources: z.number().int(),
});
export type LegalAssertion = z.infer<typeof LegalAssertionSchema>;

export const LegalDimensionSchema = z.object({
  /** Each category some accepted claim asserts, most independently supported first. */
  asserted: z.array(LegalAssertionSchema),
  /** The organisation's assessment; `null` when nothing is asserted or the top is tied. */
  assessed: LegalCategorySchema.nullable(),
  contested: z.boolean(),
  reasons: z.array(StatusReasonSchema),
});
export type LegalDimension = z.infer<typeof LegalDimensionSchema>;

export const StatusFlagsSchema = z.object({
  /** Held, not acknowledged by the detaining state, and no proof of life since the custody began. */
  disappeared: z.boolean(),
  /** No proof of life within the window while held, or an accepted `contact_lost` event nothing has answered since. */
  contactLost: z.boolean(),
});
export type StatusFlags = z.infer<typeof StatusFlagsSchema>;

export const PersonStatusSchema = z.object({
  liberty: LibertyDimensionSchema,
  life: LifeDimensionSchema,
  acknowledgement: AcknowledgementDimensionSchema,
  legal: LegalDimensionSchema,
  /** One label for registry lists, e.g. `held — alive, confirmed 2025-06-14`. */
  summary: z.string(),
  flags: StatusFlagsSchema,
  /** Events that did not count, and why (pending, rejected, contradicted, another role). */
  notCounted: z.array(StatusReasonSchema),
});
export type PersonStatus = z.infer<typeof PersonStatusSchema>;
