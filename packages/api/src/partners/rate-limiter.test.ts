import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limiter.ts';

const policy = { requests: 2, perSeconds: 60, burst: 2 };

/** A clock that moves only when told. */
function manualClock() {
  let now = new Date('2026-03-01T12:00:00Z').getTime();
  return {
    now: () => new Date(now),
    advance: (seconds: number) => (now += seconds * 1000),
  };
}

describe('request budgets in memory', () => {
  it('counts each caller on their own', () => {
    const clock = manualClock();
    const limiter = createRateLimiter(policy, { now: clock.now });
    expect([1, 2, 3].map(() => limiter.take('key-a').allowed)).toEqual([true, true, false]);
    expect(limiter.take('key-b')).toMatchObject({ allowed: true, remaining: 1 });
    clock.advance(30);
    expect(limiter.take('key-a').allowed).toBe(true);
  });

  it('peeks without taking', () => {
    const limiter = createRateLimiter(policy, { now: manualClock().now });
    for (let i = 0; i < 5; i++) expect(limiter.peek('key-a').remaining).toBe(1);
    expect(limiter.tracked).toBe(0);
  });

  it('forgets a caller once their budget is full again, the next time it sweeps', () => {
    const clock = manualClock();
    const limiter = createRateLimiter(policy, { now: clock.now });
    for (const caller of ['a', 'b', 'c']) limiter.take(caller);
    expect(limiter.tracked).toBe(3);
    clock.advance(61);
    limiter.take('d');
    expect(limiter.tracked).toBe(1);
  });

  it('never holds more than its bound of callers, however many ask at once', () => {
    const limiter = createRateLimiter(policy, { now: manualClock().now, maxCallers: 100 });
    for (let i = 0; i < 10_000; i++) {
      limiter.take(`203.0.113.${i}`);
      expect(limiter.tracked).toBeLessThanOrEqual(100);
    }
    // The caller just seen is kept (one request spent); the least recently seen were dropped.
    expect(limiter.peek('203.0.113.9999').remaining).toBe(0);
    expect(limiter.peek('203.0.113.0').remaining).toBe(1);
  });

  it('refuses a policy that cannot make a bucket, or no room for callers', () => {
    expect(() => createRateLimiter({ requests: 0, perSeconds: 60, burst: 1 })).toThrow(
      /positive numbers/,
    );
    expect(() => createRateLimiter(policy, { maxCallers: 0 })).toThrow(/at least one/);
  });
});
