import {
  IdSchema,
  SourceCreateSchema,
  SourceFileUploadSchema,
  SourceUpdateSchema,
} from '@vigil/domain';
import { z } from 'zod';
import { procedureFor, router } from '../trpc.ts';
import {
  createSource,
  getSource,
  listSources,
  SourceListInputSchema,
  updateSource,
  uploadSourceFile,
} from './sources.service.ts';

export const sourcesRouter = router({
  create: procedureFor('write')
    .input(SourceCreateSchema)
    .mutation(({ ctx, input }) => createSource(ctx.service, input)),
  get: procedureFor('read')
    .input(z.object({ id: IdSchema }))
    .query(({ ctx, input }) => getSource(ctx.service, input.id)),
  list: procedureFor('read')
    .input(SourceListInputSchema)
    .query(({ ctx, input }) => listSources(ctx.service, input)),
  update: procedureFor('write')
    .input(SourceUpdateSchema)
    .mutation(({ ctx, input }) => updateSource(ctx.service, input)),
  uploadFile: procedureFor('write')
    .input(SourceFileUploadSchema)
    .mutation(({ ctx, input }) => uploadSourceFile(ctx.service, input)),
});
