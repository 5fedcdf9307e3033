import { describe, expect, it } from 'vitest';
import type { SessionUser } from './session.ts';
import { userMay } from './permissions.ts';

const as = (role: string): SessionUser => ({
  id: '0b7e6a52-3f0c-4c1e-9a51-2f4d8e6c9a10',
  username: role,
  displayName: role,
  role,
  clearance: 'staff',
  totpEnabled: true,
  mustEnrolSecondFactor: false,
});

describe('userMay', () => {
  it('grants each role what the server grants it', () => {
    expect(userMay(as('viewer'), 'read')).toBe(true);
    expect(userMay(as('viewer'), 'write')).toBe(false);
    expect(userMay(as('reviewer'), 'review')).toBe(true);
    expect(userMay(as('reviewer'), 'write')).toBe(false);
    expect(userMay(as('editor'), 'write')).toBe(true);
    expect(userMay(as('admin'), 'admin')).toBe(true);
  });

  it('grants nothing to nobody, or to a role it does not know', () => {
    expect(userMay(null, 'read')).toBe(false);
    expect(userMay(as('superuser'), 'read')).toBe(false);
  });
});
