import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppError, canonicalJson } from '@vigil/domain';
import { and, eq, inArray, or } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { recordKeys } from '../schema.ts';

/** The one key of a sealed audit diff: `{ "$sealed": "v1.<nonce>.<ciphertext and tag>" }`. */
export const SEALED_DIFF_KEY = '$sealed';
const FORMAT = 'v1';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** A record whose audit values are sealed under its own key. */
export interface RecordRef {
  entity: string;
  entityId: string;
}

function additionalData(record: RecordRef): Buffer {
  // Binds a sealed diff to its record: it cannot be moved to another record's entry.
  return Buffer.from(`vigil-audit:${record.entity}:${record.entityId}`);
}

/**
 * The key of a record, made the first time one of its entries is sealed. Called under the audit
 * chain's lock, so two writers never make two keys for one record.
 */
export async function recordKey(tx: DbOrTx, record: RecordRef): Promise<Buffer> {
  const [found] = await tx
    .select({ key: recordKeys.key })
    .from(recordKeys)
    .where(and(eq(recordKeys.entity, record.entity), eq(recordKeys.entityId, record.entityId)));
  if (found) return Buffer.from(found.key, 'base64');
  const key = randomBytes(32);
  await tx.insert(recordKeys).values({ ...record, key: key.toString('base64') });
  return key;
}

/** Encrypts a diff with AES-256-GCM under its record's key. */
export function sealDiff(
  diff: Record<string, unknown>,
  key: Buffer,
  record: RecordRef,
): Record<string, unknown> {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(additionalData(record));
  const sealed = Buffer.concat([
    cipher.update(canonicalJson(diff), 'utf8'),
    cipher.final(),
    cipher.getAuthTag(),
  ]);
  return {
    [SEALED_DIFF_KEY]: `${FORMAT}.${nonce.toString('base64')}.${sealed.toString('base64')}`,
  };
}

function openDiff(sealed: string, key: Buffer, record: RecordRef): Record<string, unknown> {
  const [format, nonce, body] = sealed.split('.');
  if (format !== FORMAT || !nonce || !body)
    throw new AppError('INTERNAL', `Sealed audit values of ${record.entity} in an unknown format`);
  const bytes = Buffer.from(body, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64'));
  decipher.setAAD(additionalData(record));
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
  const text = Buffer.concat([
    decipher.update(bytes.subarray(0, bytes.length - TAG_BYTES)),
    decipher.final(),
  ]).toString('utf8');
  return JSON.parse(text) as Record<string, unknown>;
}

function idsByEntity(records: Iterable<RecordRef>): Map<string, string[]> {
  const grouped = new Map<string, Set<string>>();
  for (const r of records)
    grouped.set(r.entity, (grouped.get(r.entity) ?? new Set()).add(r.entityId));
  return new Map([...grouped].map(([entity, ids]) => [entity, [...ids]]));
}

function sealedValue(diff: Record<string, unknown> | null): string | null {
  const value = diff?.[SEALED_DIFF_KEY];
  return typeof value === 'string' ? value : null;
}

/**
 * Audit entries as readers need them: sealed values opened with their records' keys (one query
 * for all of them). The values of a purged record are gone with its key: its entries come back
 * with `diff: null` and `erased: true`.
 */
export async function openAuditDiffs<
  T extends { entity: string; entityId: string | null; diff: Record<string, unknown> | null },
>(db: DbOrTx, entries: readonly T[]): Promise<(T & { erased: boolean })[]> {
  const wanted = new Map<string, RecordRef>();
  for (const entry of entries)
    if (sealedValue(entry.diff) && entry.entityId)
      wanted.set(`${entry.entity}:${entry.entityId}`, {
        entity: entry.entity,
        entityId: entry.entityId,
      });
  const keys = new Map<string, Buffer>();
  const byEntity = idsByEntity(wanted.values());
  if (byEntity.size > 0)
    for (const row of await db
      .select()
      .from(recordKeys)
      .where(
        or(
          ...[...byEntity].map(([entity, ids]) =>
            and(eq(recordKeys.entity, entity), inArray(recordKeys.entityId, ids)),
          ),
        ),
      ))
      keys.set(`${row.entity}:${row.entityId}`, Buffer.from(row.key, 'base64'));
  return entries.map((entry) => {
    const sealed = sealedValue(entry.diff);
    if (!sealed || !entry.entityId) return { ...entry, erased: false };
    const record = { entity: entry.entity, entityId: entry.entityId };
    const key = keys.get(`${record.entity}:${record.entityId}`);
    if (!key) return { ...entry, diff: null, erased: true };
    return { ...entry, diff: openDiff(sealed, key, record), erased: false };
  });
}

/** Destroys the keys of these records: every value sealed under them is unreadable from now on. */
export async function destroyRecordKeys(tx: DbOrTx, records: readonly RecordRef[]) {
  let destroyed = 0;
  for (const [entity, ids] of idsByEntity(records)) {
    for (let i = 0; i < ids.length; i += 1000) {
      const gone = await tx
        .delete(recordKeys)
        .where(
          and(eq(recordKeys.entity, entity), inArray(recordKeys.entityId, ids.slice(i, i + 1000))),
        )
        .returning({ entityId: recordKeys.entityId });
      destroyed += gone.length;
    }
  }
  return destroyed;
}
