import { randomUUID } from 'node:crypto';
import { asc, eq, inArray, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../client.ts';
import { claims, personNames, persons, reviewTasks, settings, sources } from '../schema.ts';
import { createTestDatabase, testDatabaseKind } from '../testing.ts';
import { insertRows } from './insert-rows.ts';

/** A stored row without what the database makes up for each insert. */
function content<T extends Record<string, unknown>>(row: T) {
  const { id: _id, createdAt: _createdAt, updatedAt: _updatedAt, ...rest } = row;
  return rest;
}

describe(`insertRows (${testDatabaseKind})`, () => {
  let database: Database;
  let sourceId: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    const [source] = await database.db
      .insert(sources)
      .values({ kind: 'official_list', title: 'A fictional list' })
      .returning({ id: sources.id });
    sourceId = source!.id;
  });
  afterAll(async () => database?.close());

  it('stores rows as insert().values() stores them: converted values, defaults, NULLs and JSON', async () => {
    const { db } = database;
    const person = (id: string) => ({
      id,
      sortName: 'qwertyan zoravar',
      birthDate: null,
      birthPlace: 'Նոր Գյուղ, "Upper" \\ {quarter}',
      identifiers: [{ kind: 'passport', value: 'AB-0000001' }],
      sensitivity: 'staff' as const,
    });
    const claim = (personId: string, line: number) => ({
      sourceId,
      subjectType: 'person' as const,
      personId,
      predicate: 'name',
      value: { name: 'Зоравар Квертян', birthDate: undefined, place: null, nested: { n: [1, 2] } },
      locator: `line ${line}`,
      credibility: 6,
      reviewState: 'pending' as const,
      enteredBy: null,
    });
    const [a, b] = [randomUUID(), randomUUID()];
    await db.insert(persons).values(person(a));
    await insertRows(db, persons, [person(b)]);
    await db.insert(claims).values([claim(a, 1), claim(a, 2)]);
    await insertRows(db, claims, [claim(b, 1), claim(b, 2)]);

    const [byValues, byRows] = await Promise.all(
      [a, b].map((id) => db.select().from(persons).where(eq(persons.id, id))),
    );
    expect(byRows!.map(content)).toEqual(byValues!.map(content));
    const claimsOf = (personId: string) =>
      db.select().from(claims).where(eq(claims.personId, personId)).orderBy(asc(claims.locator));
    const [claimsByValues, claimsByRows] = await Promise.all([claimsOf(a), claimsOf(b)]);
    expect(claimsByRows.map(({ personId: _p, ...c }) => content(c))).toEqual(
      claimsByValues.map(({ personId: _p, ...c }) => content(c)),
    );
    expect(claimsByRows[0]).toMatchObject({
      value: { name: 'Зоравар Квертян', place: null, nested: { n: [1, 2] } },
      stance: 'supports',
      version: 1,
    });
  });

  it('stores NULL where a row leaves out a column that has no default', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    await insertRows(database.db, persons, [
      { id: a, fatherName: 'Vardges' },
      { id: b, fatherName: undefined },
    ]);
    const stored = await database.db
      .select({ id: persons.id, fatherName: persons.fatherName })
      .from(persons)
      .where(inArray(persons.id, [a, b]));
    expect(new Map(stored.map((p) => [p.id, p.fatherName]))).toEqual(
      new Map([
        [a, 'Vardges'],
        [b, null],
      ]),
    );
  });

  it('inserts rows in the order given, so that a serial column numbers them in that order', async () => {
    const personId = randomUUID();
    await insertRows(database.db, persons, [{ id: personId }]);
    const spellings = [
      'Zoravar Qwertyan',
      'Зоравар Квертян',
      'Զորավար Քվերտյան',
      'Zoravar Kwertian',
    ];
    await insertRows(
      database.db,
      personNames,
      spellings.map((value) => ({
        personId,
        value,
        script: 'other' as const,
        kind: 'alias' as const,
        searchKey: value.toLowerCase(),
      })),
    );
    const stored = await database.db
      .select({ value: personNames.value })
      .from(personNames)
      .where(eq(personNames.personId, personId))
      .orderBy(asc(personNames.seq));
    expect(stored.map((n) => n.value)).toEqual(spellings);
  });

  it('writes more rows than one statement carries', async () => {
    const rows = Array.from({ length: 12_001 }, (_, i) => ({
      key: `insert-rows-test:${i}`,
      value: { i },
    }));
    await insertRows(database.db, settings, rows);
    const stored = await database.db
      .select()
      .from(settings)
      .where(like(settings.key, 'insert-rows-test:%'));
    expect(stored).toHaveLength(12_001);
    expect(stored.find((s) => s.key === 'insert-rows-test:12000')).toEqual({
      key: 'insert-rows-test:12000',
      value: { i: 12000 },
      version: 1,
    });
  });

  it('skips rows that conflict when asked to, and fails on them otherwise', async () => {
    const task = (detail: string) => ({
      kind: 'duplicate' as const,
      sourceId,
      dedupeKey: 'insert-rows-test:duplicate',
      detail,
    });
    await insertRows(database.db, reviewTasks, [task('first'), task('second')], {
      onConflictDoNothing: true,
    });
    await expect(insertRows(database.db, reviewTasks, [task('third')])).rejects.toThrow();
    const stored = await database.db
      .select({ detail: reviewTasks.detail })
      .from(reviewTasks)
      .where(eq(reviewTasks.dedupeKey, 'insert-rows-test:duplicate'));
    expect(stored).toEqual([{ detail: 'first' }]);
  });

  it('refuses a column that has a default when only some rows give it, and writes nothing', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    await expect(
      insertRows(database.db, persons, [{ id: a, sensitivity: 'staff' }, { id: b }]),
    ).rejects.toThrow(/sensitivity/);
    const stored = await database.db
      .select()
      .from(persons)
      .where(inArray(persons.id, [a, b]));
    expect(stored).toEqual([]);
  });
});
