/**
 * A request budget (ASVS 2.4.1, anti-automation): a token bucket that holds `burst` requests
 * and regains `requests` of them every `perSeconds`. A caller with a full bucket may make
 * `burst` requests at once, and after that keeps up the steady rate.
 */
export interface RateLimitPolicy {
  /** Requests regained every `perSeconds`: the rate a caller can keep up. */
  requests: number;
  perSeconds: number;
  /** The most requests a caller may make at once, from a full bucket. */
  burst: number;
}

/** What one partner key may ask: 120 requests a minute, all of them at once if it likes. */
export const PARTNER_KEY_RATE_LIMIT: RateLimitPolicy = {
  requests: 120,
  perSeconds: 60,
  burst: 120,
};

/**
 * Requests with a missing, unknown, revoked or expired key that one client address may make:
 * as many as the failed sign-ins it may make (`SIGN_IN_THROTTLE.perAddress` in 15 minutes).
 */
export const PARTNER_AUTH_FAILURE_LIMIT: RateLimitPolicy = {
  requests: 30,
  perSeconds: 15 * 60,
  burst: 30,
};

/**
 * The state of one caller's bucket: the moment (milliseconds since 1970) at which it will be
 * full again if the caller asks nothing more. One number is all a token bucket needs (this is
 * the "theoretical arrival time" of the generic cell rate algorithm); a bucket whose `fullAt`
 * has passed is the same as no bucket, so it may be forgotten.
 */
export interface RateBucket {
  fullAt: number;
}

/** The answer to one request, with what the `RateLimit-*` headers say. */
export interface RateLimitDecision {
  allowed: boolean;
  /** The state to keep: one request taken when allowed, unchanged when refused. */
  bucket: RateBucket;
  /** The bucket's size: `RateLimit-Limit`. */
  limit: number;
  /** Requests the caller may still make at once after this one: `RateLimit-Remaining`. */
  remaining: number;
  /** Whole seconds until the bucket is full again: `RateLimit-Reset`. */
  resetSeconds: number;
  /** Whole seconds until one request is allowed again (`Retry-After`); 0 when allowed. */
  retryAfterSeconds: number;
}

/**
 * Adding a fractional interval to a time in milliseconds since 1970 rounds a little each time;
 * a tenth of a millisecond of slack (below the clock's own resolution) keeps the `burst`-th
 * request from being refused by that rounding.
 */
const SLACK_MS = 0.1;

/** A policy whose numbers can make a bucket: positive and finite, a burst of at least one. */
export function isRateLimitPolicy(policy: RateLimitPolicy): boolean {
  return (
    [policy.requests, policy.perSeconds, policy.burst].every((n) => Number.isFinite(n) && n > 0) &&
    policy.burst >= 1
  );
}

/**
 * Whether one more request fits in a caller's budget at `now`, and the bucket to keep. `bucket`
 * is null for a caller with none yet (a full bucket). A clock that goes back refills nothing.
 *
 * @example
 * const policy = { requests: 2, perSeconds: 60, burst: 2 };
 * const first = takeRateToken(null, now, policy);
 * // { allowed: true, remaining: 1, resetSeconds: 30, retryAfterSeconds: 0, … }
 * const second = takeRateToken(first.bucket, now, policy); // allowed, remaining 0
 * takeRateToken(second.bucket, now, policy);
 * // { allowed: false, remaining: 0, resetSeconds: 60, retryAfterSeconds: 30, … }
 */
export function takeRateToken(
  bucket: RateBucket | null,
  now: Date,
  policy: RateLimitPolicy,
): RateLimitDecision {
  const at = now.getTime();
  /** Milliseconds in which one request is regained. */
  const interval = (policy.perSeconds * 1000) / policy.requests;
  /** Milliseconds that an empty bucket takes to fill. */
  const capacity = policy.burst * interval;
  const start = Math.max(bucket?.fullAt ?? at, at);
  const fullAt = start + interval;
  const limit = Math.floor(policy.burst);
  if (fullAt - at > capacity + SLACK_MS) {
    return {
      allowed: false,
      bucket: { fullAt: start },
      limit,
      remaining: 0,
      resetSeconds: Math.ceil((start - at) / 1000),
      retryAfterSeconds: Math.max(1, Math.ceil((fullAt - at - capacity - SLACK_MS) / 1000)),
    };
  }
  return {
    allowed: true,
    bucket: { fullAt },
    limit,
    remaining: Math.max(
      0,
      Math.min(limit - 1, Math.floor((capacity - (fullAt - at) + SLACK_MS) / interval)),
    ),
    resetSeconds: Math.ceil((fullAt - at) / 1000),
    retryAfterSeconds: 0,
  };
}
