import type { AuditEntity } from '@vigil/domain';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../client.ts';
import { auditEntries } from '../schema.ts';
import { createTestDatabase, testDatabaseKind } from '../testing.ts';
import { destroyRecordKeys, openAuditDiffs, SEALED_DIFF_KEY } from './audit-sealing.ts';
import { appendAudit, verifyAuditChain } from './audit.queries.ts';

describe(`sealed audit values (${testDatabaseKind})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.close());

  const append = (entity: AuditEntity, entityId: string, diff: Record<string, unknown>) =>
    database.db.transaction((tx) =>
      appendAudit(tx, { actorId: 'u1', action: 'update', entity, entityId, diff }),
    );
  const entriesOf = (entityId: string) =>
    database.db
      .select()
      .from(auditEntries)
      .where(eq(auditEntries.entityId, entityId))
      .orderBy(asc(auditEntries.seq));

  it("stores a person's values sealed, and opens them for readers", async () => {
    await append('person', 'sealed-1', { familyContact: [null, 'Fictional sister, +000 555'] });
    const [stored] = await entriesOf('sealed-1');
    expect(Object.keys(stored!.diff!)).toEqual([SEALED_DIFF_KEY]);
    expect(JSON.stringify(stored!.diff)).not.toContain('sister');
    const [opened] = await openAuditDiffs(database.db, [stored!]);
    expect(opened).toMatchObject({
      erased: false,
      diff: { familyContact: [null, 'Fictional sister, +000 555'] },
    });
  });

  it('leaves the values of records that are not about a person readable', async () => {
    await append('source', 'plain-1', { publisher: ['A', 'B'] });
    const [stored] = await entriesOf('plain-1');
    expect(stored!.diff).toEqual({ publisher: ['A', 'B'] });
  });

  it("erases a record's values when its key is destroyed, and the chain still verifies", async () => {
    await append('name', 'sealed-2', { value: [null, 'Vardan Fictionyan'] });
    await append('name', 'sealed-3', { value: [null, 'Aram Fictionyan'] });
    const destroyed = await database.db.transaction((tx) =>
      destroyRecordKeys(tx, [{ entity: 'name', entityId: 'sealed-2' }]),
    );
    expect(destroyed).toBe(1);
    const opened = await openAuditDiffs(database.db, [
      ...(await entriesOf('sealed-2')),
      ...(await entriesOf('sealed-3')),
    ]);
    expect(opened.map((e) => [e.erased, e.diff])).toEqual([
      [true, null],
      [false, { value: [null, 'Aram Fictionyan'] }],
    ]);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true });
  });

  it("refuses a sealed value moved into another record's entry", async () => {
    await append('person', 'sealed-4', { notes: [null, 'x'] });
    await append('person', 'sealed-5', { notes: [null, 'y'] });
    const [four] = await entriesOf('sealed-4');
    const [five] = await entriesOf('sealed-5');
    await expect(openAuditDiffs(database.db, [{ ...five!, diff: four!.diff }])).rejects.toThrow();
  });
});
