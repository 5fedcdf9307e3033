import {
  HISTORY_ACTIONS,
  HISTORY_ENTITY,
  historySourceIds,
  type HistoryEntry,
  type HistoryKind,
  type RecordHistory,
  type Sensitivity,
} from '@vigil/domain';
import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { openAuditDiffs } from '../audit/audit-sealing.ts';
import type { DbOrTx } from '../client.ts';
import {
  auditEntries,
  claims,
  countClaims,
  events,
  personNames,
  persons,
  sourceFiles,
  sources,
  users,
} from '../schema.ts';

/** Audit entities and the ids of their records. */
export interface AuditTarget {
  entity: string;
  ids: readonly string[];
}

const entryColumns = {
  seq: auditEntries.seq,
  at: auditEntries.at,
  action: auditEntries.action,
  entity: auditEntries.entity,
  entityId: auditEntries.entityId,
  actorId: auditEntries.actorId,
  actorName: users.displayName,
  diff: auditEntries.diff,
};

/**
 * The audit entries that changed these records (reads and sign-ins left out), oldest first, each
 * with the acting user's display name when a user acted.
 */
export async function findAuditEntriesOf(
  db: DbOrTx,
  targets: readonly AuditTarget[],
): Promise<HistoryEntry[]> {
  const wanted = targets
    .filter((t) => t.ids.length > 0)
    .map((t) => and(eq(auditEntries.entity, t.entity), inArray(auditEntries.entityId, [...t.ids])));
  if (wanted.length === 0) return [];
  const rows = await db
    .select(entryColumns)
    .from(auditEntries)
    .leftJoin(users, sql`${users.id}::text = ${auditEntries.actorId}`)
    .where(and(inArray(auditEntries.action, [...HISTORY_ACTIONS]), or(...wanted)))
    .orderBy(asc(auditEntries.seq));
  return openAuditDiffs(
    db,
    rows.map((row) => ({ ...row, diff: row.diff ?? null })),
  );
}

/**
 * The merges and unmerges that moved names to or from a person: those of the person themself,
 * and those of the persons merged into them.
 */
export async function findMergesOf(db: DbOrTx, personId: string): Promise<HistoryEntry[]> {
  const rows = await db
    .select(entryColumns)
    .from(auditEntries)
    .leftJoin(users, sql`${users.id}::text = ${auditEntries.actorId}`)
    .where(
      and(
        eq(auditEntries.entity, 'person'),
        inArray(auditEntries.action, ['merge', 'unmerge']),
        or(
          eq(auditEntries.entityId, personId),
          sql`${auditEntries.diff} -> 'mergedInto' @> jsonb_build_array(${personId}::text)`,
        ),
      ),
    )
    .orderBy(asc(auditEntries.seq));
  return rows.map((row) => ({ ...row, diff: row.diff ?? null }));
}

/**
 * How sensitive each of these records is now, whatever its kind (person, source, event, claim,
 * count claim): its own level, a claim's that of its source, `null` for a hidden person. Ids of
 * no record are not in the answer.
 */
export async function findRecordSensitivities(
  db: DbOrTx,
  ids: readonly string[],
): Promise<Map<string, Sensitivity | null>> {
  const found = new Map<string, Sensitivity | null>();
  if (ids.length === 0) return found;
  const list = [...ids];
  for (const p of await db
    .select({ id: persons.id, sensitivity: persons.sensitivity, hiddenAt: persons.hiddenAt })
    .from(persons)
    .where(inArray(persons.id, list)))
    found.set(p.id, p.hiddenAt ? null : p.sensitivity);
  for (const s of await db
    .select({ id: sources.id, sensitivity: sources.sensitivity })
    .from(sources)
    .where(inArray(sources.id, list)))
    found.set(s.id, s.sensitivity);
  for (const e of await db
    .select({ id: events.id, sensitivity: events.sensitivity })
    .from(events)
    .where(inArray(events.id, list)))
    found.set(e.id, e.sensitivity);
  for (const c of await db
    .select({ id: claims.id, sensitivity: sources.sensitivity })
    .from(claims)
    .innerJoin(sources, eq(sources.id, claims.sourceId))
    .where(inArray(claims.id, list)))
    found.set(c.id, c.sensitivity);
  for (const c of await db
    .select({ id: countClaims.id, sensitivity: sources.sensitivity })
    .from(countClaims)
    .innerJoin(sources, eq(sources.id, countClaims.sourceId))
    .where(inArray(countClaims.id, list)))
    found.set(c.id, c.sensitivity);
  return found;
}

/** The record as its history needs it now, or null when there is none (or it is hidden). */
async function findSubject(
  db: DbOrTx,
  kind: HistoryKind,
  id: string,
): Promise<{ sensitivity: Sensitivity; sourceId?: string } | null> {
  switch (kind) {
    case 'person': {
      const [row] = await db
        .select({ sensitivity: persons.sensitivity })
        .from(persons)
        .where(and(eq(persons.id, id), isNull(persons.hiddenAt)));
      return row ?? null;
    }
    case 'source': {
      const [row] = await db
        .select({ sensitivity: sources.sensitivity })
        .from(sources)
        .where(eq(sources.id, id));
      return row ?? null;
    }
    case 'event': {
      const [row] = await db
        .select({ sensitivity: events.sensitivity })
        .from(events)
        .where(eq(events.id, id));
      return row ?? null;
    }
    case 'claim': {
      const [row] = await db
        .select({ sensitivity: sources.sensitivity, sourceId: claims.sourceId })
        .from(claims)
        .innerJoin(sources, eq(sources.id, claims.sourceId))
        .where(eq(claims.id, id));
      return row ?? null;
    }
    case 'countClaim': {
      const [row] = await db
        .select({ sensitivity: sources.sensitivity, sourceId: countClaims.sourceId })
        .from(countClaims)
        .innerJoin(sources, eq(sources.id, countClaims.sourceId))
        .where(eq(countClaims.id, id));
      return row ?? null;
    }
  }
}

/** The audit entities and ids that make up a record's history besides its own entries. */
async function partsOf(db: DbOrTx, kind: HistoryKind, id: string): Promise<AuditTarget[]> {
  switch (kind) {
    case 'person': {
      const names = await db
        .select({ id: personNames.id })
        .from(personNames)
        .where(eq(personNames.personId, id));
      return [{ entity: 'name', ids: names.map((n) => n.id) }];
    }
    case 'source': {
      const files = await db
        .select({ id: sourceFiles.id })
        .from(sourceFiles)
        .where(eq(sourceFiles.sourceId, id));
      return [{ entity: 'source_file', ids: files.map((f) => f.id) }];
    }
    case 'event':
      return [{ entity: 'event_participants', ids: [id] }];
    case 'claim':
    case 'countClaim':
      return [];
  }
}

/**
 * Everything the history of one record is built from (see `historyVisibleTo` in
 * `@vigil/domain`): the record's sensitivity now, the audit entries of the record and of its
 * parts (a person's names, a source's files, an event's participants), the merges that moved a
 * person's names, and for a claim or count claim every source it cited with that source's
 * entries. `null` when there is no such record, or it is hidden. Nothing here is cut to a
 * clearance yet: the caller does that with the domain's rule.
 */
export async function findRecordHistory(
  db: DbOrTx,
  kind: HistoryKind,
  id: string,
): Promise<RecordHistory | null> {
  const subject = await findSubject(db, kind, id);
  if (!subject) return null;
  const entries = await findAuditEntriesOf(db, [
    { entity: HISTORY_ENTITY[kind], ids: [id] },
    ...(await partsOf(db, kind, id)),
  ]);
  const history: RecordHistory = { kind, id, ...subject, entries };
  if (kind === 'person') history.merges = await findMergesOf(db, id);
  if (kind === 'claim' || kind === 'countClaim') {
    const cited = historySourceIds(history);
    const now = cited.length
      ? await db
          .select({ id: sources.id, sensitivity: sources.sensitivity })
          .from(sources)
          .where(inArray(sources.id, cited))
      : [];
    const sourceEntries = await findAuditEntriesOf(db, [{ entity: 'source', ids: cited }]);
    history.sources = new Map(
      now.map((s) => [
        s.id,
        { sensitivity: s.sensitivity, entries: sourceEntries.filter((e) => e.entityId === s.id) },
      ]),
    );
  }
  return history;
}
