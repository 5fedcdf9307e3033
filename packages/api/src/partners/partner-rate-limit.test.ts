import { testDatabaseKind } from '@vigil/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing.ts';
import { createPartnerApi } from './partner-api.ts';

describe(`the request budgets of the partner API (${testDatabaseKind})`, () => {
  let app: TestApp;
  let admin: Awaited<ReturnType<TestApp['as']>>;

  beforeAll(async () => {
    app = await createTestApp();
    admin = await app.as('admin');
  });
  afterAll(async () => app?.close());

  /** A clock that moves only when told, so that no test depends on how fast it runs. */
  function manualClock() {
    let now = new Date('2026-03-01T12:00:00Z').getTime();
    return { now: () => new Date(now), advance: (seconds: number) => (now += seconds * 1000) };
  }
  const newToken = async () =>
    (
      await admin.caller.apiKeys.create({
        name: 'A partner NGO (budget)',
        scopes: ['persons:read'],
      })
    ).token;
  const get = (
    api: ReturnType<typeof createPartnerApi>,
    path: string,
    token: string | null,
    address = '203.0.113.10',
  ) =>
    api.request(path, {
      headers: {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        'X-Test-Address': address,
      },
    });
  const budget = (res: Response) => ({
    limit: res.headers.get('RateLimit-Limit'),
    remaining: res.headers.get('RateLimit-Remaining'),
    reset: res.headers.get('RateLimit-Reset'),
  });

  it('ASVS 2.4.1: refuses the request after a key’s budget with 429 and Retry-After, and leaves other keys alone', async () => {
    const clock = manualClock();
    const api = createPartnerApi(app, {
      rateLimit: { requests: 3, perSeconds: 60, burst: 3 },
      now: clock.now,
    });
    const [token, other] = [await newToken(), await newToken()];

    const allowed = [];
    for (let i = 0; i < 3; i++) allowed.push(await get(api, '/persons?limit=1', token));
    expect(allowed.map((res) => res.status)).toEqual([200, 200, 200]);
    expect(allowed.map(budget)).toEqual([
      { limit: '3', remaining: '2', reset: '20' },
      { limit: '3', remaining: '1', reset: '40' },
      { limit: '3', remaining: '0', reset: '60' },
    ]);
    expect(allowed[0]!.headers.get('Retry-After')).toBeNull();

    const refused = await get(api, '/persons?limit=1', token);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('Retry-After')).toBe('20');
    expect(budget(refused)).toEqual({ limit: '3', remaining: '0', reset: '60' });
    expect(refused.headers.get('Cache-Control')).toBe('no-store');
    expect(await refused.json()).toEqual({
      error: {
        code: 'RATE_LIMITED',
        message: 'This key has made too many requests: try again in 20 seconds',
        issues: [],
      },
    });

    const another = await get(api, '/persons?limit=1', other);
    expect(another.status).toBe(200);
    expect(budget(another)).toMatchObject({ remaining: '2' });

    clock.advance(19);
    expect((await get(api, '/persons?limit=1', token)).status).toBe(429);
    clock.advance(1);
    expect((await get(api, '/persons?limit=1', token)).status).toBe(200);
  });

  it('gives a key one budget across server processes that share the database', async () => {
    const clock = manualClock();
    const policy = { rateLimit: { requests: 2, perSeconds: 60, burst: 2 }, now: clock.now };
    // Two partner APIs on one database stand for two server processes behind a load balancer.
    const [first, second] = [createPartnerApi(app, policy), createPartnerApi(app, policy)];
    const token = await newToken();
    expect((await get(first, '/', token)).status).toBe(200);
    expect((await get(second, '/', token)).status).toBe(200);
    expect((await get(first, '/', token)).status).toBe(429);
    expect((await get(second, '/', token)).status).toBe(429);
  });

  it('counts every answer to a key, refusals for scope or route included, and says so in its headers', async () => {
    const api = createPartnerApi(app, {
      rateLimit: { requests: 10, perSeconds: 60, burst: 10 },
      now: manualClock().now,
    });
    const token = await newToken();
    const answers = [
      await get(api, '/persons', token),
      await get(api, '/counts/series', token),
      await get(api, '/nothing-here', token),
      await get(api, '/persons/not-an-id', token),
      await get(api, '/', token),
    ];
    expect(answers.map((res) => res.status)).toEqual([200, 403, 404, 400, 200]);
    expect(answers.map((res) => res.headers.get('RateLimit-Remaining'))).toEqual([
      '9',
      '8',
      '7',
      '6',
      '5',
    ]);
    for (const res of answers) expect(res.headers.get('RateLimit-Limit')).toBe('10');
  });

  it('throttles requests without a working key by address, before any key is checked', async () => {
    const clock = manualClock();
    const api = createPartnerApi(app, {
      authFailureLimit: { requests: 2, perSeconds: 60, burst: 2 },
      clientAddress: (c) => c.req.header('X-Test-Address') ?? null,
      now: clock.now,
    });
    const token = await newToken();
    const guess = `${token.slice(0, -4)}AAAA`;
    const guessing = '198.51.100.7';

    // Working keys cost the address nothing.
    for (let i = 0; i < 5; i++) expect((await get(api, '/', token, guessing)).status).toBe(200);
    expect((await get(api, '/', guess, guessing)).status).toBe(401);
    expect((await get(api, '/', null, guessing)).status).toBe(401);
    const refused = await get(api, '/', guess, guessing);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('Retry-After')).toBe('30');
    expect(await refused.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    // Refused before the key is checked: a right key gets the same answer as a wrong one.
    const right = await get(api, '/', token, guessing);
    expect(right.status).toBe(429);
    expect(await right.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });

    expect((await get(api, '/', token, '198.51.100.8')).status).toBe(200);
    expect((await get(api, '/', guess, '198.51.100.8')).status).toBe(401);

    clock.advance(30);
    expect((await get(api, '/', token, guessing)).status).toBe(200);
  });

  it('does not count by address when the server does not know the address', async () => {
    const api = createPartnerApi(app, {
      authFailureLimit: { requests: 1, perSeconds: 3600, burst: 1 },
      now: manualClock().now,
    });
    for (let i = 0; i < 5; i++) {
      const res = await get(api, '/', 'not-a-key');
      expect(res.status).toBe(401);
      expect(res.headers.get('RateLimit-Limit')).toBeNull();
    }
  });

  it('refuses to start with a budget that cannot work', () => {
    expect(() =>
      createPartnerApi(app, { rateLimit: { requests: 0, perSeconds: 60, burst: 0 } }),
    ).toThrow(/positive numbers/);
  });
});
