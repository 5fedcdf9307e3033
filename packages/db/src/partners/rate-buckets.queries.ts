import { takeRateToken, type RateLimitDecision, type RateLimitPolicy } from '@vigil/domain';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { rateBuckets } from '../schema.ts';

/** One caller's budget: which budget (a key's requests, an address's failures) and whose. */
export interface RateBucketId {
  budget: string;
  caller: string;
}

const whereBucket = ({ budget, caller }: RateBucketId) =>
  and(eq(rateBuckets.budget, budget), eq(rateBuckets.caller, caller));

/**
 * Takes one request from a caller's budget when it fits (`takeRateToken` of `@vigil/domain`),
 * in the database, so that every server process counts against the same budget. The caller's
 * row is locked from the first statement to the commit: requests of one caller that arrive at
 * once, in any process, are decided one after the other and never spend the same token twice.
 *
 * @example
 * const decision = await takeStoredRateToken(db, { budget: 'partner-key', caller: keyId }, policy, new Date());
 * if (!decision.allowed) throw new AppError('RATE_LIMITED', '…');
 */
export async function takeStoredRateToken(
  db: Db,
  bucket: RateBucketId,
  policy: RateLimitPolicy,
  now: Date,
): Promise<RateLimitDecision> {
  return db.transaction(async (tx) => {
    // An upsert that changes nothing, for its lock: a caller without a row gets one (a full
    // bucket: a moment long past), and two first requests cannot both insert.
    const [row] = await tx
      .insert(rateBuckets)
      .values({ ...bucket, fullAt: 0 })
      .onConflictDoUpdate({
        target: [rateBuckets.budget, rateBuckets.caller],
        set: { fullAt: sql`${rateBuckets}.${sql.identifier('full_at')}` },
      })
      .returning({ fullAt: rateBuckets.fullAt });
    const decision = takeRateToken({ fullAt: row!.fullAt }, now, policy);
    if (decision.allowed)
      await tx
        .update(rateBuckets)
        .set({ fullAt: decision.bucket.fullAt })
        .where(whereBucket(bucket));
    return decision;
  });
}

/** Whether one more request would fit in a caller's budget, without taking it. */
export async function peekStoredRateToken(
  db: Db,
  bucket: RateBucketId,
  policy: RateLimitPolicy,
  now: Date,
): Promise<RateLimitDecision> {
  const [row] = await db
    .select({ fullAt: rateBuckets.fullAt })
    .from(rateBuckets)
    .where(whereBucket(bucket));
  return takeRateToken(row ?? null, now, policy);
}

/**
 * Forgets the budgets that are full again at `now` (the same as none), and says how many.
 * A caller's request that is deciding on one of them meanwhile keeps it.
 */
export async function sweepRateBuckets(db: Db, now: Date): Promise<number> {
  const swept = await db
    .delete(rateBuckets)
    .where(lt(rateBuckets.fullAt, now.getTime()))
    .returning({ caller: rateBuckets.caller });
  return swept.length;
}

/** How many budgets are held (all budgets, or one). */
export async function countRateBuckets(db: Db, budget?: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(rateBuckets)
    .where(budget ? eq(rateBuckets.budget, budget) : undefined);
  return row?.n ?? 0;
}
