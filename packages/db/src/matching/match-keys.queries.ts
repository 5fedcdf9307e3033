import {
  blockingKeys,
  decide,
  scorePair,
  type MatchDecision,
  type MatchRecord,
  type ScoredCandidate,
} from '@vigil/domain';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { personMatchKeys, personNames, persons } from '../schema.ts';

/** Keys shared by more persons than this say nothing about who is who and are skipped. */
const MAX_BUCKET = 200;
/** Most candidates scored per list row. */
const MAX_CANDIDATES = 60;

/**
 * One match record per name of each person: a person known as «Айк Петросян» and
 * "Hayk Petrosyan" is compared under both spellings.
 */
export async function matchRecordsOf(
  db: DbOrTx,
  personIds: readonly string[],
): Promise<Map<string, MatchRecord[]>> {
  const byPerson = new Map<string, MatchRecord[]>();
  if (personIds.length === 0) return byPerson;
  const rows = await db
    .select({
      personId: persons.id,
      name: personNames.value,
      birthDate: persons.birthDate,
      place: persons.birthPlace,
      fatherName: persons.fatherName,
      identifiers: persons.identifiers,
    })
    .from(persons)
    .innerJoin(personNames, eq(personNames.personId, persons.id))
    .where(inArray(persons.id, [...personIds]))
    .orderBy(asc(personNames.seq));
  for (const row of rows) {
    const record: MatchRecord = {
      id: row.personId,
      name: row.name,
      birthDate: row.birthDate && /^\d{4}(-\d{2}){0,2}$/.test(row.birthDate) ? row.birthDate : null,
      place: row.place,
      fatherName: row.fatherName,
      identifiers: row.identifiers.map((i) => i.value),
    };
    byPerson.set(row.personId, [...(byPerson.get(row.personId) ?? []), record]);
  }
  return byPerson;
}

/** Recomputes the blocking keys of persons after their names or details changed. */
export async function refreshMatchKeys(db: DbOrTx, personIds: readonly string[]): Promise<void> {
  if (personIds.length === 0) return;
  const records = await matchRecordsOf(db, personIds);
  await db.delete(personMatchKeys).where(inArray(personMatchKeys.personId, [...personIds]));
  const rows: { personId: string; key: string }[] = [];
  for (const [personId, recs] of records) {
    const keys = new Set(recs.flatMap((r) => blockingKeys(r)));
    for (const key of keys) rows.push({ personId, key });
  }
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insert(personMatchKeys)
      .values(rows.slice(i, i + 1000))
      .onConflictDoNothing();
  }
}

export interface RowCandidates {
  row: MatchRecord;
  scored: (ScoredCandidate & { features: Record<string, number> })[];
  decision: MatchDecision;
}

/**
 * Finds, scores and decides the registry candidates of list rows using the key index: rows
 * are looked up in batches, persons sharing the rarest keys are scored under each of their
 * names, and `decide` says match, review or new. Hidden (merged) persons are never candidates.
 */
export async function findCandidates(
  db: DbOrTx,
  rows: readonly MatchRecord[],
  options: { exclude?: (rowId: string, personId: string) => boolean } = {},
): Promise<RowCandidates[]> {
  const keysOf = rows.map((row) => blockingKeys(row));
  const allKeys = [...new Set(keysOf.flat())];
  const postings = new Map<string, string[]>();
  for (let i = 0; i < allKeys.length; i += 2000) {
    const chunk = allKeys.slice(i, i + 2000);
    const found = await db
      .select({ key: personMatchKeys.key, personId: personMatchKeys.personId })
      .from(personMatchKeys)
      .innerJoin(persons, eq(persons.id, personMatchKeys.personId))
      .where(and(inArray(personMatchKeys.key, chunk), isNull(persons.hiddenAt)));
    for (const f of found) postings.set(f.key, [...(postings.get(f.key) ?? []), f.personId]);
  }
  const shortlist = rows.map((row, i) => {
    const weight = new Map<string, number>();
    for (const key of keysOf[i]!) {
      const people = postings.get(key) ?? [];
      if (people.length === 0 || people.length > MAX_BUCKET) continue;
      const idf = Math.log(1 + MAX_BUCKET / people.length);
      for (const p of people) {
        if (options.exclude?.(row.id, p)) continue;
        weight.set(p, (weight.get(p) ?? 0) + idf);
      }
    }
    return [...weight.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, MAX_CANDIDATES)
      .map(([p]) => p);
  });
  const records = await matchRecordsOf(db, [...new Set(shortlist.flat())]);
  return rows.map((row, i) => {
    const scored = shortlist[i]!.map((personId) => {
      let best: ScoredCandidate & { features: Record<string, number> } = {
        id: personId,
        score: 0,
        features: {},
      };
      for (const record of records.get(personId) ?? []) {
        const s = scorePair(row, record);
        if (s.score > best.score) best = { id: personId, score: s.score, features: s.features };
      }
      return best;
    });
    scored.sort((a, b) => b.score - a.score);
    return { row, scored, decision: decide(scored) };
  });
}
