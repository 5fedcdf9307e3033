import {
  countRateBuckets,
  peekStoredRateToken,
  sweepRateBuckets,
  takeStoredRateToken,
  type Db,
} from '@vigil/db';
import { isRateLimitPolicy, type RateLimitDecision, type RateLimitPolicy } from '@vigil/domain';

/** How often one process sweeps out the budgets that have filled up again, at most. */
const SWEEP_INTERVAL_MS = 60_000;

/** The budgets of many callers (keys or addresses) under one policy. */
export interface RateLimiter {
  /** Takes one request from `caller`'s budget when it fits, and says whether it did. */
  take(caller: string): Promise<RateLimitDecision>;
  /** Whether one more request would fit, without taking it. */
  peek(caller: string): Promise<RateLimitDecision>;
  /** How many callers' budgets are held in this budget. */
  tracked(): Promise<number>;
}

/**
 * Request budgets named `budget`, by caller, under the rule `takeRateToken` of
 * `@vigil/domain`, kept in the database (`rate_buckets`): every server process behind a load
 * balancer counts against the same budget, so N processes never give a caller N budgets. Each
 * request costs one short transaction on the caller's row. A budget that has filled up again
 * is the same as none; each process deletes those at most once a minute.
 *
 * @example
 * const limiter = createRateLimiter(db, 'partner-key', PARTNER_KEY_RATE_LIMIT);
 * if (!(await limiter.take(keyId)).allowed) throw new AppError('RATE_LIMITED', '…');
 */
export function createRateLimiter(
  db: Db,
  budget: string,
  policy: RateLimitPolicy,
  options: { now?: () => Date } = {},
): RateLimiter {
  if (!isRateLimitPolicy(policy))
    throw new Error(`A rate limit needs positive numbers, not ${JSON.stringify(policy)}`);
  const now = options.now ?? (() => new Date());
  let sweptAt = Number.NEGATIVE_INFINITY;

  return {
    async take(caller) {
      const at = now();
      if (at.getTime() - sweptAt >= SWEEP_INTERVAL_MS) {
        sweptAt = at.getTime();
        await sweepRateBuckets(db, at);
      }
      return takeStoredRateToken(db, { budget, caller }, policy, at);
    },
    peek: (caller) => peekStoredRateToken(db, { budget, caller }, policy, now()),
    tracked: () => countRateBuckets(db, budget),
  };
}
