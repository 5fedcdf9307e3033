import { seedDemoData } from '@vigil/db';
import { testDatabaseKind } from '@vigil/db/testing';
import { createTestApp, type TestApp } from '@vigil/api/testing';
import { createUser } from '@vigil/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.ts';

describe(`HTTP surface (${testDatabaseKind})`, () => {
  let test: TestApp;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    test = await createTestApp();
    await seedDemoData(test.db);
    await createUser(test.db, null, {
      username: 'ann',
      password: 'a long enough password',
      role: 'viewer',
    });
    app = createApp({ db: test.db, queue: test.queue, files: test.files, database: test.database });
  });
  afterAll(async () => test?.close());

  async function login(username = 'ann', password = 'a long enough password') {
    const res = await app.request('/trpc/auth.login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    return { res, cookie: res.headers.get('set-cookie')?.split(';')[0] ?? '' };
  }

  const query = (path: string, input: unknown, cookie: string) =>
    app.request(`/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, {
      headers: { cookie },
    });

  it('reports health as JSON with database, migrations and queue', async () => {
    const res = await app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      ok: true,
      database: { reachable: true },
      migrations: { current: true },
      queue: { running: true },
    });
  });

  it('logs in with an HttpOnly, SameSite session cookie and reads a person', async () => {
    const { res, cookie } = await login();
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const list = await query('persons.list', { q: 'Арман' }, cookie);
    expect(list.status).toBe(200);
    expect(list.headers.get('cache-control')).toBe('no-store');
    const { result } = (await list.json()) as {
      result: { data: { items: { id: string; primaryName: string }[] } };
    };
    expect(result.data.items.length).toBeGreaterThan(0);
    const person = await query('persons.get', { id: result.data.items[0]!.id }, cookie);
    expect(person.status).toBe(200);
    expect(JSON.stringify(await person.json())).not.toContain('Family contact');
  });

  it('answers queries sent as POST, so searched names can stay out of URLs', async () => {
    const { cookie } = await login();
    const res = await app.request('/trpc/persons.list', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ q: 'Арман' }),
    });
    expect(res.status).toBe(200);
    const { result } = (await res.json()) as { result: { data: { items: unknown[] } } };
    expect(result.data.items.length).toBeGreaterThan(0);
  });

  it('refuses a wrong password with 401 and no cookie', async () => {
    const { res } = await login('ann', 'wrong password!!');
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('ends the session at logout', async () => {
    const { cookie } = await login();
    const out = await app.request('/trpc/auth.logout', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(out.status).toBe(200);
    expect((await query('auth.me', {}, cookie)).status).toBe(401);
  });

  it('refuses a disabled user on the very next request', async () => {
    const user = await createUser(test.db, null, {
      username: 'bea',
      password: 'a long enough password',
      role: 'viewer',
    });
    const { cookie } = await login('bea');
    expect((await query('auth.me', {}, cookie)).status).toBe(200);
    const { caller } = await test.as('admin');
    await caller.users.update({ id: user.id, version: user.version, patch: { disabled: true } });
    expect((await query('auth.me', {}, cookie)).status).toBe(401);
    expect((await login('bea')).res.status).toBe(401);
  });

  it('answers bad input with 400 naming the field, never 500', async () => {
    const { cookie } = await login();
    const res = await query('persons.list', { limit: 'lots' }, cookie);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/^limit: /);
    expect((await query('persons.get', { id: 'not-an-id' }, cookie)).status).toBe(400);
    const broken = await app.request('/trpc/persons.get?input=%7Bbroken', { headers: { cookie } });
    expect(broken.status).toBeLessThan(500);
  });

  it('sends security headers on every page', async () => {
    for (const path of ['/', '/healthz', '/trpc/auth.me']) {
      const res = await app.request(path);
      expect(res.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
  });
});
