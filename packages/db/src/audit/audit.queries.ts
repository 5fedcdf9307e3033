import { createHash } from 'node:crypto';
import { canonicalJson, sealsAuditValues, type AuditAction, type AuditEntity } from '@vigil/domain';
import { asc, desc, gte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { auditEntries } from '../schema.ts';
import { recordKey, sealDiff } from './audit-sealing.ts';

/** The hash before the first entry. */
export const AUDIT_GENESIS = '0'.repeat(64);

/** Serializes appends across every process that writes to the same database. */
const AUDIT_LOCK = 0x56494749; // "VIGI"

export interface AuditInput {
  actorId: string | null;
  action: AuditAction;
  entity: AuditEntity;
  entityId: string | null;
  ip?: string | null;
  diff?: Record<string, unknown> | null;
}

interface HashedFields extends Required<Omit<AuditInput, 'entity'>> {
  /** As stored: an entry written before a kind of record was renamed keeps its old name. */
  entity: string;
  seq: number;
  at: Date;
}

/** The hash of one entry: SHA-256 over the previous hash and the entry's canonical JSON. */
export function auditEntryHash(prevHash: string, entry: HashedFields): string {
  const body = canonicalJson({
    seq: entry.seq,
    at: entry.at.toISOString(),
    actorId: entry.actorId,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    ip: entry.ip,
    diff: entry.diff,
  });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

/** The hash a stored entry should have after `prevHash`, from its row. */
export function storedEntryHash(prevHash: string, row: typeof auditEntries.$inferSelect): string {
  return auditEntryHash(prevHash, {
    seq: row.seq,
    at: row.at,
    actorId: row.actorId,
    action: row.action as AuditAction,
    entity: row.entity,
    entityId: row.entityId,
    ip: row.ip,
    diff: row.diff ?? null,
  });
}

/**
 * Appends one entry to the audit chain inside the caller's transaction, so that the change
 * and its audit entry commit together or not at all. Appends are serialized by a
 * transaction-scoped advisory lock: parallel writers never fork the chain. The values of an
 * entry about a person's records are sealed under the record's key (`sealsAuditValues`), and the
 * hash covers them sealed: a purge destroys the key and the chain still verifies.
 */
export async function appendAudit(
  tx: DbOrTx,
  input: AuditInput,
): Promise<{ seq: number; hash: string }> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK})`);
  const [last] = await tx
    .select({ seq: auditEntries.seq, hash: auditEntries.hash })
    .from(auditEntries)
    .orderBy(desc(auditEntries.seq))
    .limit(1);
  const entry: HashedFields = {
    seq: (last?.seq ?? 0) + 1,
    at: new Date(),
    actorId: input.actorId,
    action: input.action,
    entity: input.entity,
    entityId: input.entityId,
    ip: input.ip ?? null,
    diff: await storedDiff(tx, input),
  };
  const prevHash = last?.hash ?? AUDIT_GENESIS;
  const hash = auditEntryHash(prevHash, entry);
  await tx.insert(auditEntries).values({ ...entry, prevHash, hash });
  return { seq: entry.seq, hash };
}

async function storedDiff(tx: DbOrTx, input: AuditInput) {
  const diff = input.diff ?? null;
  if (!diff || !input.entityId || !sealsAuditValues(input.entity, input.action)) return diff;
  const record = { entity: input.entity, entityId: input.entityId };
  return sealDiff(diff, await recordKey(tx, record), record);
}

export type AuditVerification =
  | { ok: true; entries: number; head: { seq: number; hash: string } | null }
  | { ok: false; entries: number; brokenAt: number; problem: string };

/**
 * Walks the whole chain and reports the first entry whose sequence, link or hash is wrong.
 * Optionally checks that an earlier exported head is still part of the chain.
 */
export async function verifyAuditChain(
  db: DbOrTx,
  options: { expectedHead?: { seq: number; hash: string } } = {},
): Promise<AuditVerification> {
  const batch = 5000;
  let prevHash = AUDIT_GENESIS;
  let expectedSeq = 1;
  let count = 0;
  let head: { seq: number; hash: string } | null = null;
  let headSeen = !options.expectedHead;
  for (;;) {
    // The first batch has no lower bound, so that an entry slipped in before the first one
    // (sequence number 0 or below) is seen and reported, not silently skipped.
    const rows = await db
      .select()
      .from(auditEntries)
      .where(count === 0 ? undefined : gte(auditEntries.seq, expectedSeq))
      .orderBy(asc(auditEntries.seq))
      .limit(batch);
    for (const row of rows) {
      count++;
      if (row.seq < expectedSeq)
        return {
          ok: false,
          entries: count,
          brokenAt: row.seq,
          problem: 'is not part of the chain: it comes before the first entry',
        };
      if (row.seq !== expectedSeq)
        return {
          ok: false,
          entries: count,
          brokenAt: expectedSeq,
          problem: `entry ${expectedSeq} is missing`,
        };
      if (row.prevHash !== prevHash)
        return {
          ok: false,
          entries: count,
          brokenAt: row.seq,
          problem: 'does not link to the entry before it',
        };
      const hash = storedEntryHash(prevHash, row);
      if (hash !== row.hash)
        return {
          ok: false,
          entries: count,
          brokenAt: row.seq,
          problem: 'its content was changed after it was written',
        };
      if (options.expectedHead && row.seq === options.expectedHead.seq) {
        if (row.hash !== options.expectedHead.hash)
          return {
            ok: false,
            entries: count,
            brokenAt: row.seq,
            problem: 'differs from the exported chain head',
          };
        headSeen = true;
      }
      prevHash = row.hash;
      expectedSeq = row.seq + 1;
      head = { seq: row.seq, hash: row.hash };
    }
    if (rows.length < batch) break;
  }
  if (!headSeen && options.expectedHead)
    return {
      ok: false,
      entries: count,
      brokenAt: options.expectedHead.seq,
      problem: 'the exported chain head is gone',
    };
  return { ok: true, entries: count, head };
}
