import { SIGN_IN_THROTTLE } from '@vigil/domain';
import { testDatabaseKind } from '@vigil/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from '../router.ts';
import { createTestApp, type TestApp } from '../testing.ts';
import { createUser } from '../users/users.service.ts';
import { actorFromSession, login } from './sessions.service.ts';

const PASSWORD = 'the first password 3390';

describe(`changing and resetting passwords (${testDatabaseKind})`, () => {
  let app: TestApp;
  let admin: Awaited<ReturnType<TestApp['as']>>;
  beforeAll(async () => {
    app = await createTestApp();
    admin = await app.as('admin');
  });
  afterAll(async () => app?.close());

  let counter = 0;
  /** A new editor signed in twice (two browsers), acting through the first session. */
  async function editorWithTwoSessions() {
    const username = `password-${++counter}`;
    const user = await createUser(app.db, null, { username, password: PASSWORD, role: 'editor' });
    const [first, second] = [
      await login(app.db, { username, password: PASSWORD }, '192.0.2.20'),
      await login(app.db, { username, password: PASSWORD }, '192.0.2.21'),
    ];
    const caller = createCaller({
      ...app.contextFor(first.actor),
      sessionToken: first.token,
    });
    return { user, username, caller, first: first.token, second: second.token };
  }

  it('lets a user change their own password: the old one stops working, their other sessions end', async () => {
    const { username, caller, first, second } = await editorWithTwoSessions();
    const newPassword = 'my own new password 7781';
    await caller.auth.changePassword({ currentPassword: PASSWORD, newPassword });

    expect(await actorFromSession(app.db, first)).not.toBeNull();
    expect(await actorFromSession(app.db, second)).toBeNull();
    await expect(login(app.db, { username, password: PASSWORD }, null)).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    await expect(login(app.db, { username, password: newPassword }, null)).resolves.toBeTruthy();
  });

  it('refuses a wrong current password, a short new one or the same one, naming the field', async () => {
    const { username, caller } = await editorWithTwoSessions();
    const issuesOf = (call: Promise<unknown>) =>
      call.then(
        () => null,
        (e: { cause?: { issues?: unknown } }) => e.cause?.issues,
      );
    expect(
      await issuesOf(
        caller.auth.changePassword({ currentPassword: 'wrong', newPassword: 'long enough 12345' }),
      ),
    ).toEqual([{ field: 'currentPassword', message: 'is not your current password' }]);
    expect(
      await issuesOf(
        caller.auth.changePassword({ currentPassword: PASSWORD, newPassword: 'short' }),
      ),
    ).toEqual([{ field: 'newPassword', message: 'must be at least 10 characters' }]);
    expect(
      await issuesOf(
        caller.auth.changePassword({ currentPassword: PASSWORD, newPassword: PASSWORD }),
      ),
    ).toEqual([{ field: 'newPassword', message: 'must differ from the current one' }]);
    await expect(login(app.db, { username, password: PASSWORD }, null)).resolves.toBeTruthy();
  });

  it('throttles guesses of the current password from an open session like sign-ins', async () => {
    const { caller } = await editorWithTwoSessions();
    for (let i = 0; i < SIGN_IN_THROTTLE.perAccount; i++)
      await expect(
        caller.auth.changePassword({ currentPassword: `guess ${i}`, newPassword: 'x'.repeat(12) }),
      ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      caller.auth.changePassword({ currentPassword: PASSWORD, newPassword: 'x'.repeat(12) }),
    ).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
  });

  it('lets an admin reset another user’s password, ending every session of theirs', async () => {
    const { user, username, first, second } = await editorWithTwoSessions();
    const newPassword = 'given by the admin 5561';
    await admin.caller.users.resetPassword({ id: user.id, newPassword });
    expect(await actorFromSession(app.db, first)).toBeNull();
    expect(await actorFromSession(app.db, second)).toBeNull();
    await expect(login(app.db, { username, password: newPassword }, null)).resolves.toBeTruthy();
  });

  it('refuses a reset by anyone but an admin, and an admin resetting their own', async () => {
    const { user, caller } = await editorWithTwoSessions();
    await expect(
      caller.users.resetPassword({ id: user.id, newPassword: 'x'.repeat(12) }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      admin.caller.users.resetPassword({ id: admin.actor.id, newPassword: 'x'.repeat(12) }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
