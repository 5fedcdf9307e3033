import {
  BLOCKING_KEY_BOOSTS,
  blockingKeys,
  coincidenceOf,
  decide,
  prepareMatchRecord,
  scorePair,
  type MatchDecision,
  type MatchRecord,
  type ScoredCandidate,
} from '@vigil/domain';
import { and, asc, countDistinct, eq, inArray, isNull, like, sql } from 'drizzle-orm';
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

/**
 * Keys that are not for finding candidates but for counting how common a father's name or a
 * place is in the registry (see `coincidenceOf`): `father=…` and `place=…`.
 */
function statisticKeys(record: MatchRecord): string[] {
  const prepared = prepareMatchRecord(record);
  const keys: string[] = [];
  if (prepared.father) keys.push(`father=${prepared.father.stripped}`);
  if (prepared.place) keys.push(`place=${prepared.place}`);
  return keys;
}

/** Recomputes the blocking keys of persons after their names or details changed. */
export async function refreshMatchKeys(db: DbOrTx, personIds: readonly string[]): Promise<void> {
  if (personIds.length === 0) return;
  const records = await matchRecordsOf(db, personIds);
  await db.delete(personMatchKeys).where(inArray(personMatchKeys.personId, [...personIds]));
  const rows: { personId: string; key: string }[] = [];
  for (const [personId, recs] of records) {
    const keys = new Set(recs.flatMap((r) => [...blockingKeys(r), ...statisticKeys(r)]));
    for (const key of keys) rows.push({ personId, key });
  }
  // Two array parameters per statement instead of two per row: an import of 10,000 persons
  // writes ~160,000 keys, which row-by-row VALUES lists took twice as long to send and parse.
  for (let i = 0; i < rows.length; i += 20_000) {
    const slice = rows.slice(i, i + 20_000);
    await db.execute(sql`
      INSERT INTO ${personMatchKeys} (person_id, key)
      SELECT * FROM unnest(${sql.param(slice.map((r) => r.personId))}::uuid[], ${sql.param(slice.map((r) => r.key))}::text[])
      ON CONFLICT DO NOTHING`);
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
  // Full buckets are read in a stable order (by person id), each sorted once for all rows.
  const sorted = new Map<string, string[]>();
  const sortedPostings = (key: string) => {
    let people = sorted.get(key);
    if (!people) sorted.set(key, (people = [...(postings.get(key) ?? [])].sort()));
    return people;
  };
  const boostOf = (key: string) => BLOCKING_KEY_BOOSTS[key.slice(0, key.indexOf(':'))] ?? 1;
  const shortlist = rows.map((row, i) => {
    const weight = new Map<string, number>();
    const skipped: { key: string; size: number }[] = [];
    for (const key of keysOf[i]!) {
      const people = postings.get(key) ?? [];
      if (people.length === 0) continue;
      if (people.length > MAX_BUCKET) {
        skipped.push({ key, size: people.length });
        continue;
      }
      const idf = Math.log(1 + MAX_BUCKET / people.length);
      for (const p of people) {
        if (options.exclude?.(row.id, p)) continue;
        weight.set(p, (weight.get(p) ?? 0) + idf);
      }
    }
    // A common name with nothing rarer to go by (more namesakes than a bucket holds, and no
    // birth year or father's name) would otherwise find nobody and be called new: as the
    // in-memory MatchIndex does, take persons from the most specific of the full buckets.
    if (weight.size < MAX_CANDIDATES && skipped.length > 0) {
      skipped.sort((x, y) => x.size - y.size || boostOf(y.key) - boostOf(x.key));
      for (const { key } of skipped) {
        for (const p of sortedPostings(key)) {
          if (weight.size >= MAX_CANDIDATES) break;
          if (weight.has(p) || options.exclude?.(row.id, p)) continue;
          weight.set(p, 1e-6 * boostOf(key));
        }
        if (weight.size >= MAX_CANDIDATES) break;
      }
    }
    return [...weight.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, MAX_CANDIDATES)
      .map(([p]) => p);
  });
  const records = await matchRecordsOf(db, [...new Set(shortlist.flat())]);
  const scoredRows = rows.map((row, i) => {
    const scored = shortlist[i]!.map((personId) => {
      let best: ScoredCandidate & { features: Record<string, number>; record?: MatchRecord } = {
        id: personId,
        score: 0,
        features: {},
      };
      for (const record of records.get(personId) ?? []) {
        const s = scorePair(row, record);
        if (s.score > best.score)
          best = { id: personId, score: s.score, features: s.features, record };
      }
      return best;
    });
    scored.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
    return { row, scored };
  });
  await addRegistryStatistics(
    db,
    scoredRows.flatMap((r) => r.scored.slice(0, 2)),
  );
  return scoredRows.map(({ row, scored }) => {
    const plain = scored.map(({ record: _record, ...candidate }) => candidate);
    return { row, scored: plain, decision: decide(plain) };
  });
}

/**
 * Adds to the leading candidates what only the whole registry knows — how many namesakes they
 * have and how common their father's name and place are — as the in-memory `MatchIndex` does,
 * so that a namesake is never matched automatically from the database path either.
 */
async function addRegistryStatistics(
  db: DbOrTx,
  leaders: (ScoredCandidate & { features: Record<string, number>; record?: MatchRecord })[],
) {
  const wanted = new Map<
    (typeof leaders)[number],
    { names: string[]; father: string | null; place: string | null }
  >();
  for (const leader of leaders) {
    if (!leader.record) continue;
    const prepared = prepareMatchRecord(leader.record);
    wanted.set(leader, {
      names: blockingKeys(leader.record).filter((k) => k.startsWith('p:')),
      father: prepared.father ? `father=${prepared.father.stripped}` : null,
      place: prepared.place ? `place=${prepared.place}` : null,
    });
  }
  if (wanted.size === 0) return;
  const keys = [
    ...new Set(
      [...wanted.values()].flatMap((w) =>
        [...w.names, w.father, w.place].filter((k): k is string => !!k),
      ),
    ),
  ];
  const counts = new Map<string, number>();
  for (let i = 0; i < keys.length; i += 2000) {
    const rows = await db
      .select({ key: personMatchKeys.key, n: sql<number>`count(*)::int` })
      .from(personMatchKeys)
      .where(inArray(personMatchKeys.key, keys.slice(i, i + 2000)))
      .groupBy(personMatchKeys.key);
    for (const r of rows) counts.set(r.key, Number(r.n));
  }
  const [fathers] = await db
    .select({ n: countDistinct(personMatchKeys.personId) })
    .from(personMatchKeys)
    .where(like(personMatchKeys.key, 'father=%'));
  const [places] = await db
    .select({ n: countDistinct(personMatchKeys.personId) })
    .from(personMatchKeys)
    .where(like(personMatchKeys.key, 'place=%'));
  for (const [leader, w] of wanted) {
    const namesakes = Math.max(1, ...w.names.map((k) => counts.get(k) ?? 1)) - 1;
    leader.features.registryNamesakes = namesakes;
    leader.features.coincidence = coincidenceOf(leader.features, {
      namesakes,
      fatherCount: w.father ? (counts.get(w.father) ?? 0) : null,
      fathersKnown: fathers?.n ?? 0,
      placeCount: w.place ? (counts.get(w.place) ?? 0) : null,
      placesKnown: places?.n ?? 0,
    });
  }
}
