import { parseApiKeyToken } from '@vigil/domain';
import { apiKeys } from '@vigil/db';
import { testDatabaseKind } from '@vigil/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing.ts';

describe(`partner API keys (${testDatabaseKind})`, () => {
  let app: TestApp;
  let admin: Awaited<ReturnType<TestApp['as']>>;
  beforeAll(async () => {
    app = await createTestApp();
    admin = await app.as('admin');
  });
  afterAll(async () => app?.close());

  it('shows the token once, and keeps only a hash of its secret', async () => {
    const { token, key } = await admin.caller.apiKeys.create({
      name: 'A partner NGO (test)',
      scopes: ['persons:read', 'counts:read'],
      expiresOn: '2099-12-31',
    });
    expect(key).toMatchObject({ clearance: 'partner', state: 'active', lastUsedAt: null });
    // The secret is base64url, which may itself hold `_`: read it as the server does.
    const secret = parseApiKeyToken(token)!.secret;
    expect(secret.length).toBeGreaterThanOrEqual(40);
    const [stored] = await app.db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(stored!.secretHash).not.toContain(secret);
    const listed = JSON.stringify(await admin.caller.apiKeys.list());
    expect(listed).toContain(key.id);
    expect(listed).not.toContain(secret);
    expect(listed).not.toContain(stored!.secretHash);
  });

  it('revokes a key once, refusing a stale version and a second revocation', async () => {
    const { key } = await admin.caller.apiKeys.create({
      name: 'Revoked',
      scopes: ['persons:read'],
    });
    await expect(
      admin.caller.apiKeys.revoke({ id: key.id, version: key.version + 1 }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    const revoked = await admin.caller.apiKeys.revoke({ id: key.id, version: key.version });
    expect(revoked).toMatchObject({ state: 'revoked', revokedAt: expect.any(Date) });
    await expect(
      admin.caller.apiKeys.revoke({ id: key.id, version: revoked.version }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: 'This key is already revoked' });
  });

  it('is for admins only', async () => {
    const { caller: editor } = await app.as('editor');
    await expect(editor.apiKeys.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      editor.apiKeys.create({ name: 'Mine', scopes: ['persons:read'] }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
