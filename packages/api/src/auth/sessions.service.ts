import { createHash, randomBytes } from 'node:crypto';
import {
  AppError,
  mustEnrolSecondFactor,
  SIGN_IN_THROTTLE,
  signInRefusal,
  type LoginInputSchema,
  type PasswordChangeSchema,
} from '@vigil/domain';
import { appendAudit, sessions, signInFailures, users, type Db, type DbOrTx } from '@vigil/db';
import { and, eq, gt, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '../context.ts';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password.ts';
import { totpStepOf } from './totp.ts';

/** How long a staff session lasts without signing in again. */
export const SESSION_SECONDS = 12 * 60 * 60;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** The actor a user account acts as; never holds the password hash or the TOTP secret. */
export function actorOf(user: typeof users.$inferSelect): Actor {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    clearance: user.clearance,
    totpEnabled: user.totpEnabledAt !== null,
  };
}

/** The signed-in user as the admin app sees them, with whether they must enrol a second factor. */
export function sessionUserOf(actor: Actor) {
  return {
    id: actor.id,
    username: actor.username,
    displayName: actor.displayName,
    role: actor.role,
    clearance: actor.clearance,
    totpEnabled: actor.totpEnabled,
    mustEnrolSecondFactor: mustEnrolSecondFactor(actor.role, actor.totpEnabled),
  };
}

/**
 * What a failed sign-in answers, whichever part was wrong (user, password, code or a code used
 * before), so that an answer never tells which.
 */
const wrongLogin = () => new AppError('UNAUTHENTICATED', 'Wrong user name, password or code');

/**
 * What a sign-in with the right password but no code answers for an account with a second
 * factor: the `code` issue tells the admin app to ask for it.
 */
const codeRequired = () =>
  new AppError('UNAUTHENTICATED', 'Enter the 6-digit code from your authenticator app', {
    issues: [{ field: 'code', message: 'is required: this account has a second factor' }],
  });

/**
 * Checks a username, password and, once the account has a second factor, the code of its
 * authenticator app (one step of clock drift either way; a code of a step already accepted is
 * refused), then opens a session. Every refusal is audited; a wrong user, password or code get
 * the same answer. Only a right password without a code is told that a code is needed.
 * After too many failures for the user name, or from the address, within a few minutes, tries
 * are refused (RATE_LIMITED) before the password is checked (`signInRefusal`).
 */
export async function login(
  db: Db,
  input: z.infer<typeof LoginInputSchema>,
  ip: string | null,
): Promise<{ token: string; actor: Actor }> {
  const account = input.username.toLowerCase();
  const [user] = await db.select().from(users).where(eq(users.username, account));
  /** Audits a refused sign-in; one that counts toward throttling is also kept for a while. */
  const refuse = async (error: AppError, counts = true) => {
    await db.transaction(async (tx) => {
      await appendAudit(tx, {
        actorId: user?.id ?? null,
        action: 'login_failed',
        entity: 'session',
        entityId: null,
        ip,
        diff: error.code === 'RATE_LIMITED' ? { throttled: true } : null,
      });
      if (counts) await recordSignInFailure(tx, account, ip);
    });
    return error;
  };
  const throttled = await signInThrottleRefusal(db, account, ip);
  if (throttled) throw await refuse(new AppError('RATE_LIMITED', throttled), false);
  const valid = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !valid || user.disabled) throw await refuse(wrongLogin());
  let step: number | null = null;
  if (user.totpEnabledAt) {
    // The usual first step of an account with a second factor: not a failure to throttle.
    if (!input.code) throw await refuse(codeRequired(), false);
    step = user.totpSecret ? totpStepOf(user.totpSecret, input.code) : null;
    if (step === null) throw await refuse(wrongLogin());
  }
  const token = randomBytes(32).toString('base64url');
  const opened = await db.transaction(async (tx) => {
    if (step !== null) {
      // Recorded only if later than the last step accepted: of two sign-ins with one code, one wins.
      const [accepted] = await tx
        .update(users)
        .set({ totpLastStep: step })
        .where(
          and(eq(users.id, user.id), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))),
        )
        .returning({ id: users.id });
      if (!accepted) return false;
    }
    await tx.delete(signInFailures).where(eq(signInFailures.account, account));
    await tx.insert(sessions).values({
      tokenHash: hashToken(token),
      userId: user.id,
      expiresAt: new Date(Date.now() + SESSION_SECONDS * 1000),
    });
    await appendAudit(tx, {
      actorId: user.id,
      action: 'login',
      entity: 'session',
      entityId: null,
      ip,
    });
    return true;
  });
  if (!opened) throw await refuse(wrongLogin());
  return { token, actor: actorOf(user) };
}

/**
 * A signed-in user changes their own password (ASVS 6.2.2): they give the current one, which is
 * checked and throttled like a sign-in (a session left open cannot be used to guess it), and a
 * new one that differs from it. Their other sessions end; this one goes on. Audited without
 * either password.
 */
export async function changeOwnPassword(
  db: Db,
  actor: Actor,
  sessionToken: string | null,
  input: z.infer<typeof PasswordChangeSchema>,
  ip: string | null,
): Promise<void> {
  const throttled = await signInThrottleRefusal(db, actor.username, ip);
  if (throttled) throw new AppError('RATE_LIMITED', throttled);
  const [user] = await db.select().from(users).where(eq(users.id, actor.id));
  if (!user || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
    await db.transaction(async (tx) => {
      await appendAudit(tx, {
        actorId: actor.id,
        action: 'change_password_failed',
        entity: 'user',
        entityId: actor.id,
        ip,
      });
      await recordSignInFailure(tx, actor.username, ip);
    });
    throw AppError.badInput([
      { field: 'currentPassword', message: 'is not your current password' },
    ]);
  }
  if (input.newPassword === input.currentPassword)
    throw AppError.badInput([
      { field: 'newPassword', message: 'must differ from the current one' },
    ]);
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, version: sql`${users.version} + 1` })
      .where(eq(users.id, actor.id));
    await tx
      .delete(sessions)
      .where(
        sessionToken
          ? and(eq(sessions.userId, actor.id), ne(sessions.tokenHash, hashToken(sessionToken)))
          : eq(sessions.userId, actor.id),
      );
    await appendAudit(tx, {
      actorId: actor.id,
      action: 'change_password',
      entity: 'user',
      entityId: actor.id,
      ip,
    });
  });
}

/** Why a sign-in must wait, from the failures of its user name and address in the window. */
async function signInThrottleRefusal(db: Db, account: string, ip: string | null) {
  const now = new Date();
  const since = new Date(now.getTime() - SIGN_IN_THROTTLE.windowSeconds * 1000);
  const [recent] = await db
    .select({
      account: sql<number>`count(*) filter (where ${signInFailures.account} = ${account})::int`,
      address: ip
        ? sql<number>`count(*) filter (where ${signInFailures.ip} = ${ip})::int`
        : sql<number>`0`,
      oldest: sql<string | null>`min(${signInFailures.at})::text`,
    })
    .from(signInFailures)
    .where(
      and(
        gt(signInFailures.at, since),
        ip
          ? or(eq(signInFailures.account, account), eq(signInFailures.ip, ip))
          : eq(signInFailures.account, account),
      ),
    );
  return signInRefusal(
    { account: recent?.account ?? 0, address: recent?.address ?? 0 },
    recent?.oldest ? new Date(recent.oldest) : null,
    now,
  );
}

/** Keeps one failed sign-in for throttling, and forgets those older than the window. */
async function recordSignInFailure(tx: DbOrTx, account: string, ip: string | null) {
  const cutoff = new Date(Date.now() - SIGN_IN_THROTTLE.windowSeconds * 1000);
  await tx.delete(signInFailures).where(lt(signInFailures.at, cutoff));
  await tx.insert(signInFailures).values({ account, ip });
}

/** Ends one session. */
export async function logout(
  db: Db,
  token: string,
  actor: Actor,
  ip: string | null,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
    await appendAudit(tx, {
      actorId: actor.id,
      action: 'logout',
      entity: 'session',
      entityId: null,
      ip,
    });
  });
}

/**
 * The actor behind a session token, or null when the session is unknown, expired, or its user
 * is disabled: a disabled user fails on the very next request.
 */
export async function actorFromSession(
  db: Db,
  token: string | null | undefined,
): Promise<Actor | null> {
  if (!token || token.length > 200) return null;
  const [row] = await db
    .select({ user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, hashToken(token)), gt(sessions.expiresAt, new Date())));
  if (!row || row.user.disabled) return null;
  return actorOf(row.user);
}
