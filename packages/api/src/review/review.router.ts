import { procedureFor, router } from '../trpc.ts';
import {
  assignReviewTask,
  decideReviewTask,
  listReviewTasks,
  ReviewAssignInputSchema,
  ReviewDecideInputSchema,
  ReviewListInputSchema,
} from './review.service.ts';

export const reviewRouter = router({
  list: procedureFor('read')
    .input(ReviewListInputSchema)
    .query(({ ctx, input }) => listReviewTasks(ctx.service, input)),
  assign: procedureFor('review')
    .input(ReviewAssignInputSchema)
    .mutation(({ ctx, input }) => assignReviewTask(ctx.service, input)),
  decide: procedureFor('review')
    .input(ReviewDecideInputSchema)
    .mutation(({ ctx, input }) => decideReviewTask(ctx.service, input)),
});
