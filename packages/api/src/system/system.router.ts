import { verifyAuditChain } from '@vigil/db';
import { procedureFor, router } from '../trpc.ts';

export const systemRouter = router({
  /** Queue state for the admin app's system page. */
  jobs: procedureFor('admin').query(({ ctx }) => ctx.queue.stats()),
  /** Walks the audit chain. */
  verifyAudit: procedureFor('admin').query(({ ctx }) => verifyAuditChain(ctx.db)),
});
