import type { ApiScope } from '@vigil/domain';
import { apiKeys, claims, sourceFiles } from '@vigil/db';
import { testDatabaseKind } from '@vigil/db/testing';
import { eq, inArray } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, JPEG, JPEG_WITH_METADATA, type TestApp } from '../testing.ts';
import { createPartnerApi, ROUTES } from './partner-api.ts';

const NOBODY = '00000000-0000-4000-8000-000000000000';

describe(`the partner API (${testDatabaseKind})`, () => {
  let app: TestApp;
  let api: ReturnType<typeof createPartnerApi>;
  let admin: Awaited<ReturnType<TestApp['as']>>;
  let open: { id: string };
  let hidden: { id: string };
  const staffValues = {
    fatherName: 'Fathername Partnertestyan',
    familyContact: 'Sister, +374 00 999 888 (fictional)',
    notes: 'Staff note about Partnertestyan',
    birthPlace: 'Birthplace Partnertestyan',
    identifier: 'SN-PARTNER-TEST',
  };

  beforeAll(async () => {
    app = await createTestApp();
    api = createPartnerApi(app);
    admin = await app.as('admin');
    open = await admin.caller.persons.create({
      names: [{ value: 'Aram Partnertestyan' }],
      fatherName: staffValues.fatherName,
      familyContact: staffValues.familyContact,
      notes: staffValues.notes,
      birthPlace: staffValues.birthPlace,
      identifiers: [{ kind: 'service_number', value: staffValues.identifier }],
    });
    hidden = await admin.caller.persons.create({
      names: [{ value: 'Aram Hiddenpartneryan' }],
      sensitivity: 'staff',
    });
    await admin.caller.events.create({
      type: 'capture',
      date: '2020-12-13',
      place: 'near Khtsaberd',
      participants: [{ personId: open.id }],
    });
    await admin.caller.events.create({
      type: 'detention',
      date: '2020-12-20',
      place: 'A restricted place',
      participants: [{ personId: open.id }],
      sensitivity: 'restricted',
    });
  });
  afterAll(async () => app?.close());

  async function keyFor(
    scopes: ApiScope[] = [
      'persons:read',
      'events:read',
      'claims:read',
      'sources:read',
      'counts:read',
    ],
    clearance: 'public' | 'partner' | 'staff' = 'partner',
  ) {
    const { token, key } = await admin.caller.apiKeys.create({
      name: 'A partner NGO (test)',
      scopes,
      clearance,
    });
    return { token, key };
  }
  const get = (path: string, token: string | null) =>
    api.request(path, token ? { headers: { Authorization: `Bearer ${token}` } } : {});
  const post = (path: string, body: unknown, token: string | null) =>
    api.request(path, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  /** `POST /persons/search` for a name search, as it may not travel in a URL; otherwise GET. */
  const ask = (request: string | { search: Record<string, unknown> }, token: string | null) =>
    typeof request === 'string'
      ? get(request, token)
      : post('/persons/search', request.search, token);

  it('TRUST 1: no field above the key’s clearance through any route, search or error', async () => {
    const { token } = await keyFor();
    const answers = await Promise.all(
      [
        '/persons',
        { search: { q: 'Partnertestyan' } },
        { search: { q: staffValues.fatherName } },
        `/persons/${open.id}`,
        `/persons/${open.id}/events`,
        `/persons/${open.id}/claims`,
        '/counts/series',
        `/persons/${hidden.id}`,
        '/persons?limit=abc',
      ].map(async (request) => ({
        path: JSON.stringify(request),
        status: (await ask(request, token)).status,
        body: await (await ask(request, token)).text(),
      })),
    );
    for (const { path, body } of answers)
      for (const [field, value] of Object.entries(staffValues))
        expect(body.includes(value), `${field} in the answer to ${path}`).toBe(false);
    const text = answers.map((a) => a.body).join('\n');
    expect(text).not.toContain('A restricted place');
    expect(text).not.toContain('Hiddenpartneryan');
    const search = JSON.parse(answers[2]!.body) as { items: unknown[] };
    expect(search.items, "a search by the father's name finds nobody").toEqual([]);
    const person = JSON.parse(answers[3]!.body) as Record<string, unknown>;
    expect(person).toMatchObject({ id: open.id, primaryName: 'Aram Partnertestyan' });
    expect(person).not.toHaveProperty('fatherName');
    const events = JSON.parse(answers[4]!.body) as { items: { place: string }[] };
    expect(events.items.map((e) => e.place)).toEqual(['near Khtsaberd']);
  });

  it('TRUST 19: refuses a name search in the URL, and takes it in a POSTed JSON body', async () => {
    const { token } = await keyFor();
    for (const path of [
      '/persons?q=Partnertestyan',
      '/persons/export?format=csv&q=Partnertestyan',
    ]) {
      const refused = await get(path, token);
      expect(refused.status, path).toBe(400);
      expect(await refused.json()).toMatchObject({
        error: { issues: [{ field: 'q' }] },
      });
    }
    const found = await post('/persons/search', { q: 'Partnertestyan', limit: 5 }, token);
    expect(found.status).toBe(200);
    const page = (await found.json()) as { items: { id: string }[] };
    expect(page.items.map((p) => p.id)).toEqual([open.id]);
    const file = await post('/persons/export', { format: 'csv', q: 'Partnertestyan' }, token);
    expect(file.status).toBe(200);
    expect(await file.text()).toContain('Aram Partnertestyan');
    const broken = await post('/persons/search', '{"q": ', token);
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ error: { issues: [{ field: 'body' }] } });
  });

  it('TRUST 2: a person outside the key’s clearance answers 404, exactly as one that does not exist', async () => {
    const { token } = await keyFor();
    for (const suffix of ['', '/events', '/claims']) {
      const outside = await get(`/persons/${hidden.id}${suffix}`, token);
      const missing = await get(`/persons/${NOBODY}${suffix}`, token);
      expect(outside.status).toBe(404);
      expect(await outside.json()).toEqual(await missing.json());
    }
    const { token: staffToken } = await keyFor(['persons:read'], 'staff');
    expect((await get(`/persons/${hidden.id}`, staffToken)).status).toBe(200);
  });

  it('TRUST 4: a revoked key fails on its very next request, as does an expired one', async () => {
    const { token, key } = await keyFor(['persons:read']);
    expect((await get('/persons', token)).status).toBe(200);
    await admin.caller.apiKeys.revoke({ id: key.id, version: key.version });
    const refused = await get('/persons', token);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('WWW-Authenticate')).toMatch(/^Bearer/);

    const expiring = await keyFor(['persons:read']);
    await app.db
      .update(apiKeys)
      .set({ expiresOn: '2020-01-01' })
      .where(eq(apiKeys.id, expiring.key.id));
    expect((await get('/persons', expiring.token)).status).toBe(401);
  });

  it('TRUST 6: every route refuses a request without a working key, and a key without its scope', async () => {
    const { token } = await keyFor(['counts:read']);
    const forged = `${token.slice(0, -4)}AAAA`;
    for (const { method = 'get', path, scope } of ROUTES) {
      const url = path.replace('{id}', open.id).replace(/\?.*$/, '');
      const call = (key: string | null) => (method === 'post' ? post(url, {}, key) : get(url, key));
      for (const bad of [null, 'not-a-key', forged])
        expect((await call(bad)).status, `${method} ${url} with ${bad}`).toBe(401);
      const withScope = await call(token);
      expect(withScope.status, `${url} with only counts:read`).toBe(
        scope === 'counts:read' ? 200 : 403,
      );
    }
  });

  it('answers bad input with 400 naming the field, unknown routes with 404, and never lets a caching proxy keep an answer', async () => {
    const { token } = await keyFor();
    const bad = await get('/persons?limit=abc', token);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      error: { code: 'BAD_INPUT', issues: [{ field: 'limit' }] },
    });
    expect((await get('/persons/not-an-id', token)).status).toBe(400);
    // Found by the generated requests below: a NUL character reached PostgreSQL as a 500.
    const nul = await get('/persons?status=%00', token);
    expect(nul.status).toBe(400);
    expect(await nul.json()).toMatchObject({ error: { issues: [{ field: 'status' }] } });
    expect((await get('/nothing-here', token)).status).toBe(404);
    for (const path of ['/persons', '/nothing-here'])
      expect((await get(path, token)).headers.get('Cache-Control')).toBe('no-store');
    expect((await get('/persons', null)).headers.get('Cache-Control')).toBe('no-store');
  });

  it('TRUST 25: answers thousands of generated paths, queries and keys with a 4xx or 200, never a 500', async () => {
    const { token } = await keyFor();
    // A budget no run reaches: this test is about answers, not about budgets.
    const api = createPartnerApi(app, {
      rateLimit: { requests: 1_000_000, perSeconds: 1, burst: 1_000_000 },
    });
    const hostile = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom(
        "' OR 1=1 --",
        '%_\\',
        '<script>alert(1)</script>',
        '\u0000',
        '-1',
        '1e12',
        'all',
        NOBODY,
        open.id,
        hidden.id,
        'x'.repeat(5000),
      ),
      fc.uuid(),
      fc.integer().map(String),
    );
    const request = fc.record({
      route: fc.constantFrom(
        '/persons',
        '/persons/{id}',
        '/persons/{id}/events',
        '/persons/{id}/claims',
        '/counts/series',
        '/',
      ),
      id: hostile,
      query: fc.dictionary(
        fc.constantFrom(
          'q',
          'status',
          'sex',
          'affiliation',
          'cursor',
          'limit',
          'population',
          'fatherName',
          'id',
        ),
        hostile,
        { maxKeys: 4 },
      ),
      // Header values must be printable: the client refuses others before any request.
      auth: fc.oneof(
        fc.constant(`Bearer ${token}`),
        hostile.map((h) => `Bearer ${encodeURIComponent(h)}`),
        hostile.map((h) => encodeURIComponent(h) || 'x'),
      ),
    });
    let calls = 0;
    for (const { route, id, query, auth } of fc.sample(request, { numRuns: 1000, seed: 25 })) {
      const path = `${route.replace('{id}', encodeURIComponent(id))}?${new URLSearchParams(query)}`;
      const res = await api.request(path, { headers: { Authorization: auth } });
      calls++;
      expect(res.status, `${path.slice(0, 120)}`).toBeLessThan(500);
      if (res.status >= 400)
        expect(await res.json(), path.slice(0, 120)).toMatchObject({
          error: { code: expect.any(String) },
        });
      expect(res.headers.get('Cache-Control')).toBe('no-store');
    }
    expect(calls).toBe(1000);
  });

  it('publishes its contract as OpenAPI 3.1 without a key, with every route and its parameters', async () => {
    const res = await get('/openapi.json', null);
    expect(res.status).toBe(200);
    const document = (await res.json()) as {
      openapi: string;
      paths: Record<
        string,
        {
          get: { parameters: { name: string; in: string; schema: unknown }[] };
          post: { requestBody: unknown };
        }
      >;
    };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths).sort()).toEqual(
      [...new Set(ROUTES.map((r) => r.path))].sort(),
    );
    expect(document.paths['/persons/search']!.post.requestBody).toMatchObject({
      content: { 'application/json': { schema: { properties: { q: {} } } } },
    });
    expect(document.paths['/persons']!.get.parameters).toContainEqual({
      name: 'limit',
      in: 'query',
      required: false,
      schema: { default: 50, type: 'integer', minimum: 1, maximum: 200 },
    });
    expect(document.paths['/persons/{id}']!.get.parameters).toContainEqual(
      expect.objectContaining({ name: 'id', in: 'path', required: true }),
    );
    // Nothing else is open without a key.
    expect((await get('/', null)).status).toBe(401);
  });

  it('serves a source and its files to a key cleared for it: staff fields left out, photo metadata stripped', async () => {
    const { token } = await keyFor(['sources:read']);
    const storedFile = async (
      sourceId: string,
      bytes: Uint8Array,
      filename: string,
      mediaType: string,
    ) => {
      const stored = await app.files.storeBytes(bytes);
      const [row] = await app.db
        .insert(sourceFiles)
        .values({
          sourceId,
          filename,
          mediaType,
          size: bytes.length,
          storageKey: stored.key,
          sha256: stored.sha256,
        })
        .returning();
      return row!;
    };
    const open = await admin.caller.sources.create({
      kind: 'photo',
      title: 'A photo of the capture (fictional)',
      author: 'Witness Authorova',
      notes: 'Staff note about the witness',
      sensitivity: 'partner',
    });
    const staffOnly = await admin.caller.sources.create({
      kind: 'testimony',
      title: 'A testimony (staff)',
    });
    const photo = await storedFile(open.id, JPEG_WITH_METADATA, 'capture.jpg', 'image/jpeg');
    const hiddenFile = await storedFile(
      staffOnly.id,
      new TextEncoder().encode('words'),
      'words.txt',
      'text/plain',
    );

    const source = await get(`/sources/${open.id}`, token);
    expect(source.status).toBe(200);
    const body = await source.text();
    expect(body).toContain('A photo of the capture');
    expect(body).not.toContain('Authorova');
    expect(body).not.toContain('Staff note');
    const downloaded = await get(`/files/${photo.id}`, token);
    expect(downloaded.status).toBe(200);
    expect(downloaded.headers.get('Content-Disposition')).toMatch(/^attachment;/);
    expect(Buffer.from(await downloaded.arrayBuffer()).equals(JPEG)).toBe(true);

    for (const path of [`/sources/${staffOnly.id}`, `/files/${hiddenFile.id}`]) {
      const outside = await get(path, token);
      const missing = await get(path.replace(/[0-9a-f-]{36}$/, NOBODY), token);
      expect(outside.status, path).toBe(404);
      expect(await outside.json()).toEqual(await missing.json());
    }
  });

  describe('a person’s claims', () => {
    type ClaimPage = {
      items: {
        id: string;
        sourceId?: string;
        reviewState: string;
        source: Record<string, unknown>;
      }[];
      nextCursor: string | null;
    };
    const claimsOf = async (personId: string, token: string, query = '') =>
      (await (await get(`/persons/${personId}/claims${query}`, token)).json()) as ClaimPage;
    const ids = (page: ClaimPage) => page.items.map((c) => c.id).sort();

    async function personWithClaims(sensitivity: 'public' | 'partner' = 'partner') {
      const person = await admin.caller.persons.create({
        names: [{ value: 'Aram Claimtestyan' }],
        sensitivity,
      });
      const source = await admin.caller.sources.create({
        kind: 'news_article',
        title: 'A report on the capture (fictional)',
        publisher: 'A fictional gazette',
        author: 'Author Claimauthorova',
        sensitivity,
      });
      const staffSource = await admin.caller.sources.create({
        kind: 'testimony',
        title: 'STAFF-SOURCE-TITLE',
        sensitivity: 'staff',
      });
      const claim = (sourceId: string, predicate: string, value: unknown, excerpt?: string) =>
        admin.caller.claims.create({
          sourceId,
          subjectType: 'person',
          personId: person.id,
          predicate,
          value: value as string,
          excerpt: excerpt ?? null,
        });
      const accepted = [
        await claim(source.id, 'name', 'Aram Claimtestyan'),
        await claim(source.id, 'legal_category', 'prisoner_of_war'),
        await claim(source.id, 'birth_date', '1990-05'),
      ];
      const ofStaffSource = await claim(
        staffSource.id,
        'other',
        'STAFF-SOURCE-SAYS',
        'STAFF-EXCERPT',
      );
      const identifier = await claim(source.id, 'identifier', 'SN-CLAIM-STAFF-ONLY');
      const pending = await claim(source.id, 'other', 'PENDING-CLAIM-SAYS');
      await app.db
        .update(claims)
        .set({ reviewState: 'accepted' })
        .where(inArray(claims.id, [...accepted.map((c) => c.id), ofStaffSource.id, identifier.id]));
      return { person, source, staffSource, accepted, ofStaffSource, identifier, pending };
    }

    it('lists only accepted claims the key may see, each with its source', async () => {
      const { person, source, staffSource, accepted, ofStaffSource, identifier } =
        await personWithClaims();
      const { token } = await keyFor(['claims:read']);
      const res = await get(`/persons/${person.id}/claims`, token);
      expect(res.status).toBe(200);
      const text = await res.text();
      const page = JSON.parse(text) as ClaimPage;
      expect(ids(page)).toEqual(accepted.map((c) => c.id).sort());
      expect(page.nextCursor).toBeNull();
      for (const item of page.items)
        expect(item).toMatchObject({
          sourceId: source.id,
          reviewState: 'accepted',
          source: { id: source.id, title: 'A report on the capture (fictional)' },
        });
      // Not the claim of a source above the key's clearance, nor that source; not the claim
      // that gives a staff-only identifier; not the pending one; not the source's author.
      for (const absent of [
        staffSource.id,
        ofStaffSource.id,
        identifier.id,
        'STAFF-SOURCE',
        'STAFF-EXCERPT',
        'SN-CLAIM-STAFF-ONLY',
        'PENDING-CLAIM-SAYS',
        'Claimauthorova',
      ])
        expect(text).not.toContain(absent);

      // A staff key is cleared for both: what was left out was left out for clearance.
      const { token: staffToken } = await keyFor(['claims:read'], 'staff');
      expect(ids(await claimsOf(person.id, staffToken))).toEqual(
        [...accepted, ofStaffSource, identifier].map((c) => c.id).sort(),
      );
    });

    it('pages through the claims it may see without a trace of the others: every page full', async () => {
      const { person, accepted } = await personWithClaims();
      const { token } = await keyFor(['claims:read']);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: ClaimPage = await claimsOf(
          person.id,
          token,
          `?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(page.items).toHaveLength(1);
        seen.push(page.items[0]!.id);
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen.sort()).toEqual(accepted.map((c) => c.id).sort());
      const bad = await get(`/persons/${person.id}/claims?limit=0`, token);
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ error: { issues: [{ field: 'limit' }] } });
    });

    it('gives a public key nothing of a claim but its id, and of its source but its id', async () => {
      const { person, source, accepted } = await personWithClaims('public');
      const { token } = await keyFor(['claims:read'], 'public');
      const page = await claimsOf(person.id, token);
      // A public record's names go where it goes; a birth date is a partner-level field of a
      // person, so its claim is left out.
      const [name, category] = accepted;
      expect(page.items.map((c) => c.id).sort()).toEqual([name!.id, category!.id].sort());
      for (const item of page.items) {
        expect(item.source).toEqual({ id: source.id });
        expect(item).not.toHaveProperty('value');
        expect(item).not.toHaveProperty('sourceId');
      }
    });

    it('refuses a key without the claims:read scope with 403', async () => {
      const { person } = await personWithClaims();
      const { token } = await keyFor(['persons:read', 'events:read']);
      const res = await get(`/persons/${person.id}/claims`, token);
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    });

    it('answers 404 for a deleted person, exactly as for one that never was', async () => {
      const { person } = await personWithClaims();
      const { token } = await keyFor(['claims:read']);
      expect((await get(`/persons/${person.id}/claims`, token)).status).toBe(200);
      await admin.caller.persons.delete({
        id: person.id,
        version: person.version,
        reason: 'a duplicate record (test)',
      });
      const deleted = await get(`/persons/${person.id}/claims`, token);
      const missing = await get(`/persons/${NOBODY}/claims`, token);
      expect(deleted.status).toBe(404);
      expect(await deleted.json()).toEqual(await missing.json());
    });
  });
});
