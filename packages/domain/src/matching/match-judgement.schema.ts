import { z } from 'zod';
import { IdSchema, longText } from '../common.ts';

export const VERDICTS = ['same', 'different', 'unsure'] as const;

/** A person's decision that two person records are, or are not, the same human being. */
export const MatchJudgementSchema = z.object({
  id: IdSchema,
  personA: IdSchema,
  personB: IdSchema,
  verdict: z.enum(VERDICTS),
  reason: longText(2000),
  score: z.number().min(0).max(1).nullable(),
  features: z.record(z.string(), z.number()).nullable(),
  decidedBy: IdSchema,
  createdAt: z.date(),
  undoneAt: z.date().nullable(),
});
export type MatchJudgement = z.infer<typeof MatchJudgementSchema>;
