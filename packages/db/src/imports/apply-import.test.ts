import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '../client.ts';
import { seedDemoData } from '../demo/demo-data.ts';
import { findCandidates, refreshAllMatchKeys } from '../matching/match-keys.queries.ts';
import { imports, personMatchKeys, personNames, persons } from '../schema.ts';
import { createTestDatabase, testDatabaseKind } from '../testing.ts';
import { applyImport, importRowPreviewOf } from './apply-import.ts';

/** Every stored match key, in a stable order. */
function storedKeys(db: Db, personId?: string) {
  return db
    .select({ personId: personMatchKeys.personId, key: personMatchKeys.key })
    .from(personMatchKeys)
    .where(personId ? eq(personMatchKeys.personId, personId) : undefined)
    .orderBy(asc(personMatchKeys.personId), asc(personMatchKeys.key));
}

function namesOf(db: Db, personId: string) {
  return db
    .select({ value: personNames.value })
    .from(personNames)
    .where(eq(personNames.personId, personId));
}

describe(`applying an import (${testDatabaseKind})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemoData(database.db);
  });
  afterAll(async () => database?.close());

  it('leaves every person with the match keys a full recompute gives, rewriting only those given a new name', async () => {
    const { db } = database;
    const [narek] = await db
      .select({ id: persons.id, birthDate: persons.birthDate })
      .from(persons)
      .innerJoin(personNames, eq(personNames.personId, persons.id))
      .where(eq(personNames.value, 'Narek Hakobyan'));
    // A registry person whom a row spelled exactly as the registry spells them matches.
    const registry = await db
      .select({
        id: persons.id,
        name: personNames.value,
        birthDate: persons.birthDate,
      })
      .from(persons)
      .innerJoin(personNames, eq(personNames.personId, persons.id))
      .where(and(ne(persons.id, narek!.id), sql`length(${persons.birthDate}) = 10`))
      .orderBy(asc(personNames.seq));
    const decisions = await findCandidates(db, registry);
    const known = registry.find((p, i) => decisions[i]!.decision.match === p.id)!;
    expect(known).toBeDefined();

    // L2 names Narek with his father's name (Gevorg), which gives him keys he had no name for.
    const rows = [
      { id: 'L1', name: known.name, birthDate: known.birthDate },
      { id: 'L2', name: 'Narek Gevorgi Hakobyan', birthDate: narek!.birthDate },
      { id: 'L3', name: 'Zoravar Newcomeryan', birthDate: '1970' },
    ];
    const previews = (await findCandidates(db, rows)).map(({ row, decision }, i) =>
      importRowPreviewOf({ ...row, line: i + 2 }, decision),
    );
    expect(previews.map((p) => [p.decision, p.match])).toEqual([
      ['match', known.id],
      ['match', narek!.id],
      ['new', null],
    ]);
    const [job] = await db
      .insert(imports)
      .values({
        state: 'queued',
        format: 'csv',
        text: 'id,name,birth_date\n…',
        rows: previews,
        total: previews.length,
        sourceTitle: 'A fictional list (test)',
        acceptAutomatic: true,
      })
      .returning();
    const knownNames = await namesOf(db, known.id);
    const knownKeys = await storedKeys(db, known.id);
    const narekNames = await namesOf(db, narek!.id);

    expect(await applyImport(db, job!.id)).toEqual({
      created: 1,
      linked: 2,
      toReview: 0,
      claims: 3,
      chosen: 0,
      repeats: 0,
    });
    expect(await namesOf(db, known.id)).toEqual(knownNames);
    expect(await storedKeys(db, known.id)).toEqual(knownKeys);
    expect(await namesOf(db, narek!.id)).toHaveLength(narekNames.length + 1);
    const afterImport = await storedKeys(db);
    await refreshAllMatchKeys(db);
    expect(afterImport).toEqual(await storedKeys(db));
  });
});
