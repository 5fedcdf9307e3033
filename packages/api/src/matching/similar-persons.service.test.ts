import { testDatabaseKind } from '@vigil/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing.ts';

describe(`persons who may already be in the registry (${testDatabaseKind})`, () => {
  let app: TestApp;
  let editor: Awaited<ReturnType<TestApp['as']>>;
  beforeAll(async () => {
    app = await createTestApp();
    editor = await app.as('editor');
  });
  afterAll(async () => app?.close());

  it('names the person already entered in another script, before a second record is made', async () => {
    const narek = await editor.caller.persons.create({
      names: [{ value: 'Նարեկ Սիմոնյան' }, { value: 'Нарек Симонян' }],
      birthDate: '1987-03-03',
    });
    await editor.caller.persons.create({ names: [{ value: 'Narek Simonyan' }], birthDate: '1961' });

    const similar = await editor.caller.matching.similar({
      name: 'Narek Simonian',
      birthDate: '1987-03-03',
    });
    expect(similar[0]).toMatchObject({
      id: narek.id,
      name: 'Նարեկ Սիմոնյան',
      birthDate: '1987-03-03',
      likely: true,
    });
    expect(similar.length).toBeLessThanOrEqual(5);
    expect(similar.filter((p) => p.likely)).toHaveLength(1);
    expect(await editor.caller.matching.similar({ name: 'Zzyzx Qwertyan' })).toEqual([]);
  });

  it('never names a person above the caller’s clearance, nor a birth date they may not read', async () => {
    const admin = await app.as('admin');
    await admin.caller.persons.create({
      names: [{ value: 'Vahagn Restrictedyan' }],
      birthDate: '1990-01-01',
      sensitivity: 'restricted',
    });
    expect(await editor.caller.matching.similar({ name: 'Vahagn Restrictedyan' })).toEqual([]);

    const open = await editor.caller.persons.create({
      names: [{ value: 'Tigran Publicyan' }],
      birthDate: '1985-05-05',
      sensitivity: 'public',
    });
    const publicEditor = await app.as('editor', 'public');
    expect(await publicEditor.caller.matching.similar({ name: 'Tigran Publicyan' })).toEqual([
      expect.objectContaining({ id: open.id, birthDate: null }),
    ]);
  });

  it('is for roles that enter persons', async () => {
    const viewer = await app.as('viewer');
    await expect(viewer.caller.matching.similar({ name: 'Anyone' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
