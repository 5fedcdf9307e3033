import { EventCreateSchema, EventUpdateSchema, IdSchema } from '@vigil/domain';
import { z } from 'zod';
import { procedureFor, router } from '../trpc.ts';
import {
  createEvent,
  EventListInputSchema,
  getEvent,
  listEvents,
  updateEvent,
} from './events.service.ts';

export const eventsRouter = router({
  create: procedureFor('write')
    .input(EventCreateSchema)
    .mutation(({ ctx, input }) => createEvent(ctx.service, input)),
  get: procedureFor('read')
    .input(z.object({ id: IdSchema }))
    .query(({ ctx, input }) => getEvent(ctx.service, input.id)),
  list: procedureFor('read')
    .input(EventListInputSchema)
    .query(({ ctx, input }) => listEvents(ctx.service, input)),
  update: procedureFor('write')
    .input(EventUpdateSchema)
    .mutation(({ ctx, input }) => updateEvent(ctx.service, input)),
});
