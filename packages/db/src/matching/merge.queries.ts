import { DUPLICATE_SUGGESTION_MIN_SCORE } from '@vigil/domain';
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import {
  claims,
  eventParticipants,
  matchJudgements,
  personMerges,
  personNames,
  persons,
  reviewTasks,
} from '../schema.ts';
import { createCandidateFinder, matchRecordsOf, refreshMatchKeys } from './match-keys.queries.ts';

/**
 * Folds one person record into another after a "same" judgement: names, claims and event
 * participations move to the survivor, the merged record is hidden (never erased), and every
 * moved row is recorded so {@link undoMerge} can put it back. Nothing is lost: a participation
 * the survivor already had is recorded and restored on undo.
 */
export async function mergePersons(
  tx: DbOrTx,
  {
    judgementId,
    survivorId,
    mergedId,
  }: { judgementId: string; survivorId: string; mergedId: string },
) {
  const names = await tx
    .update(personNames)
    .set({ personId: survivorId })
    .where(eq(personNames.personId, mergedId))
    .returning({ id: personNames.id });
  const movedClaims = await tx
    .update(claims)
    .set({ personId: survivorId })
    .where(eq(claims.personId, mergedId))
    .returning({ id: claims.id });
  const theirs = await tx
    .select()
    .from(eventParticipants)
    .where(eq(eventParticipants.personId, mergedId));
  const ours = new Set(
    (
      await tx
        .select({ eventId: eventParticipants.eventId })
        .from(eventParticipants)
        .where(eq(eventParticipants.personId, survivorId))
    ).map((p) => p.eventId),
  );
  await tx.delete(eventParticipants).where(eq(eventParticipants.personId, mergedId));
  const moveable = theirs.filter((p) => !ours.has(p.eventId));
  if (moveable.length)
    await tx
      .insert(eventParticipants)
      .values(moveable.map((p) => ({ ...p, personId: survivorId })));
  const tasks = await tx
    .update(reviewTasks)
    .set({ state: 'done', outcome: 'accepted', reason: 'The two records were merged' })
    .where(
      and(
        eq(reviewTasks.state, 'open'),
        or(eq(reviewTasks.personId, mergedId), eq(reviewTasks.otherPersonId, mergedId)),
        eq(reviewTasks.kind, 'duplicate'),
      ),
    )
    .returning({ id: reviewTasks.id });
  await tx
    .update(persons)
    .set({ mergedInto: survivorId, hiddenAt: new Date(), version: sql`${persons.version} + 1` })
    .where(eq(persons.id, mergedId));
  const [merge] = await tx
    .insert(personMerges)
    .values({
      judgementId,
      survivorId,
      mergedId,
      moved: {
        names: names.map((n) => n.id),
        claims: movedClaims.map((c) => c.id),
        events: theirs.map(
          (p) => `${p.eventId}:${p.role}:${ours.has(p.eventId) ? 'kept' : 'moved'}`,
        ),
        tasks: tasks.map((t) => t.id),
      },
    })
    .returning();
  await refreshMatchKeys(tx, [survivorId, mergedId]);
  return merge!;
}

/** Undoes a merge: every moved row goes back and the merged record is shown again. */
export async function undoMerge(tx: DbOrTx, mergeId: string) {
  const [merge] = await tx
    .select()
    .from(personMerges)
    .where(and(eq(personMerges.id, mergeId), isNull(personMerges.undoneAt)))
    .for('update');
  if (!merge) return null;
  const { names, claims: claimIds, events } = merge.moved;
  if (names.length)
    await tx
      .update(personNames)
      .set({ personId: merge.mergedId })
      .where(inArray(personNames.id, names));
  if (claimIds.length)
    await tx.update(claims).set({ personId: merge.mergedId }).where(inArray(claims.id, claimIds));
  for (const entry of events) {
    const [eventId, role, how] = entry.split(':') as [string, string, string];
    if (how === 'moved')
      await tx
        .delete(eventParticipants)
        .where(
          and(
            eq(eventParticipants.eventId, eventId),
            eq(eventParticipants.personId, merge.survivorId),
          ),
        );
    await tx
      .insert(eventParticipants)
      .values({ eventId, personId: merge.mergedId, role })
      .onConflictDoNothing();
  }
  await tx
    .update(persons)
    .set({ mergedInto: null, hiddenAt: null, version: sql`${persons.version} + 1` })
    .where(eq(persons.id, merge.mergedId));
  await tx.update(personMerges).set({ undoneAt: new Date() }).where(eq(personMerges.id, mergeId));
  await refreshMatchKeys(tx, [merge.survivorId, merge.mergedId]);
  return merge;
}

/** Pairs someone has already judged (and not undone): they are never suggested again. */
export async function judgedPairs(db: DbOrTx): Promise<Set<string>> {
  const rows = await db
    .select({ a: matchJudgements.personA, b: matchJudgements.personB })
    .from(matchJudgements)
    .where(isNull(matchJudgements.undoneAt));
  return new Set(rows.map((r) => pairKey(r.a, r.b)));
}

export const pairKey = (a: string, b: string) => (a < b ? `${a}:${b}` : `${b}:${a}`);

/** How many persons a scan looks up through one candidate finder before it starts a new one. */
const FINDER_PERSONS = 4_000;

/** A pair of persons that may be one human being, with the best score of their names. */
export interface DuplicatePair {
  a: string;
  b: string;
  score: number;
}

/**
 * Finds likely duplicates inside the registry, batch by batch through the key index, leaving
 * out pairs someone already judged. Reads only; {@link openDuplicateTasks} writes the tasks.
 */
export async function findDuplicatePairs(
  db: DbOrTx,
  { batch = 200, minScore = DUPLICATE_SUGGESTION_MIN_SCORE } = {},
): Promise<DuplicatePair[]> {
  const judged = await judgedPairs(db);
  // In name order, so that neighbouring batches share most of their keys and a finder reuses
  // what it read; a fresh finder every so many persons keeps its memory bounded.
  const ids = (
    await db
      .select({ id: persons.id })
      .from(persons)
      .where(isNull(persons.hiddenAt))
      .orderBy(persons.sortName, persons.id)
  ).map((p) => p.id);
  const best = new Map<string, number>();
  let finder = createCandidateFinder(db);
  for (let i = 0; i < ids.length; i += batch) {
    if (i > 0 && i % FINDER_PERSONS === 0) finder = createCandidateFinder(db);
    const records = await matchRecordsOf(db, ids.slice(i, i + batch));
    const rows = [...records.values()].flatMap((recs) =>
      recs.map((r, k) => ({ ...r, id: `${r.id}#${k}` })),
    );
    const results = await finder.find(rows, {
      exclude: (rowId, personId) => rowId.startsWith(personId),
    });
    for (const { row, scored } of results) {
      const personId = row.id.slice(0, row.id.indexOf('#'));
      for (const candidate of scored) {
        if (candidate.score < minScore) break;
        const key = pairKey(personId, candidate.id);
        if (!judged.has(key)) best.set(key, Math.max(best.get(key) ?? 0, candidate.score));
      }
    }
  }
  return [...best].map(([key, score]) => {
    const [a, b] = key.split(':') as [string, string];
    return { a, b, score };
  });
}

/** The `duplicate` review task of a pair: one per pair, whichever record comes first. */
export function duplicateTaskOf({ a, b }: DuplicatePair) {
  return {
    kind: 'duplicate' as const,
    personId: a,
    otherPersonId: b,
    dedupeKey: `duplicate:${pairKey(a, b)}`,
    // No score here: it weighs fields some reviewers may not read. The pair's page scores it for
    // each reviewer from what they may see.
    detail: 'These two records may be the same person',
  };
}

/**
 * Opens a `duplicate` review task per pair; a pair with an open task gets no second one. Not
 * audited: for scripts and tests; the scan job opens its tasks through the audited path.
 */
export async function openDuplicateTasks(
  db: DbOrTx,
  pairs: readonly DuplicatePair[],
): Promise<number> {
  let opened = 0;
  for (const pair of pairs) {
    const inserted = await db
      .insert(reviewTasks)
      .values(duplicateTaskOf(pair))
      .onConflictDoNothing()
      .returning({ id: reviewTasks.id });
    opened += inserted.length;
  }
  return opened;
}

/** Finds likely duplicates and opens their review tasks (both steps, for scripts and tests). */
export async function findDuplicateTasks(db: DbOrTx): Promise<number> {
  return openDuplicateTasks(db, await findDuplicatePairs(db));
}
