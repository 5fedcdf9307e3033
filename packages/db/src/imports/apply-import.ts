import { randomUUID } from 'node:crypto';
import {
  detectScript,
  duplicateSuggestions,
  findListRepeats,
  importRowOutcome,
  matchEvidence,
  parsePartialDate,
  searchKey,
  visibleLevels,
  type ImportRowChoice,
  type ImportRowOutcome,
  type MatchDecision,
  type MatchDecisionKind,
  type MatchEvidence,
  type MatchRecord,
  type ScoredCandidate,
} from '@vigil/domain';
import { and, eq, isNull, sql } from 'drizzle-orm';
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
  /** Best first, each with what agrees and differs besides the name. */
  candidates: { id: string; score: number; evidence?: MatchEvidence }[];
  /** Other lines of the same list that may name the same person. */
  repeats?: number[];
}

/**
 * A row as the dry run shows it, from the list row (with its line in the file), the decision the
 * registry gave it, the scored candidates behind that decision, and the other lines of the list
 * that may be the same person.
 */
export function importRowPreviewOf(
  row: MatchRecord & { line: number },
  decision: MatchDecision,
  scored: readonly ScoredCandidate[] = [],
  repeats: readonly number[] = [],
): ImportRowPreview {
  const features = new Map(scored.map((c) => [c.id, c.features ?? {}]));
  return {
    line: row.line,
    id: row.id,
    name: row.name,
    birthDate: row.birthDate ?? null,
    place: row.place ?? null,
    fatherName: row.fatherName ?? null,
    decision: decision.decision,
    match: decision.match ?? null,
    candidates: decision.candidates.map((c) => ({
      ...c,
      evidence: matchEvidence(features.get(c.id) ?? {}),
    })),
    ...(repeats.length ? { repeats: [...repeats] } : {}),
  };
}

/** Rows matched per progress step. */
const CHUNK = 100;

export interface ImportSummary {
  created: number;
  linked: number;
  toReview: number;
  claims: number;
  /** Rows linked, made new or sent to review by the importer's own choice. */
  chosen: number;
  /** Pairs of rows of the list that may be one person, sent to a reviewer. */
  repeats: number;
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
): Promise<{ row: Row; decision: MatchDecision; scored: ScoredCandidate[] }[]> {
  const [importer] = job.createdBy
    ? await db.select({ clearance: users.clearance }).from(users).where(eq(users.id, job.createdBy))
    : [];
  const finder = createCandidateFinder(db, { clearance: importer?.clearance });
  const matched: { row: Row; decision: MatchDecision; scored: ScoredCandidate[] }[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const results = await finder.find(chunk);
    results.forEach((r, j) =>
      matched.push({ row: chunk[j]!, decision: r.decision, scored: r.scored }),
    );
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
  const matched = await matchRowsWithProgress(db, job, rows);
  await db
    .update(imports)
    .set({ phase: 'repeats', updatedAt: new Date() })
    .where(eq(imports.id, importId));
  const repeats = findListRepeats(rows);
  const previews = matched.map(({ row, decision, scored }) =>
    importRowPreviewOf(row, decision, scored, repeats.get(row.line)),
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

  const choices = new Map((job.choices as ImportRowChoice[]).map((c) => [c.line, c]));
  const decided: DecidedRow[] = [];
  for (const { row, decision } of await matchRowsWithProgress(db, job, rows)) {
    const outcome = importRowOutcome(decision, job.acceptAutomatic, choices.get(row.line));
    decided.push({ ...row, outcome, candidates: decision.candidates });
  }

  await db
    .update(imports)
    .set({ phase: 'writing', updatedAt: new Date() })
    .where(eq(imports.id, importId));
  // Stored before the write: content-addressed and idempotent, so a write that fails or is
  // retried leaves at most an unreferenced copy of the same bytes.
  const listBytes = new TextEncoder().encode(job.text);
  const listFile = options.files ? await options.files.storeBytes(listBytes) : null;
  try {
    return await transaction((tx) => writeImport(tx, job, decided, listFile, listBytes.length));
  } catch (error) {
    if (!(error instanceof ChosenPersonGone)) throw error;
    await failImport(db, importId, error.message);
    return null;
  }
}

/** A row of a confirmed import as it will be written: what becomes of it, and its candidates now. */
type DecidedRow = ImportRowPreview & { outcome: ImportRowOutcome };

/** The person a row is added to, when it is linked rather than made a new person. */
const linkedPersonOf = (row: DecidedRow) =>
  row.outcome.action === 'link' ? row.outcome.personId : null;

/**
 * A person the importer chose to link a row to is no longer in the registry (merged, deleted or
 * made more sensitive since the dry run): the import is not applied rather than linked elsewhere.
 */
class ChosenPersonGone extends Error {
  constructor(line: number) {
    super(
      `Line ${line}: the person chosen for this row is no longer in the registry (merged or deleted since the dry run). Nothing was imported; import the list again to choose anew.`,
    );
  }
}

/** Every person the importer chose to link a row to, if each may still be linked to. */
async function checkChosenPersons(tx: Tx, job: ImportRecord, decided: readonly DecidedRow[]) {
  const chosen = decided.filter((r) => r.outcome.chosen && linkedPersonOf(r));
  if (chosen.length === 0) return;
  const [importer] = job.createdBy
    ? await tx.select({ clearance: users.clearance }).from(users).where(eq(users.id, job.createdBy))
    : [];
  const ids = [...new Set(chosen.map(linkedPersonOf))];
  const found = await tx
    .select({ id: persons.id })
    .from(persons)
    .where(
      and(
        sql`${persons.id} = ANY(${sql.param(ids)}::uuid[])`,
        isNull(persons.hiddenAt),
        importer
          ? sql`${persons.sensitivity} = ANY(${sql.param(visibleLevels(importer.clearance))}::text[])`
          : undefined,
      ),
    );
  const present = new Set(found.map((p) => p.id));
  const gone = chosen.find((r) => !present.has(linkedPersonOf(r)!));
  if (gone) throw new ChosenPersonGone(gone.line);
}

/**
 * The final write of an import, in one transaction: the list as a source, a person or a new
 * spelling per row, a claim per row, duplicate tasks for rows sent to review and for rows of the
 * list that may be one person, and one review task for the list's claims.
 */
async function writeImport(
  tx: Tx,
  job: ImportRecord,
  decided: readonly DecidedRow[],
  listFile: { key: string; sha256: string } | null,
  listSize: number,
): Promise<ImportSummary | null> {
  const importId = job.id;
  if ((await lockedState(tx, importId)) !== 'applying') return null;
  await checkChosenPersons(tx, job, decided);
  const [source] = await tx
    .insert(sources)
    .values({
      kind: 'official_list',
      title: job.sourceTitle,
      content: job.text,
      archiveStatus: 'not_applicable',
      sensitivity: 'staff',
      notes: `Imported from ${job.filename ?? 'a pasted list'} (${decided.length} rows)`,
    })
    .returning({ id: sources.id });
  if (listFile)
    await tx.insert(sourceFiles).values({
      sourceId: source!.id,
      filename: job.filename ?? (job.format === 'csv' ? 'list.csv' : 'list.txt'),
      mediaType: job.format === 'csv' ? 'text/csv' : 'text/plain',
      size: listSize,
      storageKey: listFile.key,
      sha256: listFile.sha256,
    });
  const summary: ImportSummary = {
    created: 0,
    linked: 0,
    toReview: 0,
    claims: 0,
    chosen: 0,
    repeats: 0,
  };
  const existingKeys = new Map<string, Set<string>>();
  const matchedIds = [...new Set(decided.map(linkedPersonOf).filter((id) => id !== null))];
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
  const personOfLine = new Map<number, string>();
  for (const row of decided) {
    let personId = linkedPersonOf(row);
    const key = searchKey(row.name);
    if (row.outcome.chosen) summary.chosen++;
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
      const birthDate = row.birthDate && parsePartialDate(row.birthDate).ok ? row.birthDate : null;
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
    personOfLine.set(row.line, personId);
    if (row.outcome.action === 'review') {
      summary.toReview++;
      for (const candidate of duplicateSuggestions(row.candidates, {
        chosen: row.outcome.chosen,
      })) {
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
  // Two rows of the list that may be one man, and did not both go to the same person, are
  // put to a reviewer like any other possible duplicate, unless a row's own review asks already.
  const asked = new Set(newTasks.map((t) => t.dedupeKey));
  for (const row of decided) {
    for (const line of row.repeats ?? []) {
      const [a, b] = [personOfLine.get(row.line), personOfLine.get(line)];
      if (line <= row.line || !a || !b || a === b) continue;
      const [first, second] = [a, b].sort();
      const dedupeKey = `duplicate:${first}:${second}`;
      if (asked.has(dedupeKey)) continue;
      asked.add(dedupeKey);
      summary.repeats++;
      newTasks.push({
        kind: 'duplicate',
        personId: a,
        otherPersonId: b,
        sourceId: source!.id,
        dedupeKey,
        detail: `Rows ${row.line} and ${line} of “${job.sourceTitle}” may name the same person`,
      });
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
      processed: decided.length,
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
}

/** Marks an import failed with a message a person can act on. */
export async function failImport(db: Db, importId: string, message: string): Promise<void> {
  await db
    .update(imports)
    .set({ state: 'failed', phase: null, error: message, updatedAt: new Date() })
    .where(eq(imports.id, importId));
}
