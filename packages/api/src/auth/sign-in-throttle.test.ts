import { SIGN_IN_THROTTLE } from '@vigil/domain';
import { auditEntries, signInFailures } from '@vigil/db';
import { testDatabaseKind } from '@vigil/db/testing';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing.ts';
import { createUser } from '../users/users.service.ts';
import { login } from './sessions.service.ts';

const PASSWORD = 'a long enough password';

describe(`sign-in throttling (${testDatabaseKind})`, () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => app?.close());

  let counter = 0;
  async function newAccount() {
    const username = `throttled-${++counter}`;
    await createUser(app.db, null, { username, password: PASSWORD, role: 'viewer' });
    return username;
  }
  const failTimes = async (username: string, ip: string, times: number) => {
    for (let i = 0; i < times; i++)
      await expect(
        login(app.db, { username, password: 'not the password' }, ip),
      ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  };

  it('refuses even the right password once an account has failed too often, and audits it', async () => {
    const username = await newAccount();
    await failTimes(username, '192.0.2.10', SIGN_IN_THROTTLE.perAccount);
    // From another address too: the limit is the account's.
    await expect(
      app.anonymous().auth.login({ username, password: PASSWORD }),
    ).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: expect.stringMatching(
        /^Too many failed sign-ins for this account: try again in 1[45] minutes$/,
      ),
    });
    const throttled = await app.db
      .select()
      .from(auditEntries)
      .where(
        and(
          eq(auditEntries.action, 'login_failed'),
          sql`${auditEntries.diff} ->> 'throttled' = 'true'`,
        ),
      );
    expect(throttled.length).toBeGreaterThanOrEqual(1);
  });

  it('lets the account in again once its failures are older than the window', async () => {
    const username = await newAccount();
    await failTimes(username, '192.0.2.11', SIGN_IN_THROTTLE.perAccount);
    await expect(
      login(app.db, { username, password: PASSWORD }, '192.0.2.11'),
    ).rejects.toMatchObject({
      code: 'RATE_LIMITED',
    });
    await app.db
      .update(signInFailures)
      .set({ at: sql`now() - interval '16 minutes'` })
      .where(eq(signInFailures.account, username));
    await expect(
      login(app.db, { username, password: PASSWORD }, '192.0.2.11'),
    ).resolves.toMatchObject({
      actor: { username },
    });
  });

  it('forgets an account’s failures at its next successful sign-in', async () => {
    const username = await newAccount();
    await failTimes(username, '192.0.2.12', SIGN_IN_THROTTLE.perAccount - 1);
    await login(app.db, { username, password: PASSWORD }, '192.0.2.12');
    await failTimes(username, '192.0.2.12', SIGN_IN_THROTTLE.perAccount - 1);
    await expect(
      login(app.db, { username, password: PASSWORD }, '192.0.2.12'),
    ).resolves.toBeDefined();
  });

  it('refuses an address that tried too many accounts, and nobody else', async () => {
    const victim = await newAccount();
    for (let i = 0; i < SIGN_IN_THROTTLE.perAddress; i++)
      await expect(
        login(app.db, { username: `no-such-user-${i}`, password: 'guess' }, '192.0.2.66'),
      ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(
      login(app.db, { username: victim, password: PASSWORD }, '192.0.2.66'),
    ).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      safeMessage: expect.stringContaining('this address'),
    });
    await expect(
      login(app.db, { username: victim, password: PASSWORD }, '192.0.2.67'),
    ).resolves.toBeDefined();
  });
});
