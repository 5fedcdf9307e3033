import { verifyAuditChain } from '@vigil/db';
import { z } from 'zod';
import { procedureFor, router } from '../trpc.ts';
import { AuditLogInputSchema, listAuditLog } from './audit-log.service.ts';

export const systemRouter = router({
  /** Queue state for the admin app's system page. */
  jobs: procedureFor('admin').query(({ ctx }) => ctx.queue.stats()),
  /** Jobs that failed every attempt (the dead letter queue), latest first. */
  failedJobs: procedureFor('admin')
    .input(
      z.object({ limit: z.number().int().min(1).max(500).default(100) }).default({ limit: 100 }),
    )
    .query(({ ctx, input }) => ctx.queue.failedJobs(input.limit)),
  /** The audit log, newest first, without the values of its entries. */
  auditLog: procedureFor('admin')
    .input(AuditLogInputSchema)
    .query(({ ctx, input }) => listAuditLog(ctx.service, input)),
  /** Walks the audit chain. */
  verifyAudit: procedureFor('admin').query(({ ctx }) => verifyAuditChain(ctx.db)),
});
