import { IdSchema } from '@vigil/domain';
import { z } from 'zod';
import { procedureFor, router } from '../trpc.ts';
import {
  comparePair,
  judgePair,
  JudgeInputSchema,
  listJudgements,
  PairInputSchema,
  scanForDuplicates,
  undoJudgement,
} from './matching.service.ts';

export const matchingRouter = router({
  pair: procedureFor('read')
    .input(PairInputSchema)
    .query(({ ctx, input }) => comparePair(ctx.service, input)),
  judge: procedureFor('review')
    .input(JudgeInputSchema)
    .mutation(({ ctx, input }) => judgePair(ctx.service, input)),
  undo: procedureFor('review')
    .input(z.object({ judgementId: IdSchema }))
    .mutation(({ ctx, input }) => undoJudgement(ctx.service, input.judgementId)),
  /** Looks for duplicates now; the tasks appear in the review queue. */
  scan: procedureFor('review').mutation(({ ctx }) => scanForDuplicates(ctx.service)),
  judgements: procedureFor('read').query(({ ctx }) => listJudgements(ctx.service)),
});
