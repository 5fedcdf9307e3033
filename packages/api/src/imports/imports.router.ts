import { IdSchema } from '@vigil/domain';
import { z } from 'zod';
import { procedureFor, router } from '../trpc.ts';
import {
  confirmImport,
  getImport,
  ImportConfirmInputSchema,
  ImportPreviewInputSchema,
  listImports,
  previewImport,
} from './imports.service.ts';

export const importsRouter = router({
  preview: procedureFor('write')
    .input(ImportPreviewInputSchema)
    .mutation(({ ctx, input }) => previewImport(ctx.service, input)),
  confirm: procedureFor('write')
    .input(ImportConfirmInputSchema)
    .mutation(({ ctx, input }) => confirmImport(ctx.service, input)),
  get: procedureFor('write')
    .input(z.object({ id: IdSchema, withRows: z.boolean().default(false) }))
    .query(({ ctx, input }) => getImport(ctx.service, input.id, { withRows: input.withRows })),
  list: procedureFor('write').query(({ ctx }) => listImports(ctx.service)),
});
