import { ClaimCreateSchema, ClaimUpdateSchema, IdSchema } from '@vigil/domain';
import { z } from 'zod';
import { procedureFor, router } from '../trpc.ts';
import {
  ClaimListInputSchema,
  createClaim,
  getClaim,
  listClaims,
  updateClaim,
} from './claims.service.ts';

export const claimsRouter = router({
  create: procedureFor('write')
    .input(ClaimCreateSchema)
    .mutation(({ ctx, input }) => createClaim(ctx.service, input)),
  get: procedureFor('read')
    .input(z.object({ id: IdSchema }))
    .query(({ ctx, input }) => getClaim(ctx.service, input.id)),
  list: procedureFor('read')
    .input(ClaimListInputSchema)
    .query(({ ctx, input }) => listClaims(ctx.service, input)),
  update: procedureFor('write')
    .input(ClaimUpdateSchema)
    .mutation(({ ctx, input }) => updateClaim(ctx.service, input)),
});
