import { Secret, TOTP } from 'otpauth';

/** What authenticator apps expect by default (RFC 6238): SHA-1, six digits, 30-second steps. */
const ALGORITHM = 'SHA1';
const DIGITS = 6;
const PERIOD_SECONDS = 30;
/** Codes one step early or late are accepted, for a phone whose clock is a little off. */
const DRIFT_STEPS = 1;

function totpOf(secret: string, username = '') {
  return new TOTP({
    issuer: 'Vigil',
    label: username,
    secret: Secret.fromBase32(secret),
    algorithm: ALGORITHM,
    digits: DIGITS,
    period: PERIOD_SECONDS,
  });
}

/** A new random TOTP secret of 160 bits (RFC 4226's recommendation), in base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/**
 * The `otpauth://` URI an authenticator app reads from a QR code; it holds the secret.
 *
 * @example
 * totpUri('JBSWY3DPEHPK3PXP', 'ann') // 'otpauth://totp/Vigil:ann?issuer=Vigil&secret=JBSWY3DPEHPK3PXP&…'
 */
export function totpUri(secret: string, username: string): string {
  return totpOf(secret, username).toString();
}

/**
 * The time step of `code` when it is the code of `secret` at `now`, one step before or after;
 * null when it is not. The caller refuses a step at or before the last one it accepted, so that
 * no code works twice.
 */
export function totpStepOf(secret: string, code: string, now = Date.now()): number | null {
  const totp = totpOf(secret);
  const delta = totp.validate({ token: code, timestamp: now, window: DRIFT_STEPS });
  return delta === null ? null : totp.counter({ timestamp: now }) + delta;
}

/**
 * The code an authenticator app shows for `secret` at `at`: for tests and the scripts that
 * sign in as an admin (the browser test, the smoke test).
 *
 * @example
 * totpCode(secret) // '492039'
 */
export function totpCode(secret: string, at = Date.now()): string {
  return totpOf(secret).generate({ timestamp: at });
}
