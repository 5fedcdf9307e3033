import type { AuditAction, AuditEntity } from '@vigil/domain';
import { appendAudit, type Tx } from '@vigil/db';

/** Who the audit trail names for what the background jobs change. */
export const WORKER_ACTOR = 'worker';

/**
 * Records a change made by a job, inside the job's fenced transaction, so that the change and
 * its audit entry commit together or not at all. Diffs hold ids and short values only.
 */
export function auditWorkerChange(
  tx: Tx,
  action: AuditAction,
  entity: AuditEntity,
  entityId: string,
  diff: Record<string, unknown>,
) {
  return appendAudit(tx, { actorId: WORKER_ACTOR, action, entity, entityId, diff });
}
