import { z } from 'zod';
import { CREDIBILITY, ReviewStateSchema, STANCES } from '../claims/claim.schema.ts';
import { PartialDateSchema } from '../dates/partial-date.ts';
import { ReliabilitySchema, SideSchema } from '../sources/source.schema.ts';

/** The part of a source that grading needs: who published it, for which side, how reliable. */
export const EvidenceSourceSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  /** `null` when unknown: the source then counts as its own publisher. */
  publisher: z.string().nullable(),
  side: SideSchema,
  reliability: ReliabilitySchema,
  /** Canonical partial date text; orders acknowledgement claims ("latest wins"). */
  publishedDate: PartialDateSchema.nullable().optional(),
});
export type EvidenceSource = z.infer<typeof EvidenceSourceSchema>;

/** A claim as evidence for the rules, with its source's grading. */
export const EvidenceClaimSchema = z.object({
  id: z.string().min(1),
  predicate: z.string().min(1),
  value: z.unknown(),
  stance: z.enum(STANCES),
  reviewState: ReviewStateSchema,
  credibility: z.literal(CREDIBILITY, {
    error: 'must be from 1 (confirmed) to 6 (cannot be judged)',
  }),
  source: EvidenceSourceSchema,
});
export type EvidenceClaim = z.infer<typeof EvidenceClaimSchema>;
