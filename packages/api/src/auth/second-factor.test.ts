import { auditEntries } from '@vigil/db';
import { testDatabaseKind } from '@vigil/db/testing';
import { TRPCError } from '@trpc/server';
import { desc, gt } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCaller } from '../router.ts';
import { createTestApp, totpCode, type TestApp } from '../testing.ts';
import { createUser } from '../users/users.service.ts';
import { actorFromSession } from './sessions.service.ts';

/** The message every refused sign-in gets, whichever part was wrong. */
const WRONG = 'Wrong user name, password or code';
const STEP_MS = 30_000;

describe(`second factor (${testDatabaseKind})`, () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => app?.close());
  afterEach(() => vi.restoreAllMocks());

  let counter = 0;

  /** Signs in through `auth.login`; returns a caller on the new session and the answer. */
  async function signIn(input: { username: string; password: string; code?: string }) {
    let token: string | null = null;
    const result = await createCaller({
      ...app.contextFor(null),
      setSessionCookie: (value) => {
        token = value;
      },
    }).auth.login(input);
    const actor = (await actorFromSession(app.db, token))!;
    return {
      result,
      token: token!,
      caller: createCaller({ ...app.contextFor(actor), sessionToken: token }),
    };
  }

  /** A new account, signed in with its password alone (it has no second factor yet). */
  async function newAccount(role: 'viewer' | 'admin') {
    const username = `second-factor-${role}-${++counter}`;
    const password = `the password of ${username}`;
    await createUser(app.db, null, { username, password, role });
    const { caller, result, token } = await signIn({ username, password });
    return { username, password, caller, token, user: result.user };
  }

  /** A new account that has set up its second factor, with the secret its app holds. */
  async function enrolledAccount(role: 'viewer' | 'admin' = 'admin') {
    const account = await newAccount(role);
    const { secret } = await account.caller.auth.startTotpEnrolment();
    await account.caller.auth.confirmTotpEnrolment({ code: totpCode(secret) });
    return { ...account, secret };
  }

  async function refusal(promise: Promise<unknown>) {
    try {
      await promise;
    } catch (error) {
      if (!(error instanceof TRPCError)) throw error;
      return { code: error.code, message: error.message, issues: issuesOf(error) };
    }
    throw new Error('the call was not refused');
  }
  const issuesOf = (error: TRPCError) =>
    (error.cause as { issues?: { field: string }[] } | undefined)?.issues?.map((i) => i.field) ??
    [];

  async function lastSeq() {
    const [last] = await app.db
      .select({ seq: auditEntries.seq })
      .from(auditEntries)
      .orderBy(desc(auditEntries.seq))
      .limit(1);
    return last?.seq ?? 0;
  }
  const entriesAfter = (seq: number) =>
    app.db.select().from(auditEntries).where(gt(auditEntries.seq, seq)).orderBy(auditEntries.seq);

  describe('signing in', () => {
    it('asks for the code, by a `code` issue, when the password is right and no code was sent', async () => {
      const { username, password } = await enrolledAccount();
      expect(await refusal(app.anonymous().auth.login({ username, password }))).toEqual({
        code: 'UNAUTHORIZED',
        message: 'Enter the 6-digit code from your authenticator app',
        issues: ['code'],
      });
    });

    it('refuses a wrong code with the same answer as a wrong password', async () => {
      const { username, password, secret } = await enrolledAccount();
      const wrongCode = totpCode(secret, Date.now() + 10 * STEP_MS);
      const wrongPassword = await refusal(
        app.anonymous().auth.login({ username, password: 'not the password', code: wrongCode }),
      );
      const wrongCodeOnly = await refusal(
        app.anonymous().auth.login({ username, password, code: wrongCode }),
      );
      const wrongPasswordRightCode = await refusal(
        app.anonymous().auth.login({ username, password: 'not it', code: totpCode(secret) }),
      );
      const noCodeWrongPassword = await refusal(
        app.anonymous().auth.login({ username, password: 'not it' }),
      );
      const expected = { code: 'UNAUTHORIZED', message: WRONG, issues: [] };
      expect(wrongPassword).toEqual(expected);
      expect(wrongCodeOnly).toEqual(expected);
      expect(wrongPasswordRightCode).toEqual(expected);
      expect(noCodeWrongPassword).toEqual(expected);
    });

    it('opens a session with the current code, or one a step early or late', async () => {
      const { username, password, secret } = await enrolledAccount();
      const { result, caller } = await signIn({
        username,
        password,
        code: totpCode(secret, Date.now() + STEP_MS),
      });
      expect(result.user).toMatchObject({ totpEnabled: true, mustEnrolSecondFactor: false });
      await expect(caller.persons.list({})).resolves.toBeDefined();
    });

    it('refuses a code used before, and any code of an earlier step', async () => {
      const { username, password, secret } = await enrolledAccount('viewer');
      const code = totpCode(secret, Date.now() + STEP_MS);
      await signIn({ username, password, code });
      expect(await refusal(app.anonymous().auth.login({ username, password, code }))).toMatchObject(
        { code: 'UNAUTHORIZED', message: WRONG },
      );
      expect(
        await refusal(app.anonymous().auth.login({ username, password, code: totpCode(secret) })),
      ).toMatchObject({ code: 'UNAUTHORIZED', message: WRONG });
    });

    it('refuses the code that confirmed the enrolment', async () => {
      const account = await newAccount('viewer');
      const { secret } = await account.caller.auth.startTotpEnrolment();
      const code = totpCode(secret);
      await account.caller.auth.confirmTotpEnrolment({ code });
      expect(
        await refusal(
          app
            .anonymous()
            .auth.login({ username: account.username, password: account.password, code }),
        ),
      ).toMatchObject({ code: 'UNAUTHORIZED', message: WRONG });
    });

    it('lets only one of two sign-ins with the same code through', async () => {
      const { username, password, secret } = await enrolledAccount();
      const code = totpCode(secret, Date.now() + STEP_MS);
      const outcomes = await Promise.allSettled([
        app.anonymous().auth.login({ username, password, code }),
        app.anonymous().auth.login({ username, password, code }),
      ]);
      expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    });

    it('audits a missing, wrong or replayed code as a failed sign-in, holding neither code nor secret', async () => {
      const { username, password, secret, user } = await enrolledAccount();
      const code = totpCode(secret, Date.now() + STEP_MS);
      await signIn({ username, password, code });
      const since = await lastSeq();
      const wrong = totpCode(secret, Date.now() + 10 * STEP_MS);
      for (const attempt of [undefined, wrong, code]) {
        await expect(
          app.anonymous().auth.login({ username, password, code: attempt }),
        ).rejects.toThrow();
      }
      const written = await entriesAfter(since);
      expect(written.map((e) => [e.action, e.actorId, e.ip])).toEqual(
        Array(3).fill(['login_failed', user.id, '127.0.0.1']),
      );
      const text = JSON.stringify(written);
      for (const secretValue of [secret, code, wrong]) expect(text).not.toContain(secretValue);
    });
  });

  describe('enrolment', () => {
    it('says an admin without a second factor must enrol, and refuses them anything but enrolment', async () => {
      const admin = await newAccount('admin');
      expect(admin.user).toMatchObject({ totpEnabled: false, mustEnrolSecondFactor: true });
      expect((await admin.caller.auth.me()).user.mustEnrolSecondFactor).toBe(true);
      expect(await refusal(admin.caller.persons.list({}))).toMatchObject({
        code: 'FORBIDDEN',
        message: expect.stringContaining('Set up your second factor'),
      });
      expect(await refusal(admin.caller.users.list())).toMatchObject({ code: 'FORBIDDEN' });
    });

    it('gives the secret once, as an otpauth URI and as text, and enables it only on a right code', async () => {
      const admin = await newAccount('admin');
      const { uri, secret } = await admin.caller.auth.startTotpEnrolment();
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(uri.startsWith(`otpauth://totp/Vigil:${admin.username}?`)).toBe(true);
      const parsed = new URL(uri);
      expect(parsed.searchParams.get('secret')).toBe(secret);
      expect(parsed.searchParams.get('issuer')).toBe('Vigil');

      // Not yet required: the password alone still signs in until a code is confirmed.
      await signIn({ username: admin.username, password: admin.password });

      const wrongCode = totpCode(secret, Date.now() + 10 * STEP_MS);
      expect(
        await refusal(admin.caller.auth.confirmTotpEnrolment({ code: wrongCode })),
      ).toMatchObject({ code: 'BAD_REQUEST', issues: ['code'] });
      expect((await admin.caller.auth.me()).user.mustEnrolSecondFactor).toBe(true);

      const { user } = await admin.caller.auth.confirmTotpEnrolment({ code: totpCode(secret) });
      expect(user).toMatchObject({ totpEnabled: true, mustEnrolSecondFactor: false });
      const { caller } = await signIn({
        username: admin.username,
        password: admin.password,
        code: totpCode(secret, Date.now() + STEP_MS),
      });
      expect((await caller.auth.me()).user.mustEnrolSecondFactor).toBe(false);
      await expect(caller.persons.list({})).resolves.toBeDefined();
    });

    it('lets the admin act on the same session once the enrolment is confirmed', async () => {
      const admin = await newAccount('admin');
      const { secret } = await admin.caller.auth.startTotpEnrolment();
      await admin.caller.auth.confirmTotpEnrolment({ code: totpCode(secret) });
      // The server reads the session's account afresh for every request.
      const actor = (await actorFromSession(app.db, admin.token))!;
      expect(actor.totpEnabled).toBe(true);
      await expect(createCaller(app.contextFor(actor)).users.list()).resolves.toBeDefined();
    });

    it('replaces an unconfirmed secret when enrolment starts again', async () => {
      const admin = await newAccount('admin');
      const first = await admin.caller.auth.startTotpEnrolment();
      const second = await admin.caller.auth.startTotpEnrolment();
      expect(second.secret).not.toBe(first.secret);
      expect(
        await refusal(admin.caller.auth.confirmTotpEnrolment({ code: totpCode(first.secret) })),
      ).toMatchObject({ code: 'BAD_REQUEST' });
      await admin.caller.auth.confirmTotpEnrolment({ code: totpCode(second.secret) });
    });

    it('refuses to start again once enabled, and to confirm before starting', async () => {
      const enrolled = await enrolledAccount();
      expect(await refusal(enrolled.caller.auth.startTotpEnrolment())).toMatchObject({
        code: 'CONFLICT',
        message: expect.stringContaining('ask an admin to reset it'),
      });
      const fresh = await newAccount('viewer');
      expect(
        await refusal(fresh.caller.auth.confirmTotpEnrolment({ code: '123456' })),
      ).toMatchObject({ code: 'CONFLICT', message: 'Start setting up the second factor first' });
    });

    it('lets other roles work without a second factor, and asks for their code once they enrol', async () => {
      const viewer = await newAccount('viewer');
      expect(viewer.user.mustEnrolSecondFactor).toBe(false);
      await expect(viewer.caller.persons.list({})).resolves.toBeDefined();
      const { secret } = await viewer.caller.auth.startTotpEnrolment();
      await viewer.caller.auth.confirmTotpEnrolment({ code: totpCode(secret) });
      expect(
        await refusal(
          app.anonymous().auth.login({ username: viewer.username, password: viewer.password }),
        ),
      ).toMatchObject({ issues: ['code'] });
    });

    it('audits the start and the confirmation with ids and states only', async () => {
      const admin = await newAccount('admin');
      const since = await lastSeq();
      const { secret, uri } = await admin.caller.auth.startTotpEnrolment();
      const code = totpCode(secret);
      await admin.caller.auth.confirmTotpEnrolment({ code });
      const written = await entriesAfter(since);
      expect(written).toEqual([
        expect.objectContaining({
          actorId: admin.user.id,
          action: 'update',
          entity: 'user',
          entityId: admin.user.id,
          ip: '127.0.0.1',
          diff: { secondFactor: ['none', 'pending'] },
        }),
        expect.objectContaining({
          actorId: admin.user.id,
          entityId: admin.user.id,
          diff: { secondFactor: ['pending', 'enabled'] },
        }),
      ]);
      const text = JSON.stringify(written);
      for (const value of [secret, uri, code]) expect(text).not.toContain(value);
    });
  });

  describe('reset', () => {
    it('lets an admin reset a user who lost their device: their sessions end and they enrol again', async () => {
      const admin = await app.as('admin');
      const lost = await enrolledAccount('admin');
      const since = await lastSeq();
      const reset = await admin.caller.users.resetSecondFactor({ id: lost.user.id });
      expect(reset.totpEnabledAt).toBeNull();
      expect(await actorFromSession(app.db, lost.token)).toBeNull();
      expect(await entriesAfter(since)).toEqual([
        expect.objectContaining({
          actorId: admin.actor.id,
          action: 'update',
          entity: 'user',
          entityId: lost.user.id,
          diff: { secondFactor: ['enabled', 'none'] },
        }),
      ]);
      const again = await signIn({ username: lost.username, password: lost.password });
      expect(again.result.user.mustEnrolSecondFactor).toBe(true);
    });

    it('refuses an admin resetting their own second factor', async () => {
      const admin = await app.as('admin');
      expect(
        await refusal(admin.caller.users.resetSecondFactor({ id: admin.actor.id })),
      ).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('another admin') });
    });

    it('refuses an admin who has no second factor themselves', async () => {
      const unenrolled = await app.asUnenrolled('admin');
      const lost = await enrolledAccount('viewer');
      expect(
        await refusal(unenrolled.caller.users.resetSecondFactor({ id: lost.user.id })),
      ).toMatchObject({ code: 'FORBIDDEN' });
    });
  });

  it('sends the secret to no one but the user enrolling, at the start, and logs it nowhere', async () => {
    const logged: unknown[] = [];
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const)
      vi.spyOn(console, level).mockImplementation((...args) => void logged.push(args));
    const admin = await app.as('admin');
    const since = await lastSeq();
    const account = await newAccount('admin');
    const outputs: unknown[] = [account.user];
    const { secret, uri } = await account.caller.auth.startTotpEnrolment();
    outputs.push(await account.caller.auth.me());
    outputs.push(
      await refusal(account.caller.auth.confirmTotpEnrolment({ code: 'not a code' })),
      await account.caller.auth.confirmTotpEnrolment({ code: totpCode(secret) }),
    );
    const { result, caller } = await signIn({
      username: account.username,
      password: account.password,
      code: totpCode(secret, Date.now() + STEP_MS),
    });
    outputs.push(result, await caller.auth.me(), await admin.caller.users.list());
    outputs.push(await admin.caller.users.resetSecondFactor({ id: account.user.id }));
    outputs.push(await entriesAfter(since));
    const text = JSON.stringify([outputs, logged]);
    expect(text).not.toContain(secret);
    expect(text).not.toContain(uri);
    expect(text).not.toMatch(/totpSecret|totp_secret|totpLastStep/);
  });
});
