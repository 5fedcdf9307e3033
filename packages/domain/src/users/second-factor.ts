import { z } from 'zod';
import type { Role } from './user.schema.ts';

/**
 * A code from an authenticator app: six digits, spaces allowed between them as apps show them
 * ("123 456"); the spaces are dropped.
 */
export const TotpCodeSchema = z
  .string()
  .max(16, 'is too long')
  .transform((code) => code.replace(/\s/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, 'must be the 6 digits your authenticator app shows'));

/**
 * Whether an account must set up a second factor before it may do anything but sign in, sign
 * out and enrol: every admin without one (TRUST 5, ASVS 6.3.3). Other roles may enrol too;
 * once they have, their code is required at every sign-in like an admin's.
 *
 * @example
 * mustEnrolSecondFactor('admin', false) // true
 * mustEnrolSecondFactor('editor', false) // false
 */
export function mustEnrolSecondFactor(role: Role, totpEnabled: boolean): boolean {
  return role === 'admin' && !totpEnabled;
}
