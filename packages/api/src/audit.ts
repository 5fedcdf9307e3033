import type { AuditAction, AuditEntity } from '@vigil/domain';
import { auditDiff } from '@vigil/domain';
import { appendAudit, type DbOrTx } from '@vigil/db';
import type { ServiceContext } from './context.ts';

/**
 * Writes the audit entry of a change inside the change's transaction: who, what, from where,
 * and the filtered before/after.
 */
export function auditChange(
  tx: DbOrTx,
  ctx: Pick<ServiceContext, 'actor' | 'ip'>,
  action: AuditAction,
  entity: AuditEntity,
  entityId: string,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
) {
  return appendAudit(tx, {
    actorId: ctx.actor.id,
    action,
    entity,
    entityId,
    ip: ctx.ip,
    diff: auditDiff(before, after),
  });
}
