import { randomUUID } from 'node:crypto';
import {
  detectScript,
  duplicateSuggestions,
  importRowDecision,
  parsePartialDate,
  searchKey,
  type MatchDecision,
  type MatchDecisionKind,
  type MatchRecord,
} from '@vigil/domain';
import { and, eq, sql } from 'drizzle-orm';
import { appendAudit } from '../audit/audit.queries.ts';
import type { Db, Tx } from '../client.ts';
import { createCandidateFinder, refreshMatchKeys } from '../matching/match-keys.queries.ts';
import type { FileStore } from '../files/file-store.ts';
import { insertRows } from './insert-rows.ts';
import {
  claims,
  imports,
  personNames,
  persons,
  reviewTasks,
  sourceFiles,
  sources,
  users,
} from '../schema.ts';

/** One row of an import as the dry run showed it. */
export interface ImportRowPreview {
  line: number;
  id: string;
  name: string;
  birthDate: string | null;
  place: string | null;
  fatherName: string | null;
  decision: MatchDecisionKind;
  match: string | null;
  candidates: { id: string; score: number }[];
}

/**
 * A row as the dry run shows it, from the list row (with its line in the file) and the decision
 * the registry gave it.
 */
export function importRowPreviewOf(
  row: MatchRecord & { line: number },
  decision: MatchDecision,
): ImportRowPreview {
  return {
    line: row.line,
    id: row.id,
    name: row.name,
    birthDate: row.birthDate ?? null,
    place: row.place ?? null,
    fatherName: row.fatherName ?? null,
    decision: decision.decision,
    match: decision.match ?? null,
    candidates: decision.candidates,
  };
}

/** Rows matched per progress step. */
const CHUNK = 100;

export interface ImportSummary {
  created: number;
  linked: number;
  toReview: number;
  claims: number;
}

type ImportRecord = typeof imports.$inferSelect;

/** How a step of an import (its dry run, its apply) makes its final write. */
interface ImportStepOptions {
  /** Runs the final write; the worker passes its fenced transaction. */
  transaction?: <T>(work: (tx: Tx) => Promise<T>) => Promise<T>;
  /** Where the importer's request came from, when the step runs inside it; the worker has none. */
  ip?: string | null;
}

/**
 * The import's state, its row locked until the transaction ends: a step writes only if no other
 * attempt has moved the import on meanwhile.
 */
async function lockedState(tx: Tx, importId: string) {
  const [locked] = await tx
    .select({ state: imports.state })
    .from(imports)
    .where(eq(imports.id, importId))
    .for('update');
  return locked?.state;
}

/** Runs work in a plain transaction, where no worker passes a fenced one. */
function defaultTransaction(db: Db) {
  return <T>(work: (tx: Tx) => Promise<T>): Promise<T> => db.transaction(work);
}

/**
 * Matches an import's rows against the registry as its importer may see it (never a person above
 * their clearance; a list imported from the command line sees everyone), in chunks, recording
 * how many are done after each so that the admin app can show a real progress bar.
 */
async function matchRowsWithProgress<Row extends MatchRecord>(
  db: Db,
  job: ImportRecord,
  rows: readonly Row[],
): Promise<{ row: Row; decision: MatchDecision }[]> {
  const [importer] = job.createdBy
    ? await db.select({ clearance: users.clearance }).from(users).where(eq(users.id, job.createdBy))
    : [];
  const finder = createCandidateFinder(db, { clearance: importer?.clearance });
  const matched: { row: Row; decision: MatchDecision }[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const results = await finder.find(chunk);
    results.forEach((r, j) => matched.push({ row: chunk[j]!, decision: r.decision }));
    await db
      .update(imports)
      .set({ processed: matched.length, updatedAt: new Date() })
      .where(eq(imports.id, job.id));
  }
  return matched;
}

/**
 * The dry run of an import the worker was given (state `matching`): every row matched against
 * the registry in chunks with progress, then each row's decision recorded and the import left
 * `previewed` for its importer to confirm. Nothing in the registry changes. Safe to run again.
 */
export async function matchImport(
  db: Db,
  importId: string,
  options: ImportStepOptions = {},
): Promise<boolean> {
  const transaction = options.transaction ?? defaultTransaction(db);
  const [job] = await db.select().from(imports).where(eq(imports.id, importId));
  if (job?.state !== 'matching') return false;
  await db
    .update(imports)
    .set({ phase: 'matching', processed: 0, updatedAt: new Date() })
    .where(eq(imports.id, importId));
  const rows = job.rows as (MatchRecord & { line: number })[];
  const previews = (await matchRowsWithProgress(db, job, rows)).map(({ row, decision }) =>
    importRowPreviewOf(row, decision),
  );
  return transaction(async (tx) => {
    if ((await lockedState(tx, importId)) !== 'matching') return false;
    await tx
      .update(imports)
      .set({
        state: 'previewed',
        phase: null,
        rows: previews,
        processed: previews.length,
        version: sql`${imports.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(imports.id, importId));
    await appendAudit(tx, {
      actorId: job.createdBy,
      action: 'update',
      entity: 'import',
      entityId: importId,
      ip: options.ip ?? null,
      diff: { state: ['matching', 'previewed'], rows: [null, previews.length] },
    });
    return true;
  });
}

/**
 * Applies a confirmed import. First it matches every row again against the registry as it is
 * now, reporting progress after each chunk; then it writes everything — the list as a source,
 * a person or a new spelling per row, a claim per row, a review task per ambiguous row — in one
 * transaction, so the import lands whole or not at all. Safe to run again: an applied import
 * is left as it is.
 */
export async function applyImport(
  db: Db,
  importId: string,
  options: ImportStepOptions & {
    /**
     * Where the list itself is kept, by SHA-256, as the source's file: what was imported can be
     * proven later. Without it the source holds the list's text only.
     */
    files?: Pick<FileStore, 'storeBytes'>;
  } = {},
): Promise<ImportSummary | null> {
  const transaction = options.transaction ?? defaultTransaction(db);
  const [job] = await db.select().from(imports).where(eq(imports.id, importId));
  if (!job) return null;
  if (job.state === 'applied') return job.summary as unknown as ImportSummary;
  if (!['queued', 'applying', 'failed'].includes(job.state)) return null;

  const rows = job.rows as ImportRowPreview[];
  await db
    .update(imports)
    .set({ state: 'applying', phase: 'matching', processed: 0, error: null, updatedAt: new Date() })
    .where(eq(imports.id, importId));

  const decided: ImportRowPreview[] = [];
  for (const { row, decision: matched } of await matchRowsWithProgress(db, job, rows)) {
    const decision = importRowDecision(matched, job.acceptAutomatic);
    decided.push({
      ...row,
      decision,
      match: decision === 'match' ? (matched.match ?? null) : null,
      candidates: matched.candidates,
    });
  }

  await db
    .update(imports)
    .set({ phase: 'writing', updatedAt: new Date() })
    .where(eq(imports.id, importId));
  // Stored before the write: content-addressed and idempotent, so a write that fails or is
  // retried leaves at most an unreferenced copy of the same bytes.
  const listBytes = new TextEncoder().encode(job.text);
  const listFile = options.files ? await options.files.storeBytes(listBytes) : null;
  return transaction(async (tx) => {
    if ((await lockedState(tx, importId)) !== 'applying') return null;
    const [source] = await tx
      .insert(sources)
      .values({
        kind: 'official_list',
        title: job.sourceTitle,
        content: job.text,
        archiveStatus: 'not_applicable',
        sensitivity: 'staff',
        notes: `Imported from ${job.filename ?? 'a pasted list'} (${rows.length} rows)`,
      })
      .returning({ id: sources.id });
    if (listFile)
      await tx.insert(sourceFiles).values({
        sourceId: source!.id,
        filename: job.filename ?? (job.format === 'csv' ? 'list.csv' : 'list.txt'),
        mediaType: job.format === 'csv' ? 'text/csv' : 'text/plain',
        size: listBytes.length,
        storageKey: listFile.key,
        sha256: listFile.sha256,
      });
    const summary: ImportSummary = { created: 0, linked: 0, toReview: 0, claims: 0 };
    const existingKeys = new Map<string, Set<string>>();
    const matchedIds = [...new Set(decided.filter((r) => r.match).map((r) => r.match!))];
    if (matchedIds.length) {
      const names = await tx
        .select({ personId: personNames.personId, key: personNames.searchKey })
        .from(personNames)
        .where(sql`${personNames.personId} = ANY(${sql.param(matchedIds)}::uuid[])`);
      for (const n of names)
        existingKeys.set(n.personId, (existingKeys.get(n.personId) ?? new Set()).add(n.key));
    }

    // Rows are collected first and written a table at a time: a list of thousands of names is a
    // handful of statements, not thousands.
    const newPersons: (typeof persons.$inferInsert)[] = [];
    const newNames: (typeof personNames.$inferInsert)[] = [];
    const newClaims: (typeof claims.$inferInsert)[] = [];
    const newTasks: (typeof reviewTasks.$inferInsert)[] = [];
    for (const row of decided) {
      let personId = row.match;
      const key = searchKey(row.name);
      if (personId) {
        summary.linked++;
        if (!existingKeys.get(personId)?.has(key)) {
          newNames.push({
            personId,
            value: row.name,
            script: detectScript(row.name),
            kind: 'transliteration',
            searchKey: key,
          });
          existingKeys.set(personId, (existingKeys.get(personId) ?? new Set()).add(key));
        }
      } else {
        personId = randomUUID();
        const birthDate =
          row.birthDate && parsePartialDate(row.birthDate).ok ? row.birthDate : null;
        newPersons.push({
          id: personId,
          sortName: key,
          birthDate,
          birthPlace: row.place,
          fatherName: row.fatherName,
          sensitivity: 'partner',
        });
        newNames.push({
          personId,
          value: row.name,
          script: detectScript(row.name),
          kind: 'legal',
          searchKey: key,
        });
        summary.created++;
      }
      newClaims.push({
        sourceId: source!.id,
        subjectType: 'person',
        personId,
        predicate: 'name',
        value: {
          name: row.name,
          birthDate: row.birthDate,
          place: row.place,
          fatherName: row.fatherName,
        },
        locator: `line ${row.line}`,
        credibility: 6,
        reviewState: 'pending',
        enteredBy: job.createdBy,
      });
      summary.claims++;
      if (row.decision === 'review') {
        summary.toReview++;
        for (const candidate of duplicateSuggestions(row.candidates)) {
          const [a, b] = [personId, candidate.id].sort();
          newTasks.push({
            kind: 'duplicate',
            personId,
            otherPersonId: candidate.id,
            sourceId: source!.id,
            dedupeKey: `duplicate:${a}:${b}`,
            detail: `Row ${row.line} of “${job.sourceTitle}” (${row.name}) may be the same person`,
          });
        }
      }
    }
    await insertRows(tx, persons, newPersons);
    await insertRows(tx, personNames, newNames);
    await insertRows(tx, claims, newClaims);
    await insertRows(tx, reviewTasks, newTasks, { onConflictDoNothing: true });
    // Match keys follow from a person's names and details, so only persons given a name here
    // (the new ones, and those linked under a new spelling) can have other keys than before.
    // Writing keys is most of this transaction's time: refreshing a person deletes and writes
    // all of their keys again, so a person linked under a spelling already known is left alone.
    await refreshMatchKeys(tx, [...new Set(newNames.map((name) => name.personId))]);
    // One review task for the list's claims: a reviewer other than the importer accepts or
    // rejects them together (four eyes), instead of thousands of tasks for one list.
    await tx
      .insert(reviewTasks)
      .values({
        kind: 'claim',
        sourceId: source!.id,
        dedupeKey: `import:${importId}`,
        detail: `${summary.claims} name claims from the list “${job.sourceTitle}” wait for review; one decision applies to all of them`,
      })
      .onConflictDoNothing();
    await tx
      .update(imports)
      .set({
        state: 'applied',
        phase: null,
        sourceId: source!.id,
        summary: summary as unknown as Record<string, number>,
        processed: rows.length,
        version: sql`${imports.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(imports.id, importId)));
    await appendAudit(tx, {
      actorId: job.createdBy,
      action: 'create',
      entity: 'import',
      entityId: importId,
      diff: { sourceId: source!.id, ...summary },
    });
    return summary;
  });
}

/** Marks an import failed with a message a person can act on. */
export async function failImport(db: Db, importId: string, message: string): Promise<void> {
  await db
    .update(imports)
    .set({ state: 'failed', phase: null, error: message, updatedAt: new Date() })
    .where(eq(imports.id, importId));
}
