import { readAuditEntries, testDatabaseKind } from '@vigil/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing.ts';

type Caller = Awaited<ReturnType<TestApp['as']>>;

describe(`history (${testDatabaseKind})`, () => {
  let app: TestApp;
  let admin: Caller;
  let editor: Caller;
  beforeAll(async () => {
    app = await createTestApp();
    admin = await app.as('admin', 'restricted');
    editor = await app.as('editor', 'staff');
  });
  afterAll(async () => app?.close());

  const newPerson = (value: string, extra: Record<string, unknown> = {}) =>
    admin.caller.persons.create({ names: [{ value }], sex: 'male', ...extra });

  /** Each entry's changes as `{ field: [before, after] }`, newest entry first. */
  const changesOf = (page: {
    items: { changes: { field: string; before: unknown; after: unknown }[] }[];
  }) =>
    page.items.map((item) =>
      Object.fromEntries(item.changes.map((c) => [c.field, [c.before, c.after]])),
    );

  const restrictedReads = (entityId: string, actorId: string) =>
    readAuditEntries(app.db, { action: 'read_restricted', entityId, actorId });

  it('shows the earlier value of a field after an update, with when and who', async () => {
    const person = await newPerson('Aram Earlieryan', { rank: 'private' });
    await editor.caller.persons.update({
      id: person.id,
      version: person.version,
      patch: { rank: 'sergeant' },
    });
    const history = await editor.caller.history.list({ entity: 'person', id: person.id });
    expect(history.items[0]).toMatchObject({
      action: 'update',
      who: editor.actor.displayName,
      changes: [{ field: 'rank', before: 'private', after: 'sergeant' }],
    });
    expect(history.items[0]?.at).toBeInstanceOf(Date);
    expect(history.items[1]).toMatchObject({ action: 'create', who: admin.actor.displayName });
    expect(changesOf(history)[1]).toMatchObject({ rank: [null, 'private'] });
  });

  it('shows every earlier value of several updates, newest first, page by page', async () => {
    let person = await newPerson('Gor Manychangesyan', { unit: 'Unit 1' });
    for (const unit of ['Unit 2', 'Unit 3', 'Unit 4']) {
      person = await editor.caller.persons.update({
        id: person.id,
        version: person.version,
        patch: { unit },
      });
    }
    const all = await editor.caller.history.list({ entity: 'person', id: person.id });
    expect(changesOf(all).map((c) => c.unit)).toEqual([
      ['Unit 3', 'Unit 4'],
      ['Unit 2', 'Unit 3'],
      ['Unit 1', 'Unit 2'],
      [null, 'Unit 1'],
    ]);
    const first = await editor.caller.history.list({ entity: 'person', id: person.id, limit: 3 });
    expect(first.items).toHaveLength(3);
    const rest = await editor.caller.history.list({
      entity: 'person',
      id: person.id,
      limit: 3,
      cursor: first.nextCursor!,
    });
    expect([...first.items, ...rest.items].map((i) => i.seq)).toEqual(all.items.map((i) => i.seq));
    expect(rest.nextCursor).toBeNull();
  });

  it('shows the history of a person’s names with the person’s', async () => {
    const person = await newPerson('Narek Misspeltyan');
    const [name] = person.names;
    await editor.caller.names.update({
      id: name!.id,
      version: name!.version,
      patch: { value: 'Narek Hakobyan' },
    });
    await editor.caller.names.create({ personId: person.id, value: 'Нарек Акопян' });
    const history = await editor.caller.history.list({ entity: 'person', id: person.id });
    expect(history.items.map((i) => [i.entity, i.action])).toEqual([
      ['name', 'create'],
      ['name', 'update'],
      ['person', 'create'],
    ]);
    expect(changesOf(history)[1]).toEqual({ value: ['Narek Misspeltyan', 'Narek Hakobyan'] });
  });

  it('shows a partner-cleared caller no staff field’s values, in any entry, and no one’s name', async () => {
    const person = await newPerson('Openly Partneryan', {
      fatherName: 'STAFF-FATHER-1',
      notes: 'STAFF-NOTE-1',
      identifiers: [{ kind: 'service_number', value: 'STAFF-ID-1' }],
    });
    await admin.caller.persons.update({
      id: person.id,
      version: person.version,
      patch: { notes: 'STAFF-NOTE-2', fatherName: 'STAFF-FATHER-2', rank: 'private' },
    });
    const updated = await admin.caller.persons.get({ id: person.id });
    await admin.caller.persons.update({
      id: person.id,
      version: updated.version,
      patch: { notes: 'STAFF-NOTE-3' },
    });
    const partner = await app.as('viewer', 'partner');
    const history = await partner.caller.history.list({ entity: 'person', id: person.id });
    const told = JSON.stringify(history);
    expect(told).not.toMatch(/STAFF-|notes|fatherName|identifiers/);
    expect(told).not.toContain(admin.actor.displayName);
    // The update of staff fields alone is left out; the other shows only the partner field.
    expect(changesOf(history)).toEqual([
      { rank: [null, 'private'] },
      expect.objectContaining({ names: [null, ['Openly Partneryan']] }),
    ]);
    expect(history.items.map((i) => i.who)).toEqual([null, null]);
    // Staff see the staff fields, and who changed them.
    const staff = await editor.caller.history.list({ entity: 'person', id: person.id });
    expect(changesOf(staff)[0]).toEqual({ notes: ['STAFF-NOTE-2', 'STAFF-NOTE-3'] });
    expect(staff.items[0]?.who).toBe(admin.actor.displayName);
  });

  it('answers NOT_FOUND for the history of a record above the caller’s clearance, as for no record', async () => {
    const person = await newPerson('Hidden Historyan', { sensitivity: 'restricted' });
    const source = await admin.caller.sources.create({
      kind: 'testimony',
      title: 'RESTRICTED-TESTIMONY',
      sensitivity: 'restricted',
    });
    const open = await newPerson('Open Subjectyan');
    const claim = await admin.caller.claims.create({
      sourceId: source.id,
      subjectType: 'person',
      personId: open.id,
      predicate: 'legal_category',
      value: 'hostage',
    });
    const count = await admin.caller.counts.create({
      sourceId: source.id,
      claimant: 'RESTRICTED-CLAIMANT',
      asOf: '2021-03',
      population: 'held',
      populationLabel: 'Held',
      min: 7,
      max: 7,
    });
    const event = await admin.caller.events.create({
      type: 'capture',
      sensitivity: 'restricted',
      participants: [{ personId: open.id }],
    });
    const partner = await app.as('admin', 'partner');
    const missing = '00000000-0000-4000-8000-000000000000';
    const answer = async (
      entity: 'person' | 'source' | 'event' | 'claim' | 'countClaim',
      id: string,
    ) =>
      partner.caller.history.list({ entity, id }).then(
        () => 'OK',
        (error: { code: string; message: string }) => `${error.code}: ${error.message}`,
      );
    for (const [entity, id] of [
      ['person', person.id],
      ['source', source.id],
      ['event', event.id],
      ['claim', claim.id],
      ['countClaim', count.id],
    ] as const) {
      expect(await answer(entity, id), entity).toBe(await answer(entity, missing));
      expect(await answer(entity, id), entity).toMatch(/^NOT_FOUND/);
    }
    // A restricted source's claims say nothing of it in the open person's history either.
    expect(
      JSON.stringify(await partner.caller.history.list({ entity: 'person', id: open.id })),
    ).not.toMatch(/RESTRICTED|hostage/);
  });

  it('shows family contacts’ history only to restricted clearance, and audits that read', async () => {
    const person = await newPerson('Samvel Contactyan', { familyContact: 'mother +374 10 000001' });
    await admin.caller.persons.update({
      id: person.id,
      version: person.version,
      patch: { familyContact: 'brother +374 10 000002' },
    });
    for (const clearance of ['partner', 'staff'] as const) {
      const caller = await app.as('admin', clearance);
      const history = await caller.caller.history.list({ entity: 'person', id: person.id });
      expect(JSON.stringify(history), clearance).not.toMatch(/\+374|familyContact/);
      expect(await restrictedReads(person.id, caller.actor.id), clearance).toHaveLength(0);
    }
    const cleared = await app.as('viewer', 'restricted');
    const history = await cleared.caller.history.list({ entity: 'person', id: person.id });
    expect(changesOf(history)[0]).toEqual({
      familyContact: ['mother +374 10 000001', 'brother +374 10 000002'],
    });
    const reads = await restrictedReads(person.id, cleared.actor.id);
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({
      entity: 'person',
      ip: '127.0.0.1',
      diff: { fields: ['familyContact'], via: 'history' },
    });
    // A page with no family contact on it is not a restricted read.
    await admin.caller.persons.update({
      id: person.id,
      version: person.version + 1,
      patch: { rank: 'private' },
    });
    const latest = await cleared.caller.history.list({ entity: 'person', id: person.id, limit: 1 });
    expect(changesOf(latest)).toEqual([{ rank: [null, 'private'] }]);
    expect(await restrictedReads(person.id, cleared.actor.id)).toHaveLength(1);
    // Reads are not changes: they never show in the history.
    const again = await cleared.caller.history.list({ entity: 'person', id: person.id });
    expect(again.items.map((i) => i.action)).toEqual(['update', 'update', 'create']);
    expect(await restrictedReads(person.id, cleared.actor.id)).toHaveLength(2);
  });

  it('keeps what a source said while it was restricted from partners after it is lowered', async () => {
    const source = await admin.caller.sources.create({
      kind: 'testimony',
      title: 'Testimony of WITNESS-NAME',
      sensitivity: 'restricted',
    });
    const lowered = await admin.caller.sources.update({
      id: source.id,
      version: source.version,
      patch: { title: 'Testimony of a witness', sensitivity: 'partner' },
    });
    await admin.caller.sources.update({
      id: source.id,
      version: lowered.version,
      patch: { publisher: 'An NGO' },
    });
    const partner = await app.as('viewer', 'partner');
    const history = await partner.caller.history.list({ entity: 'source', id: source.id });
    expect(JSON.stringify(history)).not.toMatch(/WITNESS-NAME|restricted/);
    expect(changesOf(history)).toEqual([{ publisher: [null, 'An NGO'] }]);
    const full = await admin.caller.history.list({ entity: 'source', id: source.id });
    expect(changesOf(full)[1]).toMatchObject({
      title: ['Testimony of WITNESS-NAME', 'Testimony of a witness'],
    });
  });

  it('shows the history of events, claims and count claims, without persons or sources the caller may not see', async () => {
    const open = await newPerson('Visible Participantyan');
    const hidden = await newPerson('Hidden Participantyan', { sensitivity: 'restricted' });
    const event = await admin.caller.events.create({
      type: 'exchange',
      date: '2021-01-28',
      participants: [{ personId: open.id }],
    });
    await admin.caller.events.update({
      id: event.id,
      version: event.version,
      patch: { place: 'Goris', participants: [{ personId: open.id }, { personId: hidden.id }] },
    });
    const hiddenSource = await admin.caller.sources.create({
      kind: 'official_list',
      title: 'A restricted list',
      sensitivity: 'restricted',
    });
    const openSource = await admin.caller.sources.create({
      kind: 'news_article',
      title: 'An open report',
      sensitivity: 'partner',
    });
    const count = await admin.caller.counts.create({
      sourceId: hiddenSource.id,
      claimant: 'Ombudsman',
      asOf: '2021-03',
      population: 'held_history',
      populationLabel: 'Held',
      min: 4242,
      max: 4242,
    });
    const moved = await admin.caller.counts.update({
      id: count.id,
      version: count.version,
      patch: { sourceId: openSource.id, min: 23, max: 23 },
    });
    await admin.caller.counts.update({
      id: count.id,
      version: moved.version,
      patch: { approximate: true },
    });
    const claim = await admin.caller.claims.create({
      sourceId: openSource.id,
      subjectType: 'event',
      eventId: event.id,
      predicate: 'occurred',
    });
    await admin.caller.claims.update({
      id: claim.id,
      version: claim.version,
      patch: { excerpt: 'They were exchanged at the border.' },
    });

    const aboutHidden = await admin.caller.claims.create({
      sourceId: openSource.id,
      subjectType: 'person',
      personId: hidden.id,
      predicate: 'other',
      value: 'seen in custody',
    });

    const partner = await app.as('viewer', 'partner');
    const aboutHiddenHistory = await partner.caller.history.list({
      entity: 'claim',
      id: aboutHidden.id,
    });
    expect(aboutHiddenHistory.items[0]?.changes.map((c) => c.field)).not.toContain('personId');
    expect(JSON.stringify(aboutHiddenHistory)).not.toContain(hidden.id);
    const eventHistory = await partner.caller.history.list({ entity: 'event', id: event.id });
    expect(JSON.stringify(eventHistory)).not.toContain(hidden.id);
    expect(changesOf(eventHistory)).toEqual([
      // Without the person the caller may not see, the list of participants did not change.
      { place: [null, 'Goris'] },
      expect.objectContaining({ type: [null, 'exchange'], date: [null, '2021-01-28'] }),
    ]);
    const countHistory = await partner.caller.history.list({ entity: 'countClaim', id: count.id });
    expect(JSON.stringify(countHistory)).not.toMatch(new RegExp(`${hiddenSource.id}|4242`));
    expect(changesOf(countHistory)).toEqual([{ approximate: [false, true] }]);
    const claimHistory = await partner.caller.history.list({ entity: 'claim', id: claim.id });
    expect(changesOf(claimHistory)[0]).toEqual({
      excerpt: [null, 'They were exchanged at the border.'],
    });
    const full = await admin.caller.history.list({ entity: 'event', id: event.id });
    expect(changesOf(full)[0]).toEqual({
      participants: [
        [{ personId: open.id, role: 'subject' }],
        [
          { personId: open.id, role: 'subject' },
          { personId: hidden.id, role: 'subject' },
        ],
      ],
    });
    expect(
      changesOf(await admin.caller.history.list({ entity: 'countClaim', id: count.id })),
    ).toHaveLength(3);
  });

  it('keeps a name’s history with the person it was merged into, and answers NOT_FOUND for the merged record', async () => {
    const survivor = await newPerson('Arman Survivoryan');
    const merged = await newPerson('Арман Сурвиворян');
    const entered = await editor.caller.names.create({
      personId: merged.id,
      value: 'Arman Before-the-merge',
    });
    const renamed = await editor.caller.names.update({
      id: entered.id,
      version: entered.version,
      patch: { value: 'Arman Still-before-the-merge' },
    });
    const reviewer = await app.as('reviewer', 'restricted');
    await reviewer.caller.matching.judge({
      a: survivor.id,
      b: merged.id,
      verdict: 'same',
      reason: 'the same man in two scripts',
    });
    await editor.caller.names.update({
      id: renamed.id,
      version: renamed.version,
      patch: { value: 'Arman After-the-merge' },
    });
    const history = await editor.caller.history.list({ entity: 'person', id: survivor.id });
    expect(changesOf(history)[0]).toEqual({
      value: ['Arman Still-before-the-merge', 'Arman After-the-merge'],
    });
    // Its entries from before the merge stay with the record it was entered on.
    expect(history.items.map((i) => [i.entity, i.action])).toEqual([
      ['name', 'update'],
      ['person', 'create'],
    ]);
    await expect(
      editor.caller.history.list({ entity: 'person', id: merged.id }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a cursor it did not give out, naming the field', async () => {
    const person = await newPerson('Cursor Forgeryan');
    await expect(
      editor.caller.history.list({ entity: 'person', id: person.id, cursor: 'not-a-cursor' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('cursor') });
  });
});
