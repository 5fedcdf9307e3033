import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isRateLimitPolicy,
  PARTNER_AUTH_FAILURE_LIMIT,
  PARTNER_KEY_RATE_LIMIT,
  takeRateToken,
  type RateBucket,
  type RateLimitPolicy,
} from './rate-limit.ts';

const T0 = new Date('2026-03-01T12:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

/** Takes `count` requests at `now`, starting from `bucket`; returns every decision. */
function takeMany(bucket: RateBucket | null, now: Date, policy: RateLimitPolicy, count: number) {
  const decisions = [];
  for (let i = 0; i < count; i++) {
    const decision = takeRateToken(bucket, now, policy);
    decisions.push(decision);
    bucket = decision.bucket;
  }
  return decisions;
}

describe('the request budget of a partner key', () => {
  const policy: RateLimitPolicy = { requests: 60, perSeconds: 60, burst: 10 };

  it('allows a burst at once, then refuses the next request and says when to come back', () => {
    const decisions = takeMany(null, T0, policy, 11);
    expect(decisions.slice(0, 10).every((d) => d.allowed)).toBe(true);
    expect(decisions.map((d) => d.remaining)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 0]);
    expect(decisions[10]).toMatchObject({
      allowed: false,
      limit: 10,
      remaining: 0,
      retryAfterSeconds: 1,
      resetSeconds: 10,
    });
  });

  it('keeps the bucket unchanged when it refuses, so refused requests cost nothing', () => {
    const [, , last] = takeMany(null, T0, { requests: 1, perSeconds: 60, burst: 2 }, 3);
    const before = takeMany(null, T0, { requests: 1, perSeconds: 60, burst: 2 }, 2)[1]!;
    expect(last!.allowed).toBe(false);
    expect(last!.bucket).toEqual(before.bucket);
  });

  it('allows a request again after exactly Retry-After seconds, not before', () => {
    const slow = { requests: 2, perSeconds: 60, burst: 2 };
    const [, second, refused] = takeMany(null, T0, slow, 3);
    expect(refused!.retryAfterSeconds).toBe(30);
    expect(takeRateToken(second!.bucket, at(29), slow).allowed).toBe(false);
    expect(takeRateToken(second!.bucket, at(30), slow)).toMatchObject({
      allowed: true,
      remaining: 0,
    });
  });

  it('regains the steady rate over time, and never more than the burst', () => {
    const [, , , , , , , , , last] = takeMany(null, T0, policy, 10);
    expect(takeRateToken(last!.bucket, at(3), policy).remaining).toBe(2);
    expect(takeRateToken(last!.bucket, at(3600), policy).remaining).toBe(9);
    expect(takeRateToken(last!.bucket, at(3600), policy).resetSeconds).toBe(1);
  });

  it('refills nothing when the clock goes back', () => {
    const decisions = takeMany(null, T0, policy, 10);
    expect(takeRateToken(decisions[9]!.bucket, at(-3600), policy).allowed).toBe(false);
  });

  it('says in RateLimit-Reset how long until the bucket is full again', () => {
    const [first] = takeMany(null, T0, PARTNER_KEY_RATE_LIMIT, 1);
    expect(first).toMatchObject({ limit: 120, remaining: 119, resetSeconds: 1 });
    const spent = takeMany(null, T0, PARTNER_KEY_RATE_LIMIT, 120).at(-1)!;
    expect(spent).toMatchObject({ allowed: true, remaining: 0, resetSeconds: 60 });
  });

  it('never allows more than the burst plus the steady rate over any stretch of time (property)', () => {
    const policies = fc.record({
      requests: fc.integer({ min: 1, max: 1000 }),
      perSeconds: fc.integer({ min: 1, max: 3600 }),
      burst: fc.integer({ min: 1, max: 200 }),
    });
    const gaps = fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 300 });
    fc.assert(
      fc.property(policies, gaps, (p, gapsMs) => {
        let bucket: RateBucket | null = null;
        let now = T0.getTime();
        let allowed = 0;
        for (const gap of gapsMs) {
          now += gap;
          const decision = takeRateToken(bucket, new Date(now), p);
          bucket = decision.bucket;
          if (decision.allowed) allowed++;
          expect(decision.remaining).toBeGreaterThanOrEqual(0);
          expect(decision.remaining).toBeLessThan(p.burst);
          expect(decision.retryAfterSeconds > 0).toBe(!decision.allowed);
        }
        // Up to a tenth of a millisecond early, against rounding (see the rule).
        const elapsedMs = now - T0.getTime() + 0.1;
        expect(allowed).toBeLessThanOrEqual(
          p.burst + (elapsedMs * p.requests) / (p.perSeconds * 1000),
        );
      }),
      { seed: 241, numRuns: 300 },
    );
  });

  it('lets a full burst through at once for any policy, despite fractional intervals (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 997 }),
        fc.integer({ min: 1, max: 977 }),
        fc.integer({ min: 1, max: 300 }),
        (requests, perSeconds, burst) => {
          const decisions = takeMany(null, T0, { requests, perSeconds, burst }, burst + 1);
          expect(decisions.filter((d) => d.allowed)).toHaveLength(burst);
          expect(decisions.at(-1)!.allowed).toBe(false);
        },
      ),
      { seed: 242, numRuns: 300 },
    );
  });

  it('accepts only policies that can make a bucket', () => {
    expect(isRateLimitPolicy(PARTNER_KEY_RATE_LIMIT)).toBe(true);
    expect(isRateLimitPolicy(PARTNER_AUTH_FAILURE_LIMIT)).toBe(true);
    for (const bad of [
      { requests: 0, perSeconds: 60, burst: 10 },
      { requests: 10, perSeconds: -1, burst: 10 },
      { requests: 10, perSeconds: 60, burst: 0.5 },
      { requests: Number.NaN, perSeconds: 60, burst: 10 },
      { requests: Number.POSITIVE_INFINITY, perSeconds: 60, burst: 10 },
    ])
      expect(isRateLimitPolicy(bad), JSON.stringify(bad)).toBe(false);
  });
});
