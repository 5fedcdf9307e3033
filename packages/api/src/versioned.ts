import { AppError, type AuditEntity } from '@vigil/domain';
import type { DbOrTx } from '@vigil/db';
import { and, eq, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { auditChange } from './audit.ts';
import type { ServiceContext } from './context.ts';
import { assertVisible } from './redaction.ts';

type VersionedTable = PgTable & { id: PgColumn; version: PgColumn };

/**
 * The optimistic-concurrency update every record shares: read the row, write the patch only
 * where `version` is still the one the caller read, bump the version, audit the change.
 * A stale version changes nothing and gets CONFLICT; a row the caller may not see gets
 * NOT_FOUND. Runs inside the caller's transaction.
 */
export async function updateVersioned<Row extends Record<string, unknown>>(
  tx: DbOrTx,
  ctx: ServiceContext,
  options: {
    table: VersionedTable;
    entity: AuditEntity;
    what: string;
    id: string;
    version: number;
    patch: Record<string, unknown>;
  },
): Promise<{ before: Row; after: Row }> {
  const { table } = options;
  const [before] = (await tx
    .select()
    .from(table as never)
    .where(eq(table.id, options.id))) as Row[];
  assertVisible(before, ctx.actor.clearance, options.what);
  const set: Record<string, unknown> = { ...options.patch, version: sql`${table.version} + 1` };
  if ('updatedAt' in table) set.updatedAt = new Date();
  const [after] = (await tx
    .update(table)
    .set(set as never)
    .where(and(eq(table.id, options.id), eq(table.version, options.version)))
    .returning()) as Row[];
  if (!after) throw AppError.conflict(options.what);
  await auditChange(tx, ctx, 'update', options.entity, options.id, before!, after);
  return { before: before!, after };
}
