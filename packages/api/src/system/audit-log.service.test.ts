import { testDatabaseKind } from '@vigil/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing.ts';

describe(`the audit log for admins (${testDatabaseKind})`, () => {
  let app: TestApp;
  let admin: Awaited<ReturnType<TestApp['as']>>;
  let editor: Awaited<ReturnType<TestApp['as']>>;
  beforeAll(async () => {
    app = await createTestApp();
    admin = await app.as('admin');
    editor = await app.as('editor');
  });
  afterAll(async () => app?.close());

  it('lists who did what to which record, newest first, page by page, without the values', async () => {
    const person = await editor.caller.persons.create({
      names: [{ value: 'Audited Fictionyan' }],
      familyContact: 'Sister, +374 10 000 111',
    });
    await editor.caller.persons.update({
      id: person.id,
      version: person.version,
      patch: { rank: 'private' },
    });
    const first = await admin.caller.system.auditLog({ entity: 'person', limit: 1 });
    expect(first.items).toEqual([
      expect.objectContaining({
        action: 'update',
        entity: 'person',
        entityId: person.id,
        actor: { kind: 'user', name: editor.actor.displayName },
      }),
    ]);
    const second = await admin.caller.system.auditLog({
      entity: 'person',
      limit: 1,
      cursor: first.nextCursor!,
    });
    expect(second.items[0]).toMatchObject({ action: 'create', entityId: person.id });
    expect(second.items[0]!.seq).toBeLessThan(first.items[0]!.seq);
    const everything = JSON.stringify(await admin.caller.system.auditLog({ limit: 200 }));
    expect(everything).not.toContain('+374 10 000 111');
    expect(everything).not.toContain('Audited Fictionyan');
  });

  it('filters by action and by kind of record, refusing one it does not know', async () => {
    const exports = await admin.caller.system.auditLog({ action: 'login_failed' });
    expect(exports.items.every((entry) => entry.action === 'login_failed')).toBe(true);
    await expect(admin.caller.system.auditLog({ action: 'guess' as never })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(
      admin.caller.system.auditLog({ entity: 'person_name' as never }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('kinds of record'),
    });
  });

  it('is for admins cleared for restricted data only, since entries name every record', async () => {
    await expect(editor.caller.system.auditLog({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const partnerAdmin = await app.as('admin', 'partner');
    await expect(partnerAdmin.caller.system.auditLog({})).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
