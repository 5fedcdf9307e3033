import {
  isRateLimitPolicy,
  takeRateToken,
  type RateBucket,
  type RateLimitDecision,
  type RateLimitPolicy,
} from '@vigil/domain';

/** How often buckets that have filled up again are swept out, at most. */
const SWEEP_INTERVAL_MS = 60_000;

/** The budgets of many callers (keys or addresses) under one policy. */
export interface RateLimiter {
  /** Takes one request from `caller`'s budget when it fits, and says whether it did. */
  take(caller: string): RateLimitDecision;
  /** Whether one more request would fit, without taking it. */
  peek(caller: string): RateLimitDecision;
  /** How many callers' buckets are held. */
  readonly tracked: number;
}

/**
 * Request budgets held in this process's memory, by caller, under the rule `takeRateToken` of
 * `@vigil/domain`. Nothing is written to the database per request.
 *
 * Each server process counts on its own: with N processes behind a load balancer a caller may
 * make up to N times the policy's requests. A bucket that has filled up again is forgotten
 * (it is the same as none), swept out at most once a minute; and no more than `maxCallers`
 * buckets are ever held — beyond that, the least recently used are dropped first, which can
 * only give their callers a full budget back early.
 *
 * @example
 * const limiter = createRateLimiter(PARTNER_KEY_RATE_LIMIT);
 * if (!limiter.take(keyId).allowed) throw new AppError('RATE_LIMITED', '…');
 */
export function createRateLimiter(
  policy: RateLimitPolicy,
  options: { now?: () => Date; maxCallers?: number } = {},
): RateLimiter {
  if (!isRateLimitPolicy(policy))
    throw new Error(`A rate limit needs positive numbers, not ${JSON.stringify(policy)}`);
  const now = options.now ?? (() => new Date());
  const maxCallers = options.maxCallers ?? 10_000;
  if (!Number.isInteger(maxCallers) || maxCallers < 1)
    throw new Error(`A rate limit must hold at least one caller, not ${maxCallers}`);
  /** In order of last use: a caller's bucket is moved to the end each time it changes. */
  const buckets = new Map<string, RateBucket>();
  let sweptAt = Number.NEGATIVE_INFINITY;

  function sweep(at: number) {
    sweptAt = at;
    for (const [caller, bucket] of buckets) if (bucket.fullAt <= at) buckets.delete(caller);
    // Still too many busy callers: drop the least recently used, a tenth at a time.
    const keep = Math.floor(maxCallers * 0.9);
    for (const caller of buckets.keys()) {
      if (buckets.size <= keep) break;
      buckets.delete(caller);
    }
  }

  return {
    take(caller) {
      const at = now();
      if (buckets.size >= maxCallers || at.getTime() - sweptAt >= SWEEP_INTERVAL_MS)
        sweep(at.getTime());
      const decision = takeRateToken(buckets.get(caller) ?? null, at, policy);
      if (decision.allowed) {
        buckets.delete(caller);
        buckets.set(caller, decision.bucket);
      }
      return decision;
    },
    peek(caller) {
      return takeRateToken(buckets.get(caller) ?? null, now(), policy);
    },
    get tracked() {
      return buckets.size;
    },
  };
}
