/**
 * How many failed sign-ins are allowed before further tries are refused for a while, without
 * the password even being checked (ASVS 6.3.1): per account, so that one account's password or
 * code cannot be guessed, and per address, so that one address cannot try many accounts.
 */
export const SIGN_IN_THROTTLE = {
  /** How far back failures count. */
  windowSeconds: 15 * 60,
  /** Failures for one user name, from anywhere, within the window. */
  perAccount: 10,
  /** Failures from one address, for any user names, within the window. */
  perAddress: 30,
} as const;

export type SignInThrottle = typeof SIGN_IN_THROTTLE;

/**
 * Why a sign-in is refused before its password is checked, or null when it may go ahead.
 * `failures` counts the failures within the window; `oldestAt` is when the oldest of the
 * failures that decide it happened, to say how long to wait.
 *
 * @example
 * signInRefusal({ account: 10, address: 0 }, new Date(now - 60_000), new Date(now))
 * // 'Too many failed sign-ins for this account: try again in 14 minutes'
 */
export function signInRefusal(
  failures: { account: number; address: number },
  oldestAt: Date | null,
  now: Date,
  policy: SignInThrottle = SIGN_IN_THROTTLE,
): string | null {
  const which =
    failures.account >= policy.perAccount
      ? 'this account'
      : failures.address >= policy.perAddress
        ? 'this address'
        : null;
  if (!which) return null;
  const elapsed = oldestAt ? (now.getTime() - oldestAt.getTime()) / 1000 : 0;
  const minutes = Math.max(1, Math.ceil((policy.windowSeconds - elapsed) / 60));
  return `Too many failed sign-ins for ${which}: try again in ${minutes} minute${minutes === 1 ? '' : 's'}`;
}
