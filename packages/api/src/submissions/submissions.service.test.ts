import { readAuditEntries, testDatabaseKind } from '@vigil/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing.ts';

describe(`the WGEID case file (${testDatabaseKind})`, () => {
  let app: TestApp;
  let editor: Awaited<ReturnType<TestApp['as']>>;
  let admin: Awaited<ReturnType<TestApp['as']>>;
  beforeAll(async () => {
    app = await createTestApp();
    editor = await app.as('editor');
    admin = await app.as('admin');
  });
  afterAll(async () => app?.close());

  const submitter = { name: 'A documentation NGO (fictional)', contact: 'cases@example.org' };

  async function capturedPerson(options: { eventSensitivity?: 'partner' | 'restricted' } = {}) {
    const person = await editor.caller.persons.create({
      names: [{ value: 'Սամվել Դավթյան' }, { value: 'Samvel Davtyan' }],
      birthDate: '1990-05-01',
      fatherName: 'Hrant',
      familyContact: 'Sister, +374 00 000 000 (fictional)',
      unit: 'Unit 7 (fictional)',
    });
    // An admin records it: a restricted event is above an editor's clearance.
    await admin.caller.events.create({
      type: 'capture',
      date: '2020-11-09',
      place: 'Hadrut district',
      actingParty: 'armed forces of state B',
      participants: [{ personId: person.id }],
      sensitivity: options.eventSensitivity ?? 'partner',
    });
    return person;
  }

  it('holds the six elements from the record and only the fields chosen, and is audited', async () => {
    const person = await capturedPerson();
    const file = await editor.caller.submissions.wgeidCaseFile({
      personId: person.id,
      stepsTaken: 'His sister wrote to the ICRC and the ombudsman; no answer.',
      submitter,
      include: ['birthDate'],
    });
    expect(file.complete).toBe(true);
    expect(file.elements.map((e) => e.value?.split('\n')[0])).toEqual([
      'Սամվել Դավթյան',
      '9 Nov 2020',
      'Hadrut district',
      'armed forces of state B',
      'His sister wrote to the ICRC and the ombudsman; no answer.',
      submitter.name,
    ]);
    expect(file.additional).toEqual([
      { field: 'birthDate', label: 'Date of birth', value: '1 May 1990' },
    ]);
    for (const unchosen of ['Hrant', 'Unit 7', 'Samvel Davtyan', '+374'])
      expect(file.text).not.toContain(unchosen);
    const [entry] = await readAuditEntries(app.db, { action: 'export', entityId: person.id });
    expect(entry).toMatchObject({
      actorId: editor.actor.id,
      entity: 'person',
      diff: { document: [null, 'wgeid_case_file'], fields: [null, ['birthDate']] },
    });
  });

  it("refuses a field above the caller's clearance, naming it, and writes nothing", async () => {
    const person = await capturedPerson();
    const partnerEditor = await app.as('editor', 'partner');
    await expect(
      partnerEditor.caller.submissions.wgeidCaseFile({
        personId: person.id,
        stepsTaken: 'Letters',
        submitter,
        include: ['sex', 'fatherName'],
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'include.1: you are not cleared to add this field',
    });
    const exports = await readAuditEntries(app.db, { action: 'export', entityId: person.id });
    expect(exports).toEqual([]);
  });

  it('uses no event the caller may not see, and says what is then missing', async () => {
    const person = await capturedPerson({ eventSensitivity: 'restricted' });
    const file = await editor.caller.submissions.wgeidCaseFile({
      personId: person.id,
      stepsTaken: 'Letters',
      submitter,
      include: [],
    });
    expect(file.text).not.toContain('Hadrut');
    expect(file.complete).toBe(false);
    expect(file.elements.find((e) => e.key === 'date')?.problem).toMatch(/No capture/);
  });

  it('answers NOT_FOUND for a person above the caller’s clearance, as for none', async () => {
    const hidden = await admin.caller.persons.create({
      names: [{ value: 'Hidden Casefileyan' }],
      sensitivity: 'restricted',
    });
    const partnerEditor = await app.as('editor', 'partner');
    for (const personId of [hidden.id, '00000000-0000-4000-8000-000000000000'])
      await expect(
        partnerEditor.caller.submissions.wgeidCaseFile({
          personId,
          stepsTaken: 'Letters',
          submitter,
          include: [],
        }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Person was not found' });
  });
});
