import { renderWgeidCaseFile, WgeidCaseFileRequestSchema } from '@vigil/domain';
import { procedureFor, router } from '../trpc.ts';
import { createWgeidCaseFile } from './submissions.service.ts';

export const submissionsRouter = router({
  /** A case file for the UN Working Group on Enforced or Involuntary Disappearances. */
  wgeidCaseFile: procedureFor('write')
    .input(WgeidCaseFileRequestSchema)
    .mutation(async ({ ctx, input }) => {
      const file = await createWgeidCaseFile(ctx.service, input);
      return { ...file, text: renderWgeidCaseFile(file) };
    }),
});
