import { AppError, mustEnrolSecondFactor, roleAllows, type Permission } from '@vigil/domain';
import type { Actor } from './context.ts';

/**
 * Refuses a signed-in actor who may not act with `permission`: a role without it, or an admin
 * who has not set up a second factor yet (TRUST 5). Every procedure (`procedureFor`) and every
 * HTTP route outside tRPC applies this one rule, with the same answers.
 *
 * @example
 * assertActorMay(actor, 'read'); // throws FORBIDDEN for an admin without a second factor
 */
export function assertActorMay(actor: Actor, permission: Permission): void {
  if (!roleAllows(actor.role, permission))
    throw new AppError('FORBIDDEN', `Your role (${actor.role}) may not do this`);
  if (mustEnrolSecondFactor(actor.role, actor.totpEnabled))
    throw new AppError(
      'FORBIDDEN',
      'Set up your second factor (an authenticator app) first: admins must have one before they can do anything else',
    );
}
