import { blockingKeys } from '@vigil/domain';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDb, type Database } from '../client.ts';
import { seedDemoData } from '../demo/demo-data.ts';
import { personMatchKeys, personNames, persons, settings } from '../schema.ts';
import { createTestDatabase, testDatabaseKind } from '../testing.ts';
import {
  createCandidateFinder,
  findCandidates,
  markMatchKeysCurrent,
  matchKeysCurrent,
  matchRecordsOf,
  refreshAllMatchKeys,
  refreshMatchKeys,
} from './match-keys.queries.ts';

describe(`candidates from the key index (${testDatabaseKind})`, () => {
  let database: Database;
  let narek: { id: string; birthDate: string | null };
  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemoData(database.db);
    const [row] = await database.db
      .select({ id: persons.id, birthDate: persons.birthDate })
      .from(persons)
      .innerJoin(personNames, eq(personNames.personId, persons.id))
      .where(eq(personNames.value, 'Narek Hakobyan'));
    narek = row!;
  });
  afterAll(async () => database?.close());

  it('matches a Cyrillic spelling with the same birth date to the registry person', async () => {
    const [result] = await findCandidates(database.db, [
      { id: 'row1', name: 'АКОПЯН Нарек', birthDate: narek.birthDate },
    ]);
    expect(result?.decision).toMatchObject({ decision: 'match', match: narek.id });
  });

  it('sends a name without anything else to a person, never matching it automatically', async () => {
    const [result] = await findCandidates(database.db, [{ id: 'row2', name: 'Narek Hakopian' }]);
    expect(result?.decision.decision).toBe('review');
    expect(result?.decision.candidates[0]?.id).toBe(narek.id);
  });

  it('keeps a person’s keys those of their names now: a corrected name’s old keys go, its new ones come', async () => {
    const { db } = database;
    const [person] = await db
      .insert(persons)
      .values({ sortName: 'zoravar keyyan', birthDate: '1970' })
      .returning();
    const [name] = await db
      .insert(personNames)
      .values({
        personId: person!.id,
        value: 'Zoravar Keyyan',
        script: 'latin',
        kind: 'legal',
        searchKey: 'zoravar keyyan',
      })
      .returning();
    await refreshMatchKeys(db, [person!.id]);
    const stored = async () =>
      (
        await db
          .select({ key: personMatchKeys.key })
          .from(personMatchKeys)
          .where(eq(personMatchKeys.personId, person!.id))
          .orderBy(asc(personMatchKeys.key))
      ).map((k) => k.key);
    const keysOf = (value: string) =>
      blockingKeys({ id: person!.id, name: value, birthDate: '1970' }).sort();
    expect(await stored()).toEqual(keysOf('Zoravar Keyyan'));
    await db
      .update(personNames)
      .set({ value: 'Smbat Otheryan', searchKey: 'smbat otheryan' })
      .where(eq(personNames.id, name!.id));
    await refreshMatchKeys(db, [person!.id]);
    expect(await stored()).toEqual(keysOf('Smbat Otheryan'));
  });

  it('calls a name nobody in the registry resembles new', async () => {
    const [result] = await findCandidates(database.db, [
      { id: 'row3', name: 'Zoravar Qwertyan', birthDate: '1950' },
    ]);
    expect(result?.decision.decision).toBe('new');
  });

  it('decides a list looked up in chunks by one finder as it decides the whole list at once', async () => {
    // The demo registry's own names, respelled as a list would: each row finds its person and
    // namesakes, so chunks share keys and persons that the finder remembers between them.
    const ids = (await database.db.select({ id: persons.id }).from(persons)).map((p) => p.id);
    const records = [...(await matchRecordsOf(database.db, ids)).values()].flat();
    const rows = records.map((r, i) => ({ ...r, id: `row-${i}`, name: r.name.toUpperCase() }));
    const whole = await findCandidates(database.db, rows);
    const finder = createCandidateFinder(database.db);
    const chunked = [];
    for (let i = 0; i < rows.length; i += 7)
      chunked.push(...(await finder.find(rows.slice(i, i + 7))));
    expect(chunked.map((r) => r.decision)).toEqual(whole.map((r) => r.decision));
    expect(whole.some((r) => r.decision.decision === 'match')).toBe(true);
  });
});

describe(`the version of the stored match keys (${testDatabaseKind})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.close());

  it('starts current on a new registry, and stays stale on one with persons until refreshed', async () => {
    expect(await matchKeysCurrent(database.db)).toBe(true);
    await seedDemoData(database.db);
    // As a registry from before versions were recorded: migrating again does not vouch for it.
    await database.db.delete(settings).where(eq(settings.key, 'match_keys_version'));
    await migrateDb(database);
    expect(await matchKeysCurrent(database.db)).toBe(false);
    const refreshed = await refreshAllMatchKeys(database.db, { batch: 7 });
    expect(refreshed).toBeGreaterThanOrEqual(30);
    await markMatchKeysCurrent(database.db);
    expect(await matchKeysCurrent(database.db)).toBe(true);
  });
});
