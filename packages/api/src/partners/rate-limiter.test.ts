import { createTestDatabase, testDatabaseKind } from '@vigil/db/testing';
import type { Database } from '@vigil/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe(`request budgets in the database (${testDatabaseKind})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.close());

  it('counts each caller on their own', async () => {
    const clock = manualClock();
    const limiter = createRateLimiter(database.db, 'own', policy, { now: clock.now });
    const taken = [];
    for (let i = 0; i < 3; i++) taken.push((await limiter.take('key-a')).allowed);
    expect(taken).toEqual([true, true, false]);
    expect(await limiter.take('key-b')).toMatchObject({ allowed: true, remaining: 1 });
    clock.advance(30);
    expect((await limiter.take('key-a')).allowed).toBe(true);
  });

  it('gives a caller one budget across server processes, not one per process', async () => {
    const clock = manualClock();
    // Two limiters of the same budget stand for the same code in two processes.
    const [first, second] = [1, 2].map(() =>
      createRateLimiter(database.db, 'shared', policy, { now: clock.now }),
    );
    expect((await first!.take('key-a')).allowed).toBe(true);
    expect(await second!.take('key-a')).toMatchObject({ allowed: true, remaining: 0 });
    expect(await first!.take('key-a')).toMatchObject({ allowed: false, retryAfterSeconds: 30 });
    expect((await second!.take('key-a')).allowed).toBe(false);
    // Another budget's limiter does not spend this one.
    const other = createRateLimiter(database.db, 'other', policy, { now: clock.now });
    expect((await other.take('key-a')).allowed).toBe(true);
  });

  it('never lets requests that arrive at once spend more than the budget', async () => {
    const limiter = createRateLimiter(
      database.db,
      'at-once',
      { requests: 5, perSeconds: 3600, burst: 5 },
      { now: manualClock().now },
    );
    const decisions = await Promise.all(Array.from({ length: 20 }, () => limiter.take('key-a')));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
  });

  it('peeks without taking', async () => {
    const limiter = createRateLimiter(database.db, 'peek', policy, { now: manualClock().now });
    for (let i = 0; i < 5; i++) expect((await limiter.peek('key-a')).remaining).toBe(1);
    expect(await limiter.tracked()).toBe(0);
  });

  it('forgets a caller once their budget is full again, the next time it sweeps', async () => {
    const clock = manualClock();
    const limiter = createRateLimiter(database.db, 'sweep', policy, { now: clock.now });
    for (const caller of ['a', 'b', 'c']) await limiter.take(caller);
    expect(await limiter.tracked()).toBe(3);
    clock.advance(61);
    await limiter.take('d');
    expect(await limiter.tracked()).toBe(1);
  });

  it('refuses a policy that cannot make a bucket', () => {
    expect(() =>
      createRateLimiter(database.db, 'bad', { requests: 0, perSeconds: 60, burst: 1 }),
    ).toThrow(/positive numbers/);
  });
});
