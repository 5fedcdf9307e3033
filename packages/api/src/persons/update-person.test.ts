import { readAuditEntries, testDatabaseKind } from '@vigil/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing.ts';

describe(`updating a person changes only what the caller may see (${testDatabaseKind})`, () => {
  let app: TestApp;
  let admin: Awaited<ReturnType<TestApp['as']>>;
  let editor: Awaited<ReturnType<TestApp['as']>>;
  beforeAll(async () => {
    app = await createTestApp();
    admin = await app.as('admin');
    editor = await app.as('editor', 'staff');
  });
  afterAll(async () => app?.close());

  const updates = (id: string) => readAuditEntries(app.db, { action: 'update', entityId: id });

  it('replaces the identifiers with the list sent, each kept with its kind', async () => {
    const person = await editor.caller.persons.create({
      names: [{ value: 'Vahe Identyan' }],
      identifiers: [{ kind: 'service_number', value: 'SN-0001' }],
    });
    const updated = await editor.caller.persons.update({
      id: person.id,
      version: person.version,
      patch: {
        identifiers: [
          { kind: 'service_number', value: ' SN-0002 ' },
          { kind: 'icrc_case', value: 'ICRC-E2E-0001' },
        ],
      },
    });
    expect(updated.identifiers).toEqual([
      { kind: 'service_number', value: 'SN-0002' },
      { kind: 'icrc_case', value: 'ICRC-E2E-0001' },
    ]);
    await expect(
      editor.caller.persons.update({
        id: person.id,
        version: updated.version,
        patch: { identifiers: [{ kind: 'national_id', value: ' ' }] },
      }),
    ).rejects.toMatchObject({
      cause: { issues: [{ field: 'patch.identifiers.0.value', message: 'must not be empty' }] },
    });
  });

  it('lets a caller set who may see the record up to their own clearance, and no higher', async () => {
    const person = await editor.caller.persons.create({ names: [{ value: 'Arsen Levelyan' }] });
    const staffOnly = await editor.caller.persons.update({
      id: person.id,
      version: person.version,
      patch: { sensitivity: 'staff' },
    });
    expect(staffOnly.sensitivity).toBe('staff');
    await expect(
      editor.caller.persons.update({
        id: person.id,
        version: staffOnly.version,
        patch: { sensitivity: 'restricted', rank: 'private' },
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      cause: {
        issues: [
          { field: 'patch.sensitivity', message: 'must not be above your own clearance (staff)' },
        ],
      },
    });
    // Refused whole: the record is as it was, still seen by its editor, and no change audited.
    const now = await editor.caller.persons.get({ id: person.id });
    expect(now).toMatchObject({ version: staffOnly.version, sensitivity: 'staff', rank: null });
    expect(await updates(person.id)).toHaveLength(1);

    const restricted = await admin.caller.persons.update({
      id: person.id,
      version: staffOnly.version,
      patch: { sensitivity: 'restricted' },
    });
    expect(restricted.sensitivity).toBe('restricted');
    await expect(editor.caller.persons.get({ id: person.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('refuses to change a family contact the caller is not cleared to see, and keeps it', async () => {
    const person = await admin.caller.persons.create({
      names: [{ value: 'Hrant Contactyan' }],
      familyContact: 'brother, +374 00 000002',
    });
    for (const familyContact of [null, 'someone else']) {
      await expect(
        editor.caller.persons.update({
          id: person.id,
          version: person.version,
          patch: { familyContact },
        }),
      ).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        cause: {
          issues: [{ field: 'patch.familyContact', message: 'you are not cleared to change this' }],
        },
      });
    }
    expect(await updates(person.id)).toHaveLength(0);
    const kept = await admin.caller.persons.get({ id: person.id });
    expect(kept).toMatchObject({
      version: person.version,
      familyContact: 'brother, +374 00 000002',
    });

    const changed = await admin.caller.persons.update({
      id: person.id,
      version: person.version,
      patch: { familyContact: 'brother, +374 00 000003' },
    });
    expect(changed.familyContact).toBe('brother, +374 00 000003');
  });
  it('refuses to create a person above the creator’s clearance, whose record they could not see', async () => {
    await expect(
      editor.caller.persons.create({
        names: [{ value: 'Garnik Aboveyan' }],
        sensitivity: 'restricted',
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('sensitivity: must not be above your own clearance (staff)'),
    });
    expect((await admin.caller.persons.list({ q: 'Aboveyan' })).items).toEqual([]);
    // A family contact the family gave them overwrites nothing: they may enter it, unread.
    const made = await editor.caller.persons.create({
      names: [{ value: 'Garnik Aboveyan' }],
      sensitivity: 'staff',
      familyContact: 'Brother, +374 10 000 222',
    });
    expect(made.sensitivity).toBe('staff');
    expect((await admin.caller.persons.get({ id: made.id })).familyContact).toBe(
      'Brother, +374 10 000 222',
    );
  });
});
