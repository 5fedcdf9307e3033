import { testDatabaseKind } from '@vigil/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing.ts';

describe(`users (${testDatabaseKind})`, () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => app?.close());

  it('keeps an admin from locking themselves out', async () => {
    const admin = await app.as('admin');
    const [me] = (await admin.caller.users.list()).filter((u) => u.id === admin.actor.id);
    await expect(
      admin.caller.users.update({ id: me!.id, version: me!.version, patch: { disabled: true } }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      admin.caller.users.update({ id: me!.id, version: me!.version, patch: { role: 'viewer' } }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses a username that is taken, naming the field', async () => {
    const admin = await app.as('admin');
    await admin.caller.users.create({
      username: 'nora',
      password: 'a long enough password',
      role: 'viewer',
    });
    await expect(
      admin.caller.users.create({
        username: 'nora',
        password: 'a long enough password',
        role: 'viewer',
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('username: "nora" is already taken'),
    });
  });
});
