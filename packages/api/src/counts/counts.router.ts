import { CountClaimCreateSchema, CountClaimUpdateSchema, IdSchema } from '@vigil/domain';
import { z } from 'zod';
import { procedureFor, router } from '../trpc.ts';
import {
  countSeries,
  CountSeriesInputSchema,
  createCountClaim,
  CountListInputSchema,
  getCountClaim,
  listCountClaims,
  updateCountClaim,
} from './counts.service.ts';

export const countsRouter = router({
  create: procedureFor('write')
    .input(CountClaimCreateSchema)
    .mutation(({ ctx, input }) => createCountClaim(ctx.service, input)),
  get: procedureFor('read')
    .input(z.object({ id: IdSchema }))
    .query(({ ctx, input }) => getCountClaim(ctx.service, input.id)),
  list: procedureFor('read')
    .input(CountListInputSchema)
    .query(({ ctx, input }) => listCountClaims(ctx.service, input)),
  series: procedureFor('read')
    .input(CountSeriesInputSchema)
    .query(({ ctx, input }) => countSeries(ctx.service, input)),
  update: procedureFor('write')
    .input(CountClaimUpdateSchema)
    .mutation(({ ctx, input }) => updateCountClaim(ctx.service, input)),
});
