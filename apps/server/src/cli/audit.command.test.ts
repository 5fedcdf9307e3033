import { appendAudit, auditEntries, type Database } from '@vigil/db';
import {
  createTestDatabase,
  rehashAuditChain,
  tamperWithAudit,
  testDatabaseKind,
} from '@vigil/db/testing';
import { asc, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runAuditCommand } from './audit.command.ts';

describe(`vigil audit (${testDatabaseKind})`, () => {
  let database: Database;
  let untouched: (typeof auditEntries.$inferSelect)[];
  beforeAll(async () => {
    database = await createTestDatabase();
    for (let i = 1; i <= 6; i++)
      await database.db.transaction((tx) =>
        appendAudit(tx, {
          actorId: 'u1',
          action: 'update',
          entity: 'person',
          entityId: `p${i}`,
          diff: { sex: ['unknown', 'male'] },
        }),
      );
    untouched = await database.db.select().from(auditEntries).orderBy(asc(auditEntries.seq));
  });
  // Each test starts from the intact chain of six entries.
  afterEach(async () => {
    await tamperWithAudit(database.db, async (tx) => {
      await tx.delete(auditEntries);
      await tx.insert(auditEntries).values(untouched);
    });
  });
  afterAll(async () => database?.close());

  async function run(args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runAuditCommand(
      args,
      { database },
      { stdout: (l) => out.push(l), stderr: (l) => err.push(l) },
    );
    return { code, out: out.join('\n'), err: err.join('\n') };
  }
  const changeEntry4 = async () =>
    tamperWithAudit(database.db, async (tx) => {
      await tx.execute(sql`UPDATE audit_entries SET entity_id = 'forged' WHERE seq = 4`);
    });

  it('says an intact chain is intact, with its head, and exits 0', async () => {
    const head = `6:${untouched[5]!.hash}`;
    expect(await run(['verify'])).toEqual({
      code: 0,
      out: `Audit chain intact: 6 entries, head ${head}.`,
      err: '',
    });
    expect(await run(['head'])).toEqual({ code: 0, out: head, err: '' });
    expect(await run(['verify', '--head', head])).toMatchObject({ code: 0, err: '' });
  });

  it('names the entry that was changed and exits 1', async () => {
    await changeEntry4();
    expect(await run(['verify'])).toEqual({
      code: 1,
      out: '',
      err: 'Audit chain BROKEN at entry 4: its content was changed after it was written (4 entries read).',
    });
    expect(await run(['head'])).toEqual({
      code: 1,
      out: '',
      err: 'The audit chain is broken at entry 4: its content was changed after it was written',
    });
  });

  it('names the entry that was deleted and exits 1', async () => {
    await tamperWithAudit(database.db, async (tx) => {
      await tx.execute(sql`DELETE FROM audit_entries WHERE seq = 2`);
    });
    expect(await run(['verify'])).toMatchObject({
      code: 1,
      err: expect.stringContaining('Audit chain BROKEN at entry 2: entry 2 is missing'),
    });
  });

  it('catches a chain that was changed and rebuilt with --head printed before', async () => {
    const { out: head } = await run(['head']);
    await changeEntry4();
    await tamperWithAudit(database.db, rehashAuditChain);
    // The rebuilt chain holds together on its own; only the head kept elsewhere shows it.
    expect(await run(['verify'])).toMatchObject({ code: 0 });
    expect(await run(['verify', '--head', head])).toEqual({
      code: 1,
      out: '',
      err: 'Audit chain BROKEN at entry 6: differs from the exported chain head (6 entries read).',
    });
  });

  it('catches entries cut off the end with --head printed before', async () => {
    const { out: head } = await run(['head']);
    await tamperWithAudit(database.db, async (tx) => {
      await tx.execute(sql`DELETE FROM audit_entries WHERE seq > 4`);
    });
    expect(await run(['verify'])).toMatchObject({ code: 0 });
    expect(await run(['verify', '--head', head])).toMatchObject({
      code: 1,
      err: expect.stringContaining(
        'Audit chain BROKEN at entry 6: the exported chain head is gone',
      ),
    });
  });

  it('exits 2 on a usage error, without reporting on the chain', async () => {
    for (const args of [
      [],
      ['check'],
      ['verify', '--head', '6'],
      ['verify', '--head', `6:${untouched[5]!.hash}:more`],
      ['verify', '--hed', `6:${untouched[5]!.hash}`],
    ]) {
      const result = await run(args);
      expect(result, args.join(' ')).toMatchObject({ code: 2, out: '' });
      expect(result.err).not.toMatch(/intact|BROKEN/);
    }
  });
});
