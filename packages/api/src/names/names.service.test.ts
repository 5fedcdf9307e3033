import { testDatabaseKind } from '@vigil/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing.ts';

describe(`names added and corrected by staff (${testDatabaseKind})`, () => {
  let app: TestApp;
  let editor: Awaited<ReturnType<TestApp['as']>>;
  beforeAll(async () => {
    app = await createTestApp();
    editor = await app.as('editor');
  });
  afterAll(async () => app?.close());

  const newPerson = (value: string) => editor.caller.persons.create({ names: [{ value }] });

  it('adds a spelling in the script its letters say, and the person bears it', async () => {
    const person = await newPerson('Gevorg Spellingyan');
    const added = await editor.caller.names.create({
      personId: person.id,
      value: 'Геворг Спеллингян',
      kind: 'transliteration',
      language: 'ru',
    });
    expect(added).toMatchObject({ script: 'cyrillic', kind: 'transliteration', language: 'ru' });
    const { names } = await editor.caller.persons.get({ id: person.id });
    expect(names.map((n) => n.value)).toEqual(['Gevorg Spellingyan', 'Геворг Спеллингян']);
  });

  it('refuses a spelling the person already bears, naming the field', async () => {
    const person = await newPerson('Tigran Twiceyan');
    await expect(
      editor.caller.names.create({ personId: person.id, value: '  tigran TWICEYAN ' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      cause: { issues: [{ field: 'value', message: 'the person already bears this spelling' }] },
    });
    const other = await editor.caller.names.create({
      personId: person.id,
      value: 'Tigran Twicean',
    });
    await expect(
      editor.caller.names.update({
        id: other.id,
        version: other.version,
        patch: { value: 'Tigran Twiceyan' },
      }),
    ).rejects.toMatchObject({ cause: { issues: [{ field: 'patch.value' }] } });
  });

  it('lets a name be corrected in its own case, and its kind changed alone', async () => {
    const person = await newPerson('ashot lowercaseyan');
    const [name] = person.names;
    const corrected = await editor.caller.names.update({
      id: name!.id,
      version: name!.version,
      patch: { value: 'Ashot Lowercaseyan' },
    });
    const kind = await editor.caller.names.update({
      id: name!.id,
      version: corrected.version,
      patch: { kind: 'alias' },
    });
    expect(kind).toMatchObject({ value: 'Ashot Lowercaseyan', kind: 'alias' });
  });

  it('writes a corrected value in the script of its letters unless told another', async () => {
    const person = await newPerson('Levon Scriptyan');
    const [name] = person.names;
    const cyrillic = await editor.caller.names.update({
      id: name!.id,
      version: name!.version,
      patch: { value: 'Левон Скриптян' },
    });
    expect(cyrillic.script).toBe('cyrillic');
    const told = await editor.caller.names.update({
      id: name!.id,
      version: cyrillic.version,
      patch: { value: 'Levon Skriptyan', script: 'other' },
    });
    expect(told.script).toBe('other');
  });

  it('takes away a language recorded by mistake', async () => {
    const person = await newPerson('Hovik Languageyan');
    const added = await editor.caller.names.create({
      personId: person.id,
      value: 'Hovik Lengvijyan',
      language: 'az',
    });
    const cleared = await editor.caller.names.update({
      id: added.id,
      version: added.version,
      patch: { language: null },
    });
    expect(cleared.language).toBeNull();
  });

  it('refuses a stale correction with CONFLICT and changes nothing', async () => {
    const person = await newPerson('Samvel Staleyan');
    const [name] = person.names;
    await editor.caller.names.update({
      id: name!.id,
      version: name!.version,
      patch: { kind: 'alias' },
    });
    await expect(
      editor.caller.names.update({
        id: name!.id,
        version: name!.version,
        patch: { value: 'Samvel Staleian' },
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await editor.caller.names.get({ id: name!.id })).value).toBe('Samvel Staleyan');
  });
});
