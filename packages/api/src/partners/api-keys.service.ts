import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  AppError,
  apiKeyState,
  apiKeyToken,
  isoDay,
  parseApiKeyToken,
  type ApiKeyCreateSchema,
  type ApiKeyRevokeSchema,
  type ApiScope,
} from '@vigil/domain';
import { apiKeys, type Db } from '@vigil/db';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { auditChange } from '../audit.ts';
import type { Actor, ServiceContext } from '../context.ts';

/** How often a key's "last used" time is written: enough to see a key in use, not every read. */
const LAST_USED_RESOLUTION_MS = 60_000;

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/** A key as the admin app lists it: never its secret or the secret's hash. */
const listedColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  clearance: apiKeys.clearance,
  scopes: apiKeys.scopes,
  expiresOn: apiKeys.expiresOn,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
  version: apiKeys.version,
};

function listed<Row extends { revokedAt: Date | null; expiresOn: string | null }>(row: Row) {
  return { ...row, state: apiKeyState(row, isoDay(new Date())) };
}

/**
 * Issues a partner key. The token is returned this once; only a SHA-256 of its random secret
 * is kept (the secret has 256 bits, so a slow hash would add nothing).
 */
export async function createApiKey(ctx: ServiceContext, input: z.infer<typeof ApiKeyCreateSchema>) {
  const secret = randomBytes(32).toString('base64url');
  const row = await ctx.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(apiKeys)
      .values({
        ...input,
        secretHash: sha256(secret).toString('hex'),
        createdBy: ctx.actor.id,
      })
      .returning(listedColumns);
    await auditChange(tx, ctx, 'create', 'api_key', created!.id, null, input);
    return created!;
  });
  return { key: listed(row), token: apiKeyToken(row.id, secret) };
}

/** Every key, newest first, with whether it works today. */
export async function listApiKeys(ctx: ServiceContext) {
  const rows = await ctx.db.select(listedColumns).from(apiKeys).orderBy(desc(apiKeys.createdAt));
  return rows.map(listed);
}

/** Revokes a key: its next request fails. */
export async function revokeApiKey(ctx: ServiceContext, input: z.infer<typeof ApiKeyRevokeSchema>) {
  return ctx.db.transaction(async (tx) => {
    const [revoked] = await tx
      .update(apiKeys)
      .set({ revokedAt: new Date(), revokedBy: ctx.actor.id, version: sql`${apiKeys.version} + 1` })
      .where(
        and(
          eq(apiKeys.id, input.id),
          eq(apiKeys.version, input.version),
          isNull(apiKeys.revokedAt),
        ),
      )
      .returning(listedColumns);
    if (!revoked) {
      const [found] = await tx.select(listedColumns).from(apiKeys).where(eq(apiKeys.id, input.id));
      if (!found) throw AppError.notFound('API key');
      if (found.revokedAt) throw new AppError('CONFLICT', 'This key is already revoked');
      throw AppError.conflict('API key');
    }
    await auditChange(
      tx,
      ctx,
      'update',
      'api_key',
      input.id,
      { revoked: false },
      { revoked: true },
    );
    return listed(revoked);
  });
}

/** Who a partner request acts as: a reader with the key's clearance and scopes. */
export interface PartnerActor extends Actor {
  scopes: ApiScope[];
}

/**
 * The partner behind a bearer token, or null when the token is not a working key (unknown,
 * wrong secret, revoked or expired: one answer for all, so a caller learns nothing of which).
 */
export async function actorFromApiKey(db: Db, token: string): Promise<PartnerActor | null> {
  const parsed = parseApiKeyToken(token);
  if (!parsed) return null;
  const [key] = await db.select().from(apiKeys).where(eq(apiKeys.id, parsed.id));
  if (!key) return null;
  const stored = Buffer.from(key.secretHash, 'hex');
  const given = sha256(parsed.secret);
  if (stored.length !== given.length || !timingSafeEqual(stored, given)) return null;
  const now = new Date();
  if (apiKeyState(key, isoDay(now)) !== 'active') return null;
  // Written at most once a minute, not on every read.
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS)
    await db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, key.id));
  return {
    id: key.id,
    username: `api-key:${key.id}`,
    displayName: key.name,
    role: 'viewer',
    clearance: key.clearance,
    totpEnabled: true,
    scopes: key.scopes,
  };
}
