import { createHash, randomBytes } from 'node:crypto';
import { AppError, type LoginInputSchema } from '@vigil/domain';
import { appendAudit, sessions, users, type Db } from '@vigil/db';
import { and, eq, gt } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '../context.ts';
import { DUMMY_HASH, verifyPassword } from './password.ts';

/** How long a staff session lasts without signing in again. */
export const SESSION_SECONDS = 12 * 60 * 60;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

function toActor(user: typeof users.$inferSelect): Actor {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    clearance: user.clearance,
  };
}

/**
 * Checks a username and password and opens a session. Wrong user and wrong password give the
 * same answer, and both are audited.
 */
export async function login(
  db: Db,
  input: z.infer<typeof LoginInputSchema>,
  ip: string | null,
): Promise<{ token: string; actor: Actor }> {
  const [user] = await db
    .select()
    .from(users)
    .where(eq(users.username, input.username.toLowerCase()));
  const valid = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !valid || user.disabled) {
    await db.transaction((tx) =>
      appendAudit(tx, {
        actorId: user?.id ?? null,
        action: 'login_failed',
        entity: 'session',
        entityId: null,
        ip,
      }),
    );
    throw new AppError('UNAUTHENTICATED', 'Wrong user name or password');
  }
  const token = randomBytes(32).toString('base64url');
  await db.transaction(async (tx) => {
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
  });
  return { token, actor: toActor(user) };
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
  return toActor(row.user);
}
