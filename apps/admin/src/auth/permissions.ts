import { roleAllows, ROLES, type Permission, type Role } from '@vigil/domain';
import { useSession, type SessionUser } from './session.ts';

function isRole(role: string): role is Role {
  return (ROLES as readonly string[]).includes(role);
}

/**
 * Whether the signed-in user's role grants a permission, by the same table the server uses.
 * The app hides what a role may not do; the server still refuses it if asked.
 *
 * @example
 * userMay(user, 'review') // true for reviewers and admins
 */
export function userMay(user: SessionUser | null | undefined, permission: Permission): boolean {
  return !!user && isRole(user.role) && roleAllows(user.role, permission);
}

/** Whether the signed-in user may do something, for components below the app shell. */
export function useMay(permission: Permission): boolean {
  return userMay(useSession().data, permission);
}
