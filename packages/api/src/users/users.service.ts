import {
  AppError,
  defaultClearance,
  fieldIssuesFromZod,
  PasswordSchema,
  RoleSchema,
  type PasswordResetSchema,
  SensitivitySchema,
  UsernameSchema,
} from '@vigil/domain';
import { appendAudit, sessions, users, type Db } from '@vigil/db';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { auditChange } from '../audit.ts';
import { hashPassword } from '../auth/password.ts';
import { auditSecondFactor, secondFactorStateOf } from '../auth/second-factor.service.ts';
import type { ServiceContext } from '../context.ts';

export const UserCreateSchema = z.object({
  username: UsernameSchema,
  displayName: z.string().trim().min(1, 'must not be empty').max(200).optional(),
  password: PasswordSchema,
  role: RoleSchema,
  clearance: SensitivitySchema.optional(),
});

export const SecondFactorResetSchema = z.object({ id: z.uuid() });

export const UserUpdateSchema = z.object({
  id: z.uuid(),
  version: z.number().int().min(1),
  patch: z.object({
    role: RoleSchema.optional(),
    clearance: SensitivitySchema.optional(),
    disabled: z.boolean().optional(),
    displayName: z.string().trim().min(1).max(200).optional(),
  }),
});

const publicColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  clearance: users.clearance,
  disabled: users.disabled,
  /** When the user set up their second factor, or null; the secret itself never leaves here. */
  totpEnabledAt: users.totpEnabledAt,
  version: users.version,
  createdAt: users.createdAt,
};

/**
 * Creates a staff account. `by` is the admin acting and from where, or null when the command
 * line creates the first admin (no actor, no address).
 */
export async function createUser(
  db: Db,
  by: Pick<ServiceContext, 'actor' | 'ip'> | null,
  input: z.input<typeof UserCreateSchema>,
) {
  const result = UserCreateSchema.safeParse(input);
  if (!result.success) throw AppError.badInput(fieldIssuesFromZod(result.error.issues));
  const parsed = result.data;
  const passwordHash = await hashPassword(parsed.password);
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(users.username, parsed.username));
    if (existing)
      throw AppError.badInput([
        { field: 'username', message: `"${parsed.username}" is already taken` },
      ]);
    const [user] = await tx
      .insert(users)
      .values({
        username: parsed.username,
        displayName: parsed.displayName ?? parsed.username,
        passwordHash,
        role: parsed.role,
        clearance: parsed.clearance ?? defaultClearance(parsed.role),
      })
      .returning(publicColumns);
    await appendAudit(tx, {
      actorId: by?.actor.id ?? null,
      action: 'create',
      entity: 'user',
      entityId: user!.id,
      ip: by?.ip ?? null,
      diff: {
        username: [null, user!.username],
        role: [null, user!.role],
        clearance: [null, user!.clearance],
      },
    });
    return user!;
  });
}

export async function listUsers(db: Db) {
  return db.select(publicColumns).from(users).orderBy(users.username);
}

/**
 * Changes a role, clearance or disables an account. Disabling ends its sessions at once, in the
 * same transaction as the change and its audit entry; a lowered role or clearance applies from
 * the next request, as every request reads the account afresh.
 */
export async function updateUser(
  ctx: Pick<ServiceContext, 'db' | 'actor' | 'ip'>,
  input: z.infer<typeof UserUpdateSchema>,
) {
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select(publicColumns).from(users).where(eq(users.id, input.id));
    if (!before) throw AppError.notFound('User');
    if (
      input.id === ctx.actor.id &&
      (input.patch.disabled || (input.patch.role && input.patch.role !== 'admin'))
    ) {
      throw new AppError(
        'FORBIDDEN',
        'You cannot disable your own account or give up your own admin role; ask another admin',
      );
    }
    const [after] = await tx
      .update(users)
      .set({ ...input.patch, version: sql`${users.version} + 1` })
      .where(and(eq(users.id, input.id), eq(users.version, input.version)))
      .returning(publicColumns);
    if (!after) throw AppError.conflict('User');
    if (input.patch.disabled) await tx.delete(sessions).where(eq(sessions.userId, input.id));
    await auditChange(tx, ctx, 'update', 'user', input.id, before, after);
    return after;
  });
}

/**
 * Takes away a user's second factor, for someone who lost the device it was on, and ends their
 * sessions, all in one transaction with its audit entry. An admin must then enrol again at the
 * next sign-in. `by` is the admin acting, or null for `vigil users reset-totp` (the command line
 * needs no second factor: whoever runs it already controls the server). Admins cannot reset
 * their own: another admin has to vouch for them.
 */
export async function resetSecondFactor(
  db: Db,
  by: Pick<ServiceContext, 'actor' | 'ip'> | null,
  target: { id: string } | { username: string },
) {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ id: users.id, totpSecret: users.totpSecret, totpEnabledAt: users.totpEnabledAt })
      .from(users)
      .where('id' in target ? eq(users.id, target.id) : eq(users.username, target.username))
      .for('update');
    if (!before) throw AppError.notFound('User');
    if (by && before.id === by.actor.id)
      throw new AppError(
        'FORBIDDEN',
        'You cannot reset your own second factor; ask another admin, or use `vigil users reset-totp` on the server',
      );
    const [after] = await tx
      .update(users)
      .set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null })
      .where(eq(users.id, before.id))
      .returning(publicColumns);
    await tx.delete(sessions).where(eq(sessions.userId, before.id));
    await auditSecondFactor(tx, by, before.id, secondFactorStateOf(before), 'none');
    return after!;
  });
}

/**
 * An admin sets a new password for another user who lost theirs, and tells them out of band.
 * Every session of that user ends at once. An admin changes their own password by giving the
 * current one (`auth.changePassword`), never here. Audited without the password.
 */
export async function resetPassword(
  ctx: Pick<ServiceContext, 'db' | 'actor' | 'ip'>,
  input: z.infer<typeof PasswordResetSchema>,
) {
  if (input.id === ctx.actor.id)
    throw new AppError(
      'FORBIDDEN',
      'Change your own password with your current one (your account), not as an admin',
    );
  const passwordHash = await hashPassword(input.newPassword);
  return ctx.db.transaction(async (tx) => {
    const [after] = await tx
      .update(users)
      .set({ passwordHash, version: sql`${users.version} + 1` })
      .where(eq(users.id, input.id))
      .returning(publicColumns);
    if (!after) throw AppError.notFound('User');
    await tx.delete(sessions).where(eq(sessions.userId, input.id));
    await appendAudit(tx, {
      actorId: ctx.actor.id,
      action: 'reset_password',
      entity: 'user',
      entityId: input.id,
      ip: ctx.ip,
    });
    return after;
  });
}
