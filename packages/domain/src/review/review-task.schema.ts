import { z } from 'zod';
import { IdSchema, VersionSchema } from '../common.ts';

export const REVIEW_TASK_KINDS = [
  'claim',
  'duplicate',
  'conflict',
  'contact_lost',
  'archive_source',
  'file_integrity',
] as const;
export const REVIEW_OUTCOMES = ['accepted', 'rejected', 'needs_evidence'] as const;

/** Work waiting for a reviewer. */
export const ReviewTaskSchema = z.object({
  id: IdSchema,
  kind: z.enum(REVIEW_TASK_KINDS),
  state: z.enum(['open', 'done']),
  claimId: IdSchema.nullable(),
  personId: IdSchema.nullable(),
  otherPersonId: IdSchema.nullable(),
  sourceId: IdSchema.nullable(),
  assigneeId: IdSchema.nullable(),
  outcome: z.enum(REVIEW_OUTCOMES).nullable(),
  reason: z.string().nullable(),
  detail: z.string().nullable(),
  version: VersionSchema,
  createdAt: z.date(),
});
export type ReviewTask = z.infer<typeof ReviewTaskSchema>;
