import {
  decide,
  detectScript,
  MatchIndex,
  searchKey,
  type MatchDecision,
  type MatchRecord,
} from '@vigil/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, DbOrTx } from '../client.ts';
import { personNames, persons } from '../schema.ts';
import { createTestDatabase, testDatabaseKind } from '../testing.ts';
import { findCandidates, refreshMatchKeys } from './match-keys.queries.ts';
import { findDuplicatePairs } from './merge.queries.ts';

// Every person here is fictional. «Vardan Ghazaryan» stands for a common name: forty men in the
// registry bear it, written in Armenian, Cyrillic and several Latin spellings.
const SPELLINGS = [
  'Vardan Ghazaryan',
  'Վարդան Ղազարյան',
  'Вардан Казарян',
  'Vardan Kazarian',
  'Vartan Ghazarian',
  'GHAZARYAN Vardan',
  'Ղազարյան Վարդան',
  'Вардан Газарян',
];
const FATHERS = [
  'Aram',
  'Levon',
  'Samvel',
  'Gagik',
  'Hrant',
  'Karen',
  'Suren',
  'Vahe',
  'Ashot',
  'Gurgen',
  'Rafik',
  'Norayr',
  'Artak',
  'Hovik',
  'Vazgen',
  'Zaven',
  'Mher',
  'Garnik',
  'Sevak',
  'Tatul',
];
const PLACES = ['Yerevan', 'Vanadzor', 'Kapan', 'Goris', 'Sisian', 'Ijevan', 'Martuni', 'Ashtarak'];
const OTHER_NAMES = [
  ['Aram', 'Petrosyan'],
  ['Tigran', 'Sahakyan'],
  ['Gevorg', 'Hakobyan'],
  ['Narek', 'Avetisyan'],
  ['Davit', 'Mkrtchyan'],
  ['Samvel', 'Harutyunyan'],
  ['Karen', 'Sargsyan'],
  ['Levon', 'Grigoryan'],
  ['Arsen', 'Khachatryan'],
  ['Hovhannes', 'Karapetyan'],
] as const;
const NAMESAKES = 40;
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The registry: `namesakes` men of the common name, born on different days (two or more at a
 * time in the same year), with different fathers — except every eighth, whose father is Armen and
 * who comes from Gyumri, as do thirty other men of other names — and one man of a rare name.
 */
function registryPeople(namesakes: number): Omit<MatchRecord, 'id'>[] {
  const people: Omit<MatchRecord, 'id'>[] = [];
  for (let i = 0; i < namesakes; i++) {
    const common = i % 8 === 0;
    people.push({
      name: SPELLINGS[i % SPELLINGS.length]!,
      birthDate: `${1960 + (i % 30)}-${pad(1 + ((i * 5) % 12))}-${pad(1 + ((i * 7) % 28))}`,
      fatherName: common ? 'Armen' : FATHERS[i % FATHERS.length]!,
      place: common ? 'Gyumri' : PLACES[i % PLACES.length]!,
    });
  }
  for (let j = 0; j < 30; j++) {
    const [given] = OTHER_NAMES[j % 10]!;
    const [, surname] = OTHER_NAMES[(j + Math.floor(j / 10) + 1) % 10]!;
    people.push({
      name: `${given} ${surname}`,
      birthDate: `${1965 + j}-0${1 + (j % 9)}-1${j % 10}`,
      fatherName: 'Armen',
      place: 'Gyumri',
    });
  }
  people.push({
    name: 'Mushegh Tsaturyan',
    birthDate: '1983-04-17',
    fatherName: 'Levon',
    place: 'Vanadzor',
  });
  return people;
}

/** Writes persons with one name each, as an import does, and indexes their keys. */
async function addToRegistry(
  db: DbOrTx,
  people: readonly Omit<MatchRecord, 'id'>[],
): Promise<MatchRecord[]> {
  const ids = await db
    .insert(persons)
    .values(
      people.map((p) => ({
        sortName: searchKey(p.name),
        birthDate: p.birthDate ?? null,
        birthPlace: p.place ?? null,
        fatherName: p.fatherName ?? null,
        sensitivity: 'partner' as const,
      })),
    )
    .returning({ id: persons.id });
  await db.insert(personNames).values(
    people.map((p, i) => ({
      personId: ids[i]!.id,
      value: p.name,
      script: detectScript(p.name),
      kind: 'legal' as const,
      searchKey: searchKey(p.name),
    })),
  );
  await refreshMatchKeys(
    db,
    ids.map((r) => r.id),
  );
  return people.map((p, i) => ({ ...p, id: ids[i]!.id }));
}

describe(`namesakes in the database's key index (${testDatabaseKind})`, () => {
  let database: Database;
  let registry: MatchRecord[];
  const namesake = (i: number) => registry[i]!;
  const rare = () => registry.at(-1)!;

  /** What an import decides for each row: findCandidates, then its decision. */
  async function decideInDatabase(rows: MatchRecord[]): Promise<MatchDecision[]> {
    return (await findCandidates(database.db, rows)).map((r) => r.decision);
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    registry = await addToRegistry(database.db, registryPeople(NAMESAKES));
  });
  afterAll(async () => database?.close());

  /** Rows that name the common name with too little to tell the namesakes apart. */
  const vagueRows = (): MatchRecord[] => [
    // A birth year only: two namesakes were born in 1962, one in 1975.
    { id: 'year-shared', name: 'Vardan Ghazaryan', birthDate: '1962' },
    { id: 'year-single', name: 'Вардан Казарян', birthDate: '1975' },
    { id: 'year-month', name: 'Վարդան Ղազարյան', birthDate: '1975-04' },
    // A father's name only, common (Armen) or borne by one namesake's father alone (Hrant).
    { id: 'father-common', name: 'Vardan Ghazarian', fatherName: 'Armen' },
    { id: 'father-single', name: 'Ղազարյան Վարդան', fatherName: 'Hrant' },
    { id: 'father-patronymic', name: 'Казарян Вардан Грантович' },
    // A birth year with a father's name and a place that a third of the registry shares.
    {
      id: 'year-common-father-place',
      name: 'Vartan Kazarian',
      birthDate: '1968',
      fatherName: 'Armen',
      place: 'Gyumri',
    },
    // The name alone.
    { id: 'name-only', name: 'VARDAN GHAZARYAN' },
  ];

  /** Rows whose full birth date and father single out one namesake, or name the rare man. */
  const identifyingRows = (): { row: MatchRecord; expected: () => MatchRecord }[] => [
    ...[3, 17, 31, 8, 32].map((i) => ({
      row: {
        id: `full-${i}`,
        // Another spelling than the registry's, so the match is not a copy of the record.
        name: SPELLINGS[(i + 3) % SPELLINGS.length]!,
        birthDate: namesake(i).birthDate,
        fatherName: namesake(i).fatherName,
      },
      expected: () => namesake(i),
    })),
    {
      row: { id: 'rare-full', name: 'Մուշեղ Ծատուրյան', birthDate: rare().birthDate },
      expected: rare,
    },
    {
      row: {
        id: 'rare-full-father',
        name: 'Мушег Цатурян',
        birthDate: rare().birthDate,
        fatherName: 'Левон',
      },
      expected: rare,
    },
  ];

  it('finds the namesakes across scripts but never matches a row that cannot tell them apart', async () => {
    const rows = vagueRows();
    const results = await findCandidates(database.db, rows);
    for (const [i, { decision, scored }] of results.entries()) {
      expect(decision.decision, rows[i]!.id).not.toBe('match');
      expect(decision.match, rows[i]!.id).toBeUndefined();
      // Not dropped as new either: someone must look at the namesakes it may be.
      expect(decision.decision, rows[i]!.id).toBe('review');
      expect(scored[0]?.features.registryNamesakes, rows[i]!.id).toBe(NAMESAKES - 1);
    }
  });

  it('matches the one namesake a full birth date and father single out, and a rare name by its date', async () => {
    const cases = identifyingRows();
    const decisions = await decideInDatabase(cases.map((c) => c.row));
    for (const [i, { row, expected }] of cases.entries())
      expect(decisions[i], row.id).toMatchObject({ decision: 'match', match: expected().id });
  });

  it('decides every row as the in-memory MatchIndex does over the same registry', async () => {
    const rows = [
      ...vagueRows(),
      ...identifyingRows().map((c) => c.row),
      // The right birth date with another father: not the same man.
      {
        id: 'full-date-other-father',
        name: 'Vardan Ghazaryan',
        birthDate: namesake(5).birthDate,
        fatherName: 'Hovsep',
      },
      { id: 'full-date-only', name: 'Vartan Ghazarian', birthDate: namesake(12).birthDate },
      { id: 'rare-year', name: 'Mushegh Tsaturian', birthDate: '1983' },
      { id: 'nobody', name: 'Zoravar Qwertyan', birthDate: '1950' },
    ];
    const index = new MatchIndex();
    index.addAll(registry);
    const inDatabase = await findCandidates(database.db, rows);
    for (const [i, row] of rows.entries()) {
      const inMemory = index.search(row);
      const fromDatabase = inDatabase[i]!;
      const memoryDecision = decide(inMemory);
      expect(
        { decision: fromDatabase.decision.decision, match: fromDatabase.decision.match },
        row.id,
      ).toEqual({ decision: memoryDecision.decision, match: memoryDecision.match });
      // The same leaders, with the same registry statistics behind the namesake check.
      for (const k of [0, 1]) {
        const memory = inMemory[k];
        const database = fromDatabase.scored[k];
        expect(database?.id, `${row.id} #${k}`).toBe(memory?.id);
        if (!memory || !database) continue;
        expect(database.features.registryNamesakes, `${row.id} #${k}`).toBe(
          memory.features?.registryNamesakes,
        );
        expect(database.features.coincidence, `${row.id} #${k}`).toBeCloseTo(
          memory.features?.coincidence ?? Number.NaN,
          12,
        );
      }
    }
  });
});

describe(`more namesakes than a key of the index holds (${testDatabaseKind})`, () => {
  // More men of one name than CANDIDATE_LIMITS.maxBucket, shared by MatchIndex and the database:
  // every key of the bare name is too common to gather candidates by.
  const MANY = 260;
  let database: Database;
  let registry: MatchRecord[];
  beforeAll(async () => {
    database = await createTestDatabase();
    registry = await addToRegistry(database.db, registryPeople(MANY));
  });
  afterAll(async () => database?.close());

  it('still sends a row with the bare name to review among the namesakes, never calling it new', async () => {
    const [result] = await findCandidates(database.db, [
      { id: 'name-only', name: 'Vardan Ghazaryan' },
    ]);
    expect(result?.decision.decision).toBe('review');
    const namesakeIds = new Set(registry.slice(0, MANY).map((r) => r.id));
    expect(result?.decision.candidates.length).toBeGreaterThan(0);
    for (const candidate of result!.decision.candidates)
      expect(namesakeIds.has(candidate.id)).toBe(true);
  });

  it('decides as the in-memory MatchIndex does when the name is that common', async () => {
    const target = registry[77]!;
    const rows: MatchRecord[] = [
      { id: 'name-only', name: 'Вардан Казарян' },
      { id: 'year', name: 'Vardan Ghazaryan', birthDate: '1962' },
      { id: 'father', name: 'Ղազարյան Վարդան', fatherName: 'Armen' },
      {
        id: 'full',
        name: 'Vartan Kazarian',
        birthDate: target.birthDate,
        fatherName: target.fatherName,
      },
    ];
    const index = new MatchIndex();
    index.addAll(registry);
    const inDatabase = await findCandidates(database.db, rows);
    for (const [i, row] of rows.entries()) {
      const inMemory = decide(index.search(row));
      expect(
        { decision: inDatabase[i]!.decision.decision, match: inDatabase[i]!.decision.match },
        row.id,
      ).toEqual({ decision: inMemory.decision, match: inMemory.match });
      expect(inDatabase[i]!.decision.decision, row.id).not.toBe('new');
    }
  });
});

describe(`the scan for duplicates (${testDatabaseKind})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
    // Every man twice, in Latin and in Cyrillic, among the namesakes above.
    const people = Array.from({ length: 12 }, (_, k) => ({
      birthDate: `19${70 + k}-0${1 + (k % 9)}-1${k % 10}`,
      fatherName: 'Armen',
    }));
    await addToRegistry(database.db, [
      ...registryPeople(20),
      ...people.map((p, k) => ({ ...p, name: `Vardan Ghazaryan${'a'.repeat(k % 3)}` })),
      ...people.map((p, k) => ({ ...p, name: `Вардан Казарян${'а'.repeat(k % 3)}` })),
    ]);
  });
  afterAll(async () => database?.close());

  it('finds the same pairs whether it reads the registry in small batches or large', async () => {
    const pairsOf = async (batch: number) =>
      new Set((await findDuplicatePairs(database.db, { batch })).map((p) => `${p.a}:${p.b}`));
    const large = await pairsOf(200);
    expect(large.size).toBeGreaterThanOrEqual(12);
    expect(await pairsOf(3)).toEqual(large);
  });
});
