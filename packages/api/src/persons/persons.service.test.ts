import { TRPCError } from '@trpc/server';
import { auditEntries, claims, persons, recomputePersonStatus, verifyAuditChain } from '@vigil/db';
import { testDatabaseKind } from '@vigil/db/testing';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing.ts';

describe(`persons (${testDatabaseKind})`, () => {
  let app: TestApp;
  let editor: Awaited<ReturnType<TestApp['as']>>;
  beforeAll(async () => {
    app = await createTestApp();
    editor = await app.as('editor');
  });
  afterAll(async () => app?.close());

  const newPerson = (names: string[], extra: Record<string, unknown> = {}) =>
    editor.caller.persons.create({
      names: names.map((value) => ({ value })),
      sex: 'male',
      ...extra,
    });

  it('creates a person with names in several scripts and finds them from any script', async () => {
    const person = await newPerson(['Տիգրան Վարդանյան', 'Тигран Варданян', 'Tigran Vardanyan'], {
      birthDate: '1994-03',
    });
    expect(person.names.map((n) => n.script)).toEqual(['armenian', 'cyrillic', 'latin']);
    expect(person.birthDate).toBe('1994-03');
    for (const q of ['Варданян', 'vardanyan', 'Vardanian', 'Վարդանյան']) {
      const { items } = await editor.caller.persons.list({ q });
      expect(
        items.map((p) => p.id),
        q,
      ).toContain(person.id);
    }
  });

  it('finds a person by the sound of their name in spellings no stored name has', async () => {
    const hayk = await newPerson(['Հայկ Հակոբյան', 'Hayk Hakobyan']);
    const other = await newPerson(['Hrachya Harutyunyan']);
    const found = async (q: string) =>
      (await editor.caller.persons.list({ q, limit: 200 })).items.map((p) => p.id);
    for (const q of ['Haik', 'Gayk', 'Айк', 'Hakobian', 'Акопян', 'Gaik Akopian', 'Hagopian Haik'])
      expect(await found(q), q).toContain(hayk.id);
    expect(await found('Harutiunian'), 'Harutiunian').toContain(other.id);
    // Every word must fit: a given name alone does not find someone else by their surname.
    expect(await found('Haik Harutiunian')).not.toContain(hayk.id);
    expect(await found('Haik Harutiunian')).not.toContain(other.id);
  });

  it('pages through the registry with a cursor, in name order, without repeats', async () => {
    for (const name of ['Aram Zadoyan', 'Aram Yeranyan', 'Aram Xachatryan'])
      await newPerson([name]);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await editor.caller.persons.list({ limit: 2, cursor });
      seen.push(...page.items.map((p) => p.primaryName));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((n) => n.startsWith('Aram'))).toEqual([
      'Aram Xachatryan',
      'Aram Yeranyan',
      'Aram Zadoyan',
    ]);
  });

  it('refuses a stale version with CONFLICT and changes nothing', async () => {
    const person = await newPerson(['Gor Sargsyan']);
    await editor.caller.persons.update({
      id: person.id,
      version: person.version,
      patch: { rank: 'private' },
    });
    await expect(
      editor.caller.persons.update({
        id: person.id,
        version: person.version,
        patch: { rank: 'sergeant' },
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    const now = await editor.caller.persons.get({ id: person.id });
    expect(now.rank).toBe('private');
    expect(now.version).toBe(person.version + 1);
  });

  it('changes only the fields an update names: a restricted person stays restricted, their contact kept', async () => {
    const admin = await app.as('admin');
    const person = await admin.caller.persons.create({
      names: [{ value: 'Partial Updatyan' }],
      sensitivity: 'restricted',
      familyContact: 'sister, +374 00 000001',
      unit: 'Unit 9',
    });
    const updated = await admin.caller.persons.update({
      id: person.id,
      version: person.version,
      patch: { rank: 'private' },
    });
    expect(updated).toMatchObject({
      rank: 'private',
      sensitivity: 'restricted',
      familyContact: 'sister, +374 00 000001',
      unit: 'Unit 9',
    });
    const partner = await app.as('viewer', 'partner');
    await expect(partner.caller.persons.get({ id: person.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('names the field and the problem in bad input, and writes nothing', async () => {
    const before = await app.db
      .select()
      .from(auditEntries)
      .orderBy(desc(auditEntries.seq))
      .limit(1);
    const error = await editor.caller.persons
      .create({ names: [{ value: '' }], birthDate: '2020-13' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe('BAD_REQUEST');
    expect((error as TRPCError).message).toContain('names.0.value: must not be empty');
    expect((error as TRPCError).message).toContain('birthDate: month 13 does not exist');
    const after = await app.db.select().from(auditEntries).orderBy(desc(auditEntries.seq)).limit(1);
    expect(after[0]?.seq).toBe(before[0]?.seq);
  });

  it('writes an audit entry with who and what for every change, and the chain verifies', async () => {
    const person = await newPerson(['Levon Hakobyan']);
    const entries = await app.db
      .select()
      .from(auditEntries)
      .where(eq(auditEntries.entityId, person.id));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'create',
      entity: 'person',
      actorId: editor.actor.id,
      ip: '127.0.0.1',
    });
    expect((await verifyAuditChain(app.db)).ok).toBe(true);
  });

  it('never shows family contacts to a caller without restricted clearance, and audits restricted reads', async () => {
    const person = await newPerson(['Samvel Petrosyan'], {
      familyContact: 'mother, +374 00 000000',
    });
    const staff = await app.as('viewer');
    const seen = await staff.caller.persons.get({ id: person.id });
    expect(seen).not.toHaveProperty('familyContact');
    expect(JSON.stringify(await staff.caller.persons.list({ q: 'Petrosyan' }))).not.toContain(
      '+374',
    );
    const admin = await app.as('admin');
    const full = await admin.caller.persons.get({ id: person.id });
    expect(full.familyContact).toBe('mother, +374 00 000000');
    const reads = await app.db
      .select()
      .from(auditEntries)
      .where(eq(auditEntries.action, 'read_restricted'));
    expect(reads.some((r) => r.entityId === person.id && r.actorId === admin.actor.id)).toBe(true);
  });

  it('answers NOT_FOUND for a person above the caller’s clearance, as for one that does not exist', async () => {
    const admin = await app.as('admin');
    const secret = await admin.caller.persons.create({
      names: [{ value: 'Hidden Person' }],
      sensitivity: 'restricted',
    });
    const staff = await app.as('viewer');
    await expect(staff.caller.persons.get({ id: secret.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      staff.caller.persons.get({ id: '00000000-0000-4000-8000-000000000000' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await staff.caller.persons.list({ q: 'Hidden' })).items).toHaveLength(0);
  });

  it('keeps persons above the caller’s clearance, and hidden ones, out of a list filtered by status', async () => {
    const admin = await app.as('admin');
    const secret = await admin.caller.persons.create({
      names: [{ value: 'Secret Statusyan' }],
      sensitivity: 'restricted',
    });
    const merged = await admin.caller.persons.create({ names: [{ value: 'Merged Statusyan' }] });
    // Both held, by an accepted claim of their capture.
    const source = await admin.caller.sources.create({ kind: 'official_list', title: 'Held' });
    const capture = await admin.caller.events.create({
      type: 'capture',
      date: '2020-12-13',
      participants: [{ personId: secret.id }, { personId: merged.id }],
    });
    // Alive, by a proof of life: the filter on life is the half a bare OR let escape.
    const video = await admin.caller.events.create({
      type: 'proof_of_life',
      date: '2021-03-01',
      participants: [{ personId: secret.id }, { personId: merged.id }],
    });
    for (const event of [capture, video]) {
      const claim = await admin.caller.claims.create({
        sourceId: source.id,
        subjectType: 'event',
        eventId: event.id,
        predicate: 'occurred',
        credibility: 2,
      });
      await app.db.update(claims).set({ reviewState: 'accepted' }).where(eq(claims.id, claim.id));
    }
    for (const id of [secret.id, merged.id]) await recomputePersonStatus(app.db, id);
    await app.db.update(persons).set({ hiddenAt: new Date() }).where(eq(persons.id, merged.id));
    const staff = await app.as('viewer');
    for (const status of ['no_recent_proof_of_life', 'held']) {
      const ids = (await staff.caller.persons.list({ status, limit: 200 })).items.map((p) => p.id);
      expect(ids).not.toContain(secret.id);
      expect(ids).not.toContain(merged.id);
      const cleared = (await admin.caller.persons.list({ status, limit: 200 })).items;
      expect(cleared.map((p) => p.id)).toContain(secret.id);
    }
  });
});
