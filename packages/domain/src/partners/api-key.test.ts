import { describe, expect, it } from 'vitest';
import { ApiKeyCreateSchema, apiKeyState, apiKeyToken, parseApiKeyToken } from './api-key.ts';

const ID = '0b1e2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const SECRET = 'N3xK2mPq9sT4vW8yZ1aB5cD7eF0gH6iJ3kL9mN2oP4q';

describe('partner API keys', () => {
  it('reads back the id and secret of a token it made', () => {
    const token = apiKeyToken(ID, SECRET);
    expect(token).toMatch(/^vigil_[0-9a-f]{32}_/);
    expect(parseApiKeyToken(token)).toEqual({ id: ID, secret: SECRET });
  });

  it('refuses anything that is not a token: other prefixes, short secrets, SQL', () => {
    for (const text of [
      '',
      SECRET,
      `key_${ID.replaceAll('-', '')}_${SECRET}`,
      apiKeyToken(ID, SECRET).slice(0, -1),
      `vigil_${ID}_${SECRET}`,
      "vigil_' OR 1=1 --",
    ])
      expect(parseApiKeyToken(text), text).toBeNull();
  });

  it('works through its last day, and never once revoked', () => {
    const key = { revokedAt: null, expiresOn: '2026-12-31' };
    expect(apiKeyState(key, '2026-12-31')).toBe('active');
    expect(apiKeyState(key, '2027-01-01')).toBe('expired');
    expect(apiKeyState({ ...key, revokedAt: new Date() }, '2026-01-01')).toBe('revoked');
    expect(apiKeyState({ revokedAt: null, expiresOn: null }, '2099-01-01')).toBe('active');
  });

  it('never gives a key restricted clearance, and wants at least one scope', () => {
    const base = { name: 'A partner NGO', scopes: ['persons:read'] };
    expect(ApiKeyCreateSchema.parse(base).clearance).toBe('partner');
    expect(ApiKeyCreateSchema.safeParse({ ...base, clearance: 'restricted' }).success).toBe(false);
    expect(ApiKeyCreateSchema.safeParse({ ...base, scopes: [] }).success).toBe(false);
    expect(ApiKeyCreateSchema.safeParse({ ...base, scopes: ['admin'] }).success).toBe(false);
  });
});
