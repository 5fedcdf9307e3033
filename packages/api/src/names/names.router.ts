import { IdSchema, NameCreateSchema, NameUpdateSchema } from '@vigil/domain';
import { z } from 'zod';
import { procedureFor, router } from '../trpc.ts';
import { createName, getName, listNames, updateName } from './names.service.ts';

export const namesRouter = router({
  create: procedureFor('write')
    .input(NameCreateSchema)
    .mutation(({ ctx, input }) => createName(ctx.service, input)),
  get: procedureFor('read')
    .input(z.object({ id: IdSchema }))
    .query(({ ctx, input }) => getName(ctx.service, input.id)),
  list: procedureFor('read')
    .input(z.object({ personId: IdSchema }))
    .query(({ ctx, input }) => listNames(ctx.service, input.personId)),
  update: procedureFor('write')
    .input(NameUpdateSchema)
    .mutation(({ ctx, input }) => updateName(ctx.service, input)),
});
