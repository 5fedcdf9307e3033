import { AppError, AUDIT_ACTIONS, AUDIT_ENTITIES, mayReadAuditLog } from '@vigil/domain';
import { apiKeys, auditEntries, users } from '@vigil/db';
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../context.ts';

export const AuditLogInputSchema = z.object({
  action: z.enum(AUDIT_ACTIONS, 'must be one of the audit actions').optional(),
  entity: z.enum(AUDIT_ENTITIES, 'must be one of the kinds of record in the audit log').optional(),
  /** Entries older than this sequence number: the cursor of the next page. */
  cursor: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(200, 'must be at most 200').default(50),
});

/**
 * The audit log for an admin, newest first: who (a user, a partner key, or the system) did what
 * to which record, when and from where. Only what identifies an entry, never its values: those
 * may be restricted, and are read on each record's history, cut to the reader's clearance.
 * Filtered by action and by the kind of record. Only for an admin cleared for restricted data
 * (`mayReadAuditLog`): the entries name every record, restricted ones too.
 *
 * @example
 * await listAuditLog(ctx, { action: 'export', limit: 20 })
 * // { items: [{ seq, at, action: 'export', entity: 'registry', actor: { kind: 'user', name } … }], nextCursor }
 */
export async function listAuditLog(
  ctx: Pick<ServiceContext, 'db' | 'actor'>,
  input: z.infer<typeof AuditLogInputSchema>,
) {
  if (!mayReadAuditLog(ctx.actor.role, ctx.actor.clearance))
    throw new AppError(
      'FORBIDDEN',
      'Reading the audit log needs clearance for restricted data: its entries name every record',
    );
  const rows = await ctx.db
    .select({
      seq: auditEntries.seq,
      at: auditEntries.at,
      action: auditEntries.action,
      entity: auditEntries.entity,
      entityId: auditEntries.entityId,
      ip: auditEntries.ip,
      actorId: auditEntries.actorId,
      userName: users.displayName,
      keyName: apiKeys.name,
    })
    .from(auditEntries)
    .leftJoin(users, sql`${users.id}::text = ${auditEntries.actorId}`)
    .leftJoin(apiKeys, sql`${apiKeys.id}::text = ${auditEntries.actorId}`)
    .where(
      and(
        input.action ? eq(auditEntries.action, input.action) : undefined,
        input.entity ? eq(auditEntries.entity, input.entity) : undefined,
        input.cursor ? lt(auditEntries.seq, input.cursor) : undefined,
      ),
    )
    .orderBy(desc(auditEntries.seq))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  return {
    items: page.map(({ userName, keyName, actorId, ...entry }) => ({
      ...entry,
      actor: userName
        ? { kind: 'user' as const, name: userName }
        : keyName
          ? { kind: 'partner_key' as const, name: keyName }
          : actorId
            ? { kind: 'unknown' as const, name: actorId }
            : { kind: 'system' as const, name: null },
    })),
    nextCursor: rows.length > input.limit ? (page.at(-1)?.seq ?? null) : null,
  };
}
