import { IdSchema, PersonCreateSchema, PersonUpdateSchema } from '@vigil/domain';
import { z } from 'zod';
import { procedureFor, router } from '../trpc.ts';
import {
  createPerson,
  getPerson,
  listPersons,
  PersonListInputSchema,
  updatePerson,
} from './persons.service.ts';

export const personsRouter = router({
  create: procedureFor('write')
    .input(PersonCreateSchema)
    .mutation(({ ctx, input }) => createPerson(ctx.service, input)),
  get: procedureFor('read')
    .input(z.object({ id: IdSchema }))
    .query(({ ctx, input }) => getPerson(ctx.service, input.id)),
  list: procedureFor('read')
    .input(PersonListInputSchema)
    .query(({ ctx, input }) => listPersons(ctx.service, input)),
  update: procedureFor('write')
    .input(PersonUpdateSchema)
    .mutation(({ ctx, input }) => updatePerson(ctx.service, input)),
});
