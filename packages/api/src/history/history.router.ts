import { procedureFor, router } from '../trpc.ts';
import { HistoryListInputSchema, listHistory } from './history.service.ts';

export const historyRouter = router({
  list: procedureFor('read')
    .input(HistoryListInputSchema)
    .query(({ ctx, input }) => listHistory(ctx.service, input)),
});
