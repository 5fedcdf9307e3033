import { readAuditEntries, testDatabaseKind } from '@vigil/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing.ts';

describe(`TRUST 18: the subject-access export (${testDatabaseKind})`, () => {
  let app: TestApp;
  let admin: Awaited<ReturnType<TestApp['as']>>;
  let editor: Awaited<ReturnType<TestApp['as']>>;
  let reviewer: Awaited<ReturnType<TestApp['as']>>;
  beforeAll(async () => {
    app = await createTestApp();
    admin = await app.as('admin');
    editor = await app.as('editor');
    reviewer = await app.as('reviewer');
  });
  afterAll(async () => app?.close());

  /** A person with everything a record can hold, and the third parties around them. */
  async function documentedPerson() {
    const person = await editor.caller.persons.create({
      names: [{ value: 'Գևորգ Սարգսյան' }, { value: 'Gevorg Sargsyan' }],
      birthDate: '1993-08-21',
      fatherName: 'Vahan',
      unit: 'Unit 3 (fictional)',
      notes: 'Seen on a video from the capture.',
      familyContact: 'Mother Siranush, +374 00 111 222 (fictional)',
    });
    const cellmate = await editor.caller.persons.create({
      names: [{ value: 'Cellmate Otheryan' }],
    });
    const capture = await admin.caller.events.create({
      type: 'capture',
      date: '2020-11-10',
      place: 'near Shushi',
      actingParty: 'armed forces of state B',
      participants: [{ personId: person.id }, { personId: cellmate.id }],
      sensitivity: 'restricted',
    });
    const testimony = await editor.caller.sources.create({
      kind: 'testimony',
      title: 'Testimony of Witness Namedova',
      author: 'Witness Namedova',
    });
    const article = await editor.caller.sources.create({
      kind: 'news_article',
      title: 'Prisoners seen on video (fictional)',
      publisher: 'An outlet',
      sensitivity: 'partner',
    });
    await editor.caller.claims.create({
      sourceId: testimony.id,
      subjectType: 'person',
      personId: person.id,
      predicate: 'legal_category',
      value: 'prisoner_of_war',
      excerpt: 'I, Witness Namedova, saw him in the second cell',
    });
    await admin.caller.claims.create({
      sourceId: article.id,
      subjectType: 'event',
      eventId: capture.id,
      predicate: 'occurred',
      excerpt: 'The video shows the capture',
    });
    const read = await admin.caller.persons.get({ id: person.id });
    await editor.caller.persons.update({
      id: person.id,
      version: read.version,
      patch: { rank: 'sergeant' },
    });
    return { person, cellmate };
  }

  it('gives everything held about the person: record, names, events, claims, status, activity', async () => {
    const { person } = await documentedPerson();
    const exported = await admin.caller.persons.exportSubjectAccess({ id: person.id });
    expect(exported.person).toMatchObject({
      id: person.id,
      birthDate: '1993-08-21',
      fatherName: 'Vahan',
      unit: 'Unit 3 (fictional)',
      rank: 'sergeant',
      notes: 'Seen on a video from the capture.',
    });
    expect(exported.names.map((n) => n.value)).toEqual(['Գևորգ Սարգսյան', 'Gevorg Sargsyan']);
    expect(exported.events).toEqual([
      expect.objectContaining({
        type: 'capture',
        date: '2020-11-10',
        place: 'near Shushi',
        role: 'subject',
        otherPersonsInvolved: 1,
      }),
    ]);
    expect(exported.claims.map((c) => [c.about, c.predicate, c.source.kind])).toEqual([
      ['the person', 'legal_category', 'testimony'],
      ['an event', 'occurred', 'news_article'],
    ]);
    expect(exported.claims[1]).toMatchObject({
      excerpt: 'The video shows the capture',
      source: { title: 'Prisoners seen on video (fictional)', publisher: 'An outlet' },
    });
    expect(exported.status.summary).toEqual(expect.any(String));
    expect(exported.activity.map((a) => [a.action, a.record])).toEqual(
      expect.arrayContaining([
        ['create', 'person'],
        ['update', 'person'],
        ['read_restricted', 'person'],
      ]),
    );
    expect(exported.activity.find((a) => a.action === 'update')?.fields).toContain('rank');
  });

  it('withholds every third party: family contact, witness, other detainee, staff', async () => {
    const { person, cellmate } = await documentedPerson();
    const text = JSON.stringify(await admin.caller.persons.exportSubjectAccess({ id: person.id }));
    for (const [what, value] of Object.entries({
      'the family contact': 'Siranush',
      'the witness': 'Namedova',
      "the other detainee's name": 'Otheryan',
      "the other detainee's id": cellmate.id,
      "the editor's id": editor.actor.id,
      "the editor's user name": editor.actor.username,
      "the admin's id": admin.actor.id,
    }))
      expect(text.includes(value), `${what} is in the export`).toBe(false);
    expect(text).toContain('[withheld: identifies a third party]');
  });

  it('is audited, and refused to anyone not an admin cleared for restricted data', async () => {
    const { person } = await documentedPerson();
    await admin.caller.persons.exportSubjectAccess({ id: person.id });
    const entries = await readAuditEntries(app.db, { action: 'export', entityId: person.id });
    expect(entries).toEqual([
      expect.objectContaining({
        actorId: admin.actor.id,
        diff: { document: [null, 'subject_access'] },
      }),
    ]);
    const staffAdmin = await app.as('admin', 'staff');
    for (const caller of [editor.caller, reviewer.caller, staffAdmin.caller])
      await expect(caller.persons.exportSubjectAccess({ id: person.id })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    await expect(
      admin.caller.persons.exportSubjectAccess({ id: '00000000-0000-4000-8000-000000000000' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('exports a deleted record too: deleting hides it, and what is held is still held', async () => {
    const { person } = await documentedPerson();
    const { version } = await admin.caller.persons.get({ id: person.id });
    await admin.caller.persons.delete({ id: person.id, version, reason: 'entered twice' });
    const exported = await admin.caller.persons.exportSubjectAccess({ id: person.id });
    expect(exported.person).toMatchObject({ id: person.id, fatherName: 'Vahan' });
    expect(exported.activity.map((a) => a.action)).toContain('delete');
  });
});
