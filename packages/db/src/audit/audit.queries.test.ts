import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Tx } from '../client.ts';
import { auditEntries, settings } from '../schema.ts';
import {
  createTestDatabase,
  rehashAuditChain,
  tamperWithAudit,
  testDatabaseKind,
} from '../testing.ts';
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
  const readEntries = () => database.db.select().from(auditEntries).orderBy(asc(auditEntries.seq));
  const exportHead = async () => {
    const result = await verifyAuditChain(database.db);
    if (!result.ok || !result.head) throw new Error('expected an intact chain with a head');
    return result.head;
  };

  // Tests that tamper with the chain put the untouched entries back afterwards, so that each
  // one starts from an intact chain.
  let untouched: Awaited<ReturnType<typeof readEntries>> | null = null;
  const tamper = async (change: (tx: Tx) => Promise<void>) => {
    untouched ??= await readEntries();
    await tamperWithAudit(database.db, change);
  };
  afterEach(async () => {
    if (!untouched) return;
    const entries = untouched;
    untouched = null;
    await tamperWithAudit(database.db, async (tx) => {
      await tx.delete(auditEntries);
      await tx.insert(auditEntries).values(entries);
    });
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });

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

  describe('the database refuses to change audit entries', () => {
    // drizzle wraps the driver's error; the database's own message is its cause.
    const refusal = (operation: string) => ({
      cause: expect.objectContaining({
        message: `audit entries are append-only: ${operation} on audit_entries is refused`,
      }),
    });

    it('refuses an UPDATE, and the entry stays as it was', async () => {
      const before = await readEntries();
      await expect(
        database.db.execute(sql`UPDATE audit_entries SET entity_id = 'forged' WHERE seq = 3`),
      ).rejects.toMatchObject(refusal('UPDATE'));
      await expect(
        database.db.update(auditEntries).set({ hash: 'f'.repeat(64) }),
      ).rejects.toMatchObject(refusal('UPDATE'));
      expect(await readEntries()).toEqual(before);
    });

    it('refuses a DELETE, and every entry is still there', async () => {
      const before = await readEntries();
      await expect(
        database.db.execute(sql`DELETE FROM audit_entries WHERE seq = 7`),
      ).rejects.toMatchObject(refusal('DELETE'));
      await expect(database.db.delete(auditEntries)).rejects.toMatchObject(refusal('DELETE'));
      expect(await readEntries()).toEqual(before);
    });

    it('refuses a TRUNCATE, and every entry is still there', async () => {
      const before = await readEntries();
      await expect(database.db.execute(sql`TRUNCATE audit_entries`)).rejects.toMatchObject(
        refusal('TRUNCATE'),
      );
      expect(await readEntries()).toEqual(before);
    });

    it('still appends', async () => {
      const { seq } = await append('after-the-refusals');
      expect(seq).toBe(26);
      expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, entries: 26 });
    });
  });

  it('fails at the entry whose content was changed', async () => {
    await tamper(async (tx) => {
      await tx.execute(sql`UPDATE audit_entries SET entity_id = 'forged' WHERE seq = 3`);
    });
    expect(await verifyAuditChain(database.db)).toMatchObject({
      ok: false,
      brokenAt: 3,
      problem: 'its content was changed after it was written',
    });
  });

  it('fails where an entry was deleted', async () => {
    await tamper(async (tx) => {
      await tx.execute(sql`DELETE FROM audit_entries WHERE seq = 7`);
    });
    expect(await verifyAuditChain(database.db)).toMatchObject({
      ok: false,
      brokenAt: 7,
      problem: 'entry 7 is missing',
    });
  });

  it('fails at the first of two entries whose order was swapped', async () => {
    // Each row moves whole, with its own links and hash, as if written in the other order.
    await tamper(async (tx) => {
      await tx.execute(sql`UPDATE audit_entries SET seq = -seq WHERE seq IN (3, 4)`);
      await tx.execute(
        sql`UPDATE audit_entries SET seq = CASE seq WHEN -3 THEN 4 ELSE 3 END WHERE seq < 0`,
      );
    });
    const [third] = await readEntries().then((rows) => rows.filter((row) => row.seq === 3));
    expect(third?.entityId).toBe('p3');
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, brokenAt: 3 });
  });

  it('fails at the first of two entries whose contents were swapped under their hashes', async () => {
    await tamper(async (tx) => {
      await tx.execute(sql`
        UPDATE audit_entries AS a SET at = b.at, actor_id = b.actor_id, action = b.action,
          entity = b.entity, entity_id = b.entity_id, ip = b.ip, diff = b.diff
        FROM audit_entries AS b
        WHERE (a.seq, b.seq) IN ((3, 4), (4, 3))`);
    });
    expect(await verifyAuditChain(database.db)).toMatchObject({
      ok: false,
      brokenAt: 3,
      problem: 'its content was changed after it was written',
    });
  });

  it('fails at an entry slipped in before the first one, where no one would look', async () => {
    const [first] = await readEntries();
    await tamper(async (tx) => {
      await tx.insert(auditEntries).values({ ...first!, seq: 0, entityId: 'forged' });
    });
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, brokenAt: 0 });
  });

  it('catches a chain that was changed and rebuilt, by the head exported before', async () => {
    const head = await exportHead();
    expect((await verifyAuditChain(database.db, { expectedHead: head })).ok).toBe(true);
    await tamper(async (tx) => {
      await tx.execute(sql`UPDATE audit_entries SET entity_id = 'forged' WHERE seq = 3`);
      await rehashAuditChain(tx);
    });
    // Rebuilt, the chain holds together on its own: only the exported head shows the change.
    const rebuilt = await verifyAuditChain(database.db);
    expect(rebuilt).toMatchObject({ ok: true, entries: head.seq, head: { seq: head.seq } });
    expect(await verifyAuditChain(database.db, { expectedHead: head })).toMatchObject({
      ok: false,
      brokenAt: head.seq,
      problem: 'differs from the exported chain head',
    });
  });

  it('catches a made-up head', async () => {
    const head = await exportHead();
    const forgedHead = { seq: head.seq, hash: 'f'.repeat(64) };
    expect(await verifyAuditChain(database.db, { expectedHead: forgedHead })).toMatchObject({
      ok: false,
      brokenAt: head.seq,
    });
  });

  it('catches entries cut off the end of the chain, by the head exported before', async () => {
    const head = await exportHead();
    await tamper(async (tx) => {
      await tx.delete(auditEntries).where(sql`${auditEntries.seq} > ${head.seq - 2}`);
    });
    // What is left is a shorter chain that holds together on its own.
    expect(await verifyAuditChain(database.db)).toMatchObject({
      ok: true,
      entries: head.seq - 2,
    });
    expect(await verifyAuditChain(database.db, { expectedHead: head })).toMatchObject({
      ok: false,
      brokenAt: head.seq,
      problem: 'the exported chain head is gone',
    });
    // New entries written after the cut fill the exported head's place with another entry.
    for (let i = 0; i < 3; i++) await append(`after-the-cut${i}`);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, entries: head.seq + 1 });
    expect(await verifyAuditChain(database.db, { expectedHead: head })).toMatchObject({
      ok: false,
      brokenAt: head.seq,
      problem: 'differs from the exported chain head',
    });
  });

  it('rolls the change back when the audit write fails', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`INSERT INTO settings (key, value) VALUES ('probe', '1')`);
        await appendAudit(tx, {
          actorId: null,
          action: 'update',
          entity: 'demo_data',
          entityId: null,
          diff: { bad: BigInt(1) },
        });
      }),
    ).rejects.toThrow();
    const rows = await database.db.select().from(settings).where(eq(settings.key, 'probe'));
    expect(rows).toHaveLength(0);
  });
});
