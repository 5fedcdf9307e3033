import type { ApiScope } from '@vigil/domain';
import { readCsvTable } from '@vigil/domain';
import { auditEntries } from '@vigil/db';
import { testDatabaseKind } from '@vigil/db/testing';
import { and, desc, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../testing.ts';
import { createPartnerApi } from './partner-api.ts';

/** Every person here is fictional. */
describe(`the partner API’s registry export (${testDatabaseKind})`, () => {
  let app: TestApp;
  let api: ReturnType<typeof createPartnerApi>;
  let admin: TestUser;
  let open: { id: string; version: number };
  let staffOnly: { id: string };
  const staffValues = {
    fatherName: 'Fathername Keyexportyan',
    familyContact: 'Brother, +374 00 555 666 (fictional)',
    notes: 'Staff note about Keyexportyan',
    birthPlace: 'Birthplace Keyexportyan',
    identifier: 'SN-KEY-EXPORT',
  };

  beforeAll(async () => {
    app = await createTestApp();
    // A budget no test here reaches: these tests are about answers, not about budgets.
    api = createPartnerApi(app, {
      rateLimit: { requests: 1_000_000, perSeconds: 1, burst: 1_000_000 },
    });
    admin = await app.as('admin');
    open = await admin.caller.persons.create({
      names: [{ value: 'Aram Keyexportyan' }, { value: 'Арам Киэкспортян' }],
      birthDate: '1988',
      fatherName: staffValues.fatherName,
      familyContact: staffValues.familyContact,
      notes: staffValues.notes,
      birthPlace: staffValues.birthPlace,
      identifiers: [{ kind: 'service_number', value: staffValues.identifier }],
    });
    staffOnly = await admin.caller.persons.create({
      names: [{ value: 'Aram Staffonly Keyexportyan' }],
      sensitivity: 'staff',
    });
  });
  afterAll(async () => app?.close());

  async function keyFor(
    scopes: ApiScope[] = ['persons:read'],
    clearance: 'partner' | 'staff' = 'partner',
  ) {
    return admin.caller.apiKeys.create({ name: 'A partner NGO (test)', scopes, clearance });
  }
  const get = (path: string, token: string | null) =>
    api.request(path, token ? { headers: { Authorization: `Bearer ${token}` } } : {});
  /** A name search is POSTed: it may not travel in a URL. */
  const exportOf = (body: Record<string, string>, token: string | null) =>
    api.request('/persons/export', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });

  it('answers CSV as a download that no cache keeps: UTF-8 with a byte-order mark, no column or person above the key', async () => {
    const { token } = await keyFor();
    const res = await exportOf({ format: 'csv', q: 'Keyexportyan' }, token);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('Content-Disposition')).toMatch(
      /^attachment; filename="vigil-registry-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const text = bytes.toString('utf8');
    const read = readCsvTable(text, { delimiter: ',' });
    if (!read.ok) throw new Error(read.problem);
    const { header, rows } = read.table;
    for (const above of ['identifiers', 'birth_place', 'father_name', 'family_contact', 'notes'])
      expect(header).not.toContain(above);
    expect(rows.map((r) => r.cells[header.indexOf('id')])).toEqual([open.id]);
    expect(rows[0]!.cells[header.indexOf('other_names')]).toBe('Арам Киэкспортян');
    for (const value of [...Object.values(staffValues), staffOnly.id, 'Staffonly'])
      expect(text).not.toContain(value);
  });

  it('answers JSON with what it holds and for which clearance, and a staff key gets the staff columns', async () => {
    const { token } = await keyFor(['persons:read'], 'staff');
    const res = await exportOf({ format: 'json', q: 'Keyexportyan', sex: 'unknown' }, token);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('application/json');
    expect(res.headers.get('Content-Disposition')).toMatch(/filename="vigil-registry-.*\.json"$/);
    const document = (await res.json()) as {
      clearance: string;
      filters: Record<string, string>;
      count: number;
      persons: Record<string, unknown>[];
    };
    expect(document).toMatchObject({
      clearance: 'staff',
      filters: { q: 'Keyexportyan', sex: 'unknown' },
      count: 2,
    });
    expect(document.persons.find((p) => p.id === open.id)).toMatchObject({
      identifiers: [`service_number:${staffValues.identifier}`],
      father_name: staffValues.fatherName,
    });
    const text = JSON.stringify(document);
    expect(text).not.toContain(staffValues.familyContact);
    expect(text).not.toContain(staffValues.notes);
  });

  it('is audited once, in the key’s name, with the count and not the search', async () => {
    const { token, key } = await keyFor();
    expect((await exportOf({ format: 'csv', q: 'Keyexportyan' }, token)).status).toBe(200);
    const entries = await app.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.entity, 'registry'), eq(auditEntries.actorId, key.id)))
      .orderBy(desc(auditEntries.seq));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'export',
      diff: { format: [null, 'csv'], clearance: [null, 'partner'], count: [null, 1] },
    });
    expect(JSON.stringify(entries[0])).not.toContain('Keyexportyan');
  });

  it('refuses a key without the persons:read scope with 403, and a request without a key with 401', async () => {
    const { token } = await keyFor(['events:read', 'counts:read']);
    const refused = await get('/persons/export?format=csv', token);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(await refused.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect((await get('/persons/export?format=csv', null)).status).toBe(401);
  });

  it('is its own route, not a person’s id: a missing format is named, not the id', async () => {
    const { token } = await keyFor();
    const res = await get('/persons/export', token);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: { code: 'BAD_INPUT', issues: [{ field: 'format' }] },
    });
    // A person's own page still answers.
    expect((await get(`/persons/${open.id}`, token)).status).toBe(200);
  });

  it('leaves out a deleted record', async () => {
    const { token } = await keyFor();
    const person = await admin.caller.persons.create({
      names: [{ value: 'Aram Deletedkeyexportyan' }],
    });
    await admin.caller.persons.delete({
      id: person.id,
      version: person.version,
      reason: 'entered by mistake (test)',
    });
    const res = await exportOf({ format: 'json', q: 'Deletedkeyexportyan' }, token);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ count: 0, persons: [] });
    expect(text).not.toContain(person.id);
  });

  it('is listed in the index and in the OpenAPI contract, with its filters and formats', async () => {
    const { token } = await keyFor();
    const index = (await (await get('/', token)).json()) as { routes: { path: string }[] };
    expect(index.routes.map((r) => r.path)).toContain('/persons/export');
    const document = (await (await get('/openapi.json', null)).json()) as {
      paths: Record<
        string,
        {
          get: {
            parameters: { name: string; required: boolean }[];
            responses: { '200': { content: Record<string, unknown> } };
          };
        }
      >;
    };
    const route = document.paths['/persons/export']!.get;
    expect(route.parameters).toContainEqual(
      expect.objectContaining({ name: 'format', required: true }),
    );
    expect(route.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(['sex']));
    // A search by name is POSTed, never in the URL.
    expect(route.parameters.map((p) => p.name)).not.toContain('q');
    expect(route.parameters.map((p) => p.name)).not.toContain('cursor');
    expect(Object.keys(route.responses['200'].content).sort()).toEqual([
      'application/json',
      'text/csv',
    ]);
  });

  it('TRUST 25: answers generated queries with a 4xx or 200, never a 500', async () => {
    const { token } = await keyFor();
    const hostile = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom(
        'csv',
        'json',
        "' OR 1=1 --",
        '%_\\',
        '\u0000',
        '=HYPERLINK("x")',
        'x'.repeat(5000),
      ),
    );
    const query = fc.dictionary(
      fc.constantFrom('format', 'q', 'status', 'sex', 'affiliation', 'cursor', 'limit'),
      hostile,
      { maxKeys: 4 },
    );
    for (const params of fc.sample(query, { numRuns: 200, seed: 25 })) {
      const path = `/persons/export?${new URLSearchParams(params)}`;
      const res = await get(path, token);
      expect(res.status, path.slice(0, 120)).toBeLessThan(500);
      if (res.status >= 400)
        expect(await res.json(), path.slice(0, 120)).toMatchObject({
          error: { code: expect.any(String) },
        });
      expect(res.headers.get('Cache-Control')).toBe('no-store');
      const posted = await exportOf(params, token);
      expect(posted.status, JSON.stringify(params).slice(0, 120)).toBeLessThan(500);
    }
  });
});
