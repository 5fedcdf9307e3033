import { z } from 'zod';
import { SensitivitySchema } from '../sensitivity/sensitivity.ts';
import { TotpCodeSchema } from './second-factor.ts';

/** Staff roles, from least to most powerful. */
export const ROLES = ['viewer', 'reviewer', 'editor', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** What a procedure needs; each role is granted a fixed set of these. */
export type Permission = 'read' | 'write' | 'review' | 'admin';

const GRANTS: Record<Role, readonly Permission[]> = {
  viewer: ['read'],
  reviewer: ['read', 'review'],
  editor: ['read', 'write', 'review'],
  admin: ['read', 'write', 'review', 'admin'],
};

/**
 * Whether a role may do what a procedure needs.
 *
 * @example
 * roleAllows('viewer', 'write') // false
 */
export function roleAllows(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

export const UsernameSchema = z
  .string()
  .trim()
  .min(2, 'must be at least 2 characters')
  .max(64, 'must be at most 64 characters')
  .regex(/^[a-z0-9._-]+$/, 'may contain only lowercase letters, digits, ".", "_" and "-"');

export const PasswordSchema = z
  .string()
  .min(10, 'must be at least 10 characters')
  .max(256, 'must be at most 256 characters');

/** A signed-in user's change of their own password. */
export const PasswordChangeSchema = z.object({
  currentPassword: z.string().min(1, 'is required').max(256, 'is too long'),
  newPassword: PasswordSchema,
});

/** An admin's new password for another user, who signs in with it from then on. */
export const PasswordResetSchema = z.object({
  id: z.uuid('must be a valid id'),
  newPassword: PasswordSchema,
});

export const UserSchema = z.object({
  id: z.uuid(),
  username: UsernameSchema,
  displayName: z.string().max(200),
  role: RoleSchema,
  clearance: SensitivitySchema,
  disabled: z.boolean(),
  version: z.number().int(),
  createdAt: z.date(),
});
export type User = z.infer<typeof UserSchema>;

/** The clearance a new user gets unless told otherwise: admins see restricted data. */
export function defaultClearance(role: Role): z.infer<typeof SensitivitySchema> {
  return role === 'admin' ? 'restricted' : 'staff';
}

export const LoginInputSchema = z.object({
  username: z.string().trim().min(1, 'is required').max(64, 'is too long'),
  password: z.string().min(1, 'is required').max(256, 'is too long'),
  /** The authenticator app's code, required once the account has a second factor. */
  code: TotpCodeSchema.optional(),
});
