import { actorFromSession, createCaller, login } from '@vigil/api';
import { createTestApp, totpCode, type TestApp } from '@vigil/api/testing';
import { auditEntries } from '@vigil/db';
import { testDatabaseKind } from '@vigil/db/testing';
import { desc, gt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runUsersCommand } from './users.command.ts';

describe(`vigil users (${testDatabaseKind})`, () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => app?.close());

  async function run(args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runUsersCommand(
      args,
      { database: app.database },
      { stdout: (l) => out.push(l), stderr: (l) => err.push(l) },
    );
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  async function lastSeq() {
    const [last] = await app.db
      .select({ seq: auditEntries.seq })
      .from(auditEntries)
      .orderBy(desc(auditEntries.seq))
      .limit(1);
    return last?.seq ?? 0;
  }

  it('adds an account with the password given', async () => {
    const { code, out } = await run([
      'add',
      'nadia',
      '--role',
      'editor',
      '--password',
      'a long password 1',
    ]);
    expect(code).toBe(0);
    expect(out).toBe('Added nadia (editor, clearance staff)');
    await expect(
      login(app.db, { username: 'nadia', password: 'a long password 1' }, null),
    ).resolves.toMatchObject({ actor: { role: 'editor' } });
  });

  it('resets the second factor of an admin who lost their device: sessions end, audited with no actor, enrolment again', async () => {
    const password = 'the password of a forgetful admin';
    expect((await run(['add', 'lost-admin', '--role', 'admin', '--password', password])).code).toBe(
      0,
    );
    const first = await login(app.db, { username: 'lost-admin', password }, null);
    const caller = createCaller(app.contextFor(first.actor));
    const { secret } = await caller.auth.startTotpEnrolment();
    await caller.auth.confirmTotpEnrolment({ code: totpCode(secret) });
    const session = await login(
      app.db,
      { username: 'lost-admin', password, code: totpCode(secret, Date.now() + 30_000) },
      null,
    );
    const since = await lastSeq();

    const { code, out } = await run(['reset-totp', 'lost-admin']);
    expect(code).toBe(0);
    expect(out).toContain('Reset the second factor of lost-admin');

    expect(await actorFromSession(app.db, session.token)).toBeNull();
    const written = await app.db.select().from(auditEntries).where(gt(auditEntries.seq, since));
    expect(written).toEqual([
      expect.objectContaining({
        actorId: null,
        action: 'update',
        entity: 'user',
        entityId: first.actor.id,
        diff: { secondFactor: ['enabled', 'none'] },
      }),
    ]);
    expect(JSON.stringify(written)).not.toContain(secret);
    const again = await login(app.db, { username: 'lost-admin', password }, null);
    expect(again.actor.totpEnabled).toBe(false);
  });

  it('names an unknown account, and explains its usage', async () => {
    await expect(run(['reset-totp', 'nobody-here'])).rejects.toMatchObject({
      safeMessage: 'User was not found',
    });
    expect((await run(['reset-totp'])).code).toBe(2);
    expect((await run(['reset-totp', 'a', 'b'])).code).toBe(2);
    expect((await run(['remove', 'nadia'])).err).toContain('usage: vigil users add');
  });
});
