import { describe, expect, it } from 'vitest';
import { SIGN_IN_THROTTLE, signInRefusal } from './sign-in-throttle.ts';

const now = new Date('2026-11-29T12:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

describe('sign-in throttling', () => {
  it('lets sign-ins through below both limits', () => {
    expect(
      signInRefusal({ account: SIGN_IN_THROTTLE.perAccount - 1, address: 0 }, minutesAgo(1), now),
    ).toBeNull();
    expect(
      signInRefusal({ account: 0, address: SIGN_IN_THROTTLE.perAddress - 1 }, minutesAgo(1), now),
    ).toBeNull();
  });

  it('refuses an account or an address at its limit, saying how long to wait', () => {
    expect(
      signInRefusal({ account: SIGN_IN_THROTTLE.perAccount, address: 0 }, minutesAgo(1), now),
    ).toBe('Too many failed sign-ins for this account: try again in 14 minutes');
    expect(
      signInRefusal({ account: 0, address: SIGN_IN_THROTTLE.perAddress }, minutesAgo(14.5), now),
    ).toBe('Too many failed sign-ins for this address: try again in 1 minute');
  });
});
