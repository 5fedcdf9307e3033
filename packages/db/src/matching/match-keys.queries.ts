import {
  BLOCKING_KEYS_VERSION,
  blockingKeyBoost,
  blockingKeysOfPrepared,
  blockingKeyWeight,
  CANDIDATE_LIMITS,
  coincidenceOf,
  decide,
  prepareMatchRecord,
  scorePreparedPair,
  type MatchDecision,
  type MatchRecord,
  matchRecordVisibleTo,
  type PreparedMatchRecord,
  type ScoredCandidate,
  type Sensitivity,
  visibleLevels,
} from '@vigil/domain';
import {
  and,
  asc,
  countDistinct,
  eq,
  isNull,
  like,
  sql,
  type AnyColumn,
  type SQL,
} from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { personMatchKeys, personNames, persons, settings } from '../schema.ts';

/** The in-memory index's limits, so that both shortlist alike. */
const { maxBucket: MAX_BUCKET, maxCandidates: MAX_CANDIDATES } = CANDIDATE_LIMITS;

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
    .where(anyOf(persons.id, personIds, 'uuid'))
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
function statisticKeys(prepared: PreparedMatchRecord): string[] {
  const keys: string[] = [];
  if (prepared.father) keys.push(`father=${prepared.father.stripped}`);
  if (prepared.place) keys.push(`place=${prepared.place}`);
  return keys;
}

/**
 * Recomputes the blocking keys of persons after their names or details changed, writing only
 * the difference: a person given one more spelling keeps the keys they had and gains a few,
 * instead of having all of them deleted and written again.
 */
export async function refreshMatchKeys(db: DbOrTx, personIds: readonly string[]): Promise<void> {
  if (personIds.length === 0) return;
  const records = await matchRecordsOf(db, personIds);
  const wanted = new Map<string, Set<string>>(personIds.map((id) => [id, new Set()]));
  for (const [personId, recs] of records)
    for (const r of recs) {
      const prepared = prepareMatchRecord(r);
      for (const key of [...blockingKeysOfPrepared(prepared), ...statisticKeys(prepared)])
        wanted.get(personId)!.add(key);
    }
  const stored = await db
    .select({ personId: personMatchKeys.personId, key: personMatchKeys.key })
    .from(personMatchKeys)
    .where(anyOf(personMatchKeys.personId, personIds, 'uuid'));
  const gone: { personId: string; key: string }[] = [];
  for (const row of stored) {
    // What is stored already stays; what is no longer wanted goes.
    if (!wanted.get(row.personId)?.delete(row.key)) gone.push(row);
  }
  const added = [...wanted].flatMap(([personId, keys]) =>
    [...keys].map((key) => ({ personId, key })),
  );
  // Two array parameters per statement instead of two per row: an import of 10,000 persons
  // writes ~160,000 keys, which row-by-row VALUES lists took twice as long to send and parse.
  const pairs = (slice: { personId: string; key: string }[]) =>
    sql`unnest(${sql.param(slice.map((r) => r.personId))}::uuid[], ${sql.param(slice.map((r) => r.key))}::text[])`;
  for (let i = 0; i < gone.length; i += 20_000)
    await db.execute(sql`
      DELETE FROM ${personMatchKeys} AS k
      USING ${pairs(gone.slice(i, i + 20_000))} AS gone(person_id, key)
      WHERE k.person_id = gone.person_id AND k.key = gone.key`);
  for (let i = 0; i < added.length; i += 20_000)
    await db.execute(sql`
      INSERT INTO ${personMatchKeys} (person_id, key)
      SELECT * FROM ${pairs(added.slice(i, i + 20_000))}
      ON CONFLICT DO NOTHING`);
}

/** Where the version of the stored match keys is kept (see `BLOCKING_KEYS_VERSION`). */
const MATCH_KEYS_SETTING = 'match_keys_version';

/** Whether the stored match keys were computed by this version of the blocking keys. */
export async function matchKeysCurrent(db: DbOrTx): Promise<boolean> {
  const [row] = await db.select().from(settings).where(eq(settings.key, MATCH_KEYS_SETTING));
  return row?.value === BLOCKING_KEYS_VERSION;
}

/**
 * Recomputes the stored match keys of every person, a batch at a time. Idempotent; record the
 * version with {@link markMatchKeysCurrent} once it is done.
 */
export async function refreshAllMatchKeys(db: DbOrTx, { batch = 1000 } = {}): Promise<number> {
  const ids = (await db.select({ id: persons.id }).from(persons).orderBy(persons.id)).map(
    (p) => p.id,
  );
  for (let i = 0; i < ids.length; i += batch) await refreshMatchKeys(db, ids.slice(i, i + batch));
  return ids.length;
}

/**
 * After migrating: a registry with nobody in it has no stale keys, so it starts at the current
 * version; one from before versions were recorded gets its keys recomputed by the worker.
 */
export async function adoptMatchKeysVersionIfEmpty(db: DbOrTx): Promise<void> {
  const [anyone] = await db.select({ id: persons.id }).from(persons).limit(1);
  if (!anyone && !(await matchKeysCurrent(db))) await markMatchKeysCurrent(db);
}

/** Records that the stored match keys are those of this version of the blocking keys. */
export async function markMatchKeysCurrent(db: DbOrTx): Promise<void> {
  await db
    .insert(settings)
    .values({ key: MATCH_KEYS_SETTING, value: BLOCKING_KEYS_VERSION })
    .onConflictDoUpdate({
      target: settings.key,
      set: { value: BLOCKING_KEYS_VERSION, version: sql`${settings.version} + 1` },
    });
}

export interface RowCandidates {
  row: MatchRecord;
  scored: (ScoredCandidate & { features: Record<string, number> })[];
  decision: MatchDecision;
}

/** A scored candidate with the record (one of the person's names) that scored best. */
type Leader = ScoredCandidate & { features: Record<string, number>; record?: PreparedMatchRecord };

/** Which persons may be candidates at all. */
export interface CandidateScope {
  /**
   * The clearance of the user who looks. Only persons of a sensitivity they are cleared for may
   * be candidates, so that a list never reveals, nor links to, a person they may not see; and
   * only the fields they may read are compared (see `matchRecordVisibleTo`), so that no score or
   * decision tells them a father's name, place or identifier. Everyone and everything when absent.
   */
  clearance?: Sensitivity;
}

/** What a {@link CandidateFinder} looks up for list rows. */
export interface FindOptions {
  /** Persons a row must not be offered (itself, or pairs already judged). */
  exclude?: (rowId: string, personId: string) => boolean;
}

/**
 * Finds, scores and decides the registry candidates of list rows through the key index. It
 * remembers what it has read of the registry — key postings, persons' prepared names, key counts —
 * so that a list looked up in chunks (to report progress) reads each of them once. Use one finder
 * for one pass over a list; a new pass needs a new finder to see later changes.
 */
export interface CandidateFinder {
  find(rows: readonly MatchRecord[], options?: FindOptions): Promise<RowCandidates[]>;
}

/**
 * A {@link CandidateFinder} over the registry in `db`: persons sharing a row's rarest keys are
 * scored under each of their names, and `decide` says match, review or new. Hidden (merged)
 * persons are never candidates.
 *
 * @example
 * const finder = createCandidateFinder(db);
 * for (const chunk of chunks) report(await finder.find(chunk));
 */
export function createCandidateFinder(db: DbOrTx, scope: CandidateScope = {}): CandidateFinder {
  const postings = new Map<string, string[]>();
  const sortedPostings = new Map<string, string[]>();
  const preparedNames = new Map<string, PreparedMatchRecord[]>();
  const keyCounts = new Map<string, number>();
  let known: { fathers: number; places: number } | null = null;
  /** Persons who may be candidates: not merged away, and of a sensitivity the scope allows. */
  const inScope = and(
    isNull(persons.hiddenAt),
    scope.clearance
      ? anyOf(persons.sensitivity, visibleLevels(scope.clearance), 'text')
      : undefined,
  );
  const visible = (record: MatchRecord): MatchRecord =>
    scope.clearance ? matchRecordVisibleTo(record, scope.clearance) : record;
  /** Persons who may be candidates: the registry size that a key's rarity is measured against. */
  let registrySize: number | null = null;

  async function countCandidatePersons(): Promise<number> {
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(persons)
      .where(inScope);
    return Number(row?.n ?? 0);
  }

  async function loadPostings(keys: string[]) {
    const missing = keys.filter((key) => !postings.has(key));
    for (let i = 0; i < missing.length; i += 2000) {
      const chunk = missing.slice(i, i + 2000);
      for (const key of chunk) postings.set(key, []);
      const found = await db
        .select({ key: personMatchKeys.key, personId: personMatchKeys.personId })
        .from(personMatchKeys)
        .innerJoin(persons, eq(persons.id, personMatchKeys.personId))
        .where(and(anyOf(personMatchKeys.key, chunk, 'text'), inScope));
      for (const f of found) postings.get(f.key)!.push(f.personId);
    }
  }

  /** A full bucket in a stable order (by person id), sorted once for all rows. */
  function sortedPostingsOf(key: string): string[] {
    let people = sortedPostings.get(key);
    if (!people) sortedPostings.set(key, (people = [...(postings.get(key) ?? [])].sort()));
    return people;
  }

  function shortlistOf(
    row: MatchRecord,
    keys: string[],
    options: FindOptions,
    total: number,
  ): string[] {
    const weight = new Map<string, number>();
    const skipped: { key: string; size: number }[] = [];
    for (const key of keys) {
      const people = postings.get(key) ?? [];
      if (people.length === 0) continue;
      if (people.length > MAX_BUCKET) {
        skipped.push({ key, size: people.length });
        continue;
      }
      const keyWeight = blockingKeyWeight(key, people.length, total);
      for (const p of people) {
        if (options.exclude?.(row.id, p)) continue;
        weight.set(p, (weight.get(p) ?? 0) + keyWeight);
      }
    }
    // A common name with nothing rarer to go by (more namesakes than a bucket holds, and no
    // birth year or father's name) would otherwise find nobody and be called new: as the
    // in-memory MatchIndex does, take persons from the most specific of the full buckets.
    if (weight.size < MAX_CANDIDATES && skipped.length > 0) {
      skipped.sort((x, y) => x.size - y.size || blockingKeyBoost(y.key) - blockingKeyBoost(x.key));
      for (const { key } of skipped) {
        for (const p of sortedPostingsOf(key)) {
          if (weight.size >= MAX_CANDIDATES) break;
          if (weight.has(p) || options.exclude?.(row.id, p)) continue;
          weight.set(p, 1e-6 * blockingKeyBoost(key));
        }
        if (weight.size >= MAX_CANDIDATES) break;
      }
    }
    // Ties in person id order, so that the same list previewed twice gets the same candidates.
    return [...weight.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, MAX_CANDIDATES)
      .map(([p]) => p);
  }

  async function loadNames(personIds: string[]) {
    const missing = personIds.filter((id) => !preparedNames.has(id));
    const records = await matchRecordsOf(db, missing);
    for (const id of missing) {
      preparedNames.set(
        id,
        (records.get(id) ?? []).map((r) => prepareMatchRecord(visible(r))),
      );
    }
  }

  /**
   * Adds to the leading candidates what only the whole registry knows — how many namesakes they
   * have and how common their father's name and place are — as the in-memory `MatchIndex` does,
   * so that a namesake is never matched automatically from the database path either.
   */
  async function addRegistryStatistics(leaders: Leader[]) {
    const wanted = new Map<
      Leader,
      { names: string[]; father: string | null; place: string | null }
    >();
    for (const leader of leaders) {
      const prepared = leader.record;
      if (!prepared) continue;
      wanted.set(leader, {
        names: blockingKeysOfPrepared(prepared).filter((k) => k.startsWith('p:')),
        father: prepared.father ? `father=${prepared.father.stripped}` : null,
        place: prepared.place ? `place=${prepared.place}` : null,
      });
    }
    if (wanted.size === 0) return;
    const missing = [
      ...new Set(
        [...wanted.values()].flatMap((w) =>
          [...w.names, w.father, w.place].filter((k): k is string => !!k && !keyCounts.has(k)),
        ),
      ),
    ];
    for (let i = 0; i < missing.length; i += 2000) {
      const chunk = missing.slice(i, i + 2000);
      for (const key of chunk) keyCounts.set(key, 0);
      const rows = await db
        .select({ key: personMatchKeys.key, n: sql<number>`count(*)::int` })
        .from(personMatchKeys)
        .innerJoin(persons, eq(persons.id, personMatchKeys.personId))
        .where(and(anyOf(personMatchKeys.key, chunk, 'text'), inScope))
        .groupBy(personMatchKeys.key);
      for (const r of rows) keyCounts.set(r.key, Number(r.n));
    }
    known ??= {
      fathers: await countPersonsWithKey(db, 'father=%', inScope),
      places: await countPersonsWithKey(db, 'place=%', inScope),
    };
    for (const [leader, w] of wanted) {
      const namesakes = Math.max(1, ...w.names.map((k) => keyCounts.get(k) || 1)) - 1;
      leader.features.registryNamesakes = namesakes;
      leader.features.coincidence = coincidenceOf(leader.features, {
        namesakes,
        fatherCount: w.father ? (keyCounts.get(w.father) ?? 0) : null,
        fathersKnown: known.fathers,
        placeCount: w.place ? (keyCounts.get(w.place) ?? 0) : null,
        placesKnown: known.places,
      });
    }
  }

  return {
    async find(rows, options = {}) {
      // Each row and each registry record is prepared (romanized, parsed, keyed) once.
      const preparedRows = rows.map((row) => prepareMatchRecord(visible(row)));
      const keysOf = preparedRows.map((row) => blockingKeysOfPrepared(row));
      await loadPostings([...new Set(keysOf.flat())]);
      registrySize ??= await countCandidatePersons();
      const total = registrySize;
      const shortlist = rows.map((row, i) => shortlistOf(row, keysOf[i]!, options, total));
      await loadNames([...new Set(shortlist.flat())]);
      const scoredRows = rows.map((row, i) => {
        const scored = shortlist[i]!.map((personId) => {
          let best: Leader = { id: personId, score: 0, features: {} };
          for (const record of preparedNames.get(personId) ?? []) {
            const s = scorePreparedPair(preparedRows[i]!, record);
            if (s.score > best.score)
              best = { id: personId, score: s.score, features: s.features, record };
          }
          return best;
        });
        scored.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
        return { row, scored };
      });
      await addRegistryStatistics(scoredRows.flatMap((r) => r.scored.slice(0, 2)));
      return scoredRows.map(({ row, scored }) => {
        const plain = scored.map(({ record: _record, ...candidate }) => candidate);
        return { row, scored: plain, decision: decide(plain) };
      });
    },
  };
}

/**
 * Finds, scores and decides the registry candidates of list rows in one go; see
 * {@link createCandidateFinder} to look a list up in chunks.
 */
export async function findCandidates(
  db: DbOrTx,
  rows: readonly MatchRecord[],
  options: FindOptions & CandidateScope = {},
): Promise<RowCandidates[]> {
  return createCandidateFinder(db, options).find(rows, options);
}

/** `column = ANY($1)`: one array parameter, however many values (IN lists take one each). */
function anyOf(column: AnyColumn, values: readonly string[], type: 'text' | 'uuid') {
  return sql`${column} = ANY(${sql.param([...values])}::${sql.raw(type)}[])`;
}

/** How many persons have a key starting with `prefix%`: how many name any father, or place. */
async function countPersonsWithKey(
  db: DbOrTx,
  pattern: string,
  inScope: SQL | undefined,
): Promise<number> {
  const [row] = await db
    .select({ n: countDistinct(personMatchKeys.personId) })
    .from(personMatchKeys)
    .innerJoin(persons, eq(persons.id, personMatchKeys.personId))
    .where(and(like(personMatchKeys.key, pattern), inScope));
  return row?.n ?? 0;
}
