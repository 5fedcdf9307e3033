import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../client.ts';
import { auditEntries, settings } from '../schema.ts';
import { createTestDatabase, testDatabaseKind } from '../testing.ts';
import { appendAudit, verifyAuditChain } from './audit.queries.ts';

describe(`audit chain (${testDatabaseKind})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.close());

  const append = (entityId: string) =>
    database.db.transaction((tx) =>
      appendAudit(tx, {
        actorId: 'u1',
        action: 'update',
        entity: 'person',
        entityId,
        diff: { sex: ['unknown', 'male'] },
      }),
    );

  it('verifies an untouched chain and reports its head', async () => {
    for (let i = 0; i < 5; i++) await append(`p${i}`);
    const result = await verifyAuditChain(database.db);
    expect(result).toMatchObject({ ok: true, entries: 5, head: { seq: 5 } });
  });

  it('never forks the chain under parallel writers', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => append(`parallel${i}`)));
    const result = await verifyAuditChain(database.db);
    expect(result.ok).toBe(true);
    expect(result.entries).toBe(25);
  });

  it('fails at the entry whose content was changed', async () => {
    const before = await verifyAuditChain(database.db);
    await database.db.execute(sql`UPDATE audit_entries SET entity_id = 'forged' WHERE seq = 3`);
    const result = await verifyAuditChain(database.db);
    expect(result).toMatchObject({ ok: false, brokenAt: 3 });
    await database.db.execute(sql`UPDATE audit_entries SET entity_id = 'p2' WHERE seq = 3`);
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
    expect(before.ok).toBe(true);
  });

  it('fails where an entry was deleted', async () => {
    const [row] = await database.db
      .select()
      .from(auditEntries)
      .where(sql`seq = 7`);
    await database.db.execute(sql`DELETE FROM audit_entries WHERE seq = 7`);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, brokenAt: 7 });
    await database.db.insert(auditEntries).values(row!);
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });

  it('catches a rebuilt chain by its exported head', async () => {
    const good = await verifyAuditChain(database.db);
    if (!good.ok || !good.head) throw new Error('expected a head');
    expect((await verifyAuditChain(database.db, { expectedHead: good.head })).ok).toBe(true);
    const forgedHead = { seq: good.head.seq, hash: 'f'.repeat(64) };
    expect(await verifyAuditChain(database.db, { expectedHead: forgedHead })).toMatchObject({
      ok: false,
    });
  });

  it('rolls the change back when the audit write fails', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`INSERT INTO settings (key, value) VALUES ('probe', '1')`);
        await appendAudit(tx, {
          actorId: null,
          action: 'update',
          entity: 'x',
          entityId: null,
          diff: { bad: BigInt(1) },
        });
      }),
    ).rejects.toThrow();
    const rows = await database.db.select().from(settings).where(eq(settings.key, 'probe'));
    expect(rows).toHaveLength(0);
  });
});
