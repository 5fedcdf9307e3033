import { ApiKeyCreateSchema, ApiKeyRevokeSchema } from '@vigil/domain';
import { procedureFor, router } from '../trpc.ts';
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys.service.ts';

/** Partner API keys, managed by admins in the admin app. */
export const apiKeysRouter = router({
  create: procedureFor('admin')
    .input(ApiKeyCreateSchema)
    .mutation(({ ctx, input }) => createApiKey(ctx.service, input)),
  list: procedureFor('admin').query(({ ctx }) => listApiKeys(ctx.service)),
  revoke: procedureFor('admin')
    .input(ApiKeyRevokeSchema)
    .mutation(({ ctx, input }) => revokeApiKey(ctx.service, input)),
});
