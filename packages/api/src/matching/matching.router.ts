import { IdSchema } from '@vigil/domain';
import { z } from 'zod';
import { procedureFor, router } from '../trpc.ts';
import {
  comparePair,
  getScanStatus,
  judgePair,
  JudgeInputSchema,
  listMergesInto,
  PairInputSchema,
  scanForDuplicates,
  undoJudgement,
} from './matching.service.ts';
import { findSimilarPersons, SimilarPersonsInputSchema } from './similar-persons.service.ts';

export const matchingRouter = router({
  /** Two records side by side; one merged into another record says so, with its merge. */
  pair: procedureFor('read')
    .input(PairInputSchema)
    .query(({ ctx, input }) => comparePair(ctx.service, input)),
  /** Persons already in the registry who may be the one about to be entered by hand. */
  similar: procedureFor('write')
    .input(SimilarPersonsInputSchema)
    .query(({ ctx, input }) => findSimilarPersons(ctx.service, input)),
  /** The records merged into a person (not undone), to say so on the person's page. */
  merges: procedureFor('read')
    .input(z.object({ personId: IdSchema }))
    .query(({ ctx, input }) => listMergesInto(ctx.service, input.personId)),
  judge: procedureFor('review')
    .input(JudgeInputSchema)
    .mutation(({ ctx, input }) => judgePair(ctx.service, input)),
  undo: procedureFor('review')
    .input(z.object({ judgementId: IdSchema }))
    .mutation(({ ctx, input }) => undoJudgement(ctx.service, input.judgementId)),
  /**
   * Queues the nightly search for duplicates to run now and answers `{ queued: true }` at once;
   * the tasks appear in the review queue when the job has run.
   */
  scan: procedureFor('review').mutation(({ ctx }) => scanForDuplicates(ctx.service)),
  /** The latest scan, nightly or requested: queued, running, or finished with the pairs it opened. */
  scanStatus: procedureFor('review').query(({ ctx }) => getScanStatus(ctx.service)),
});
