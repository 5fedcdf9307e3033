import { testDatabaseKind } from '@vigil/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing.ts';

describe(`claims cut to the reader's clearance (${testDatabaseKind})`, () => {
  let app: TestApp;
  let editor: Awaited<ReturnType<TestApp['as']>>;
  beforeAll(async () => {
    app = await createTestApp();
    editor = await app.as('editor');
  });
  afterAll(async () => app?.close());

  async function publicPersonWithClaims() {
    const person = await editor.caller.persons.create({
      names: [{ value: 'Claimed Fictionyan' }],
      sensitivity: 'public',
    });
    const source = await editor.caller.sources.create({
      kind: 'official_list',
      title: 'List handed over at the border',
      publisher: 'A fictional ministry',
      sensitivity: 'public',
    });
    const claim = (predicate: string, value: unknown) =>
      editor.caller.claims.create({
        sourceId: source.id,
        subjectType: 'person',
        personId: person.id,
        predicate,
        value: value as never,
      });
    return {
      person,
      identifier: await claim('identifier', { kind: 'service_number', value: 'SN-000-1' }),
      name: await claim('name', 'Klaimd Fiktionian'),
      birthDate: await claim('birth_date', '1990-04-02'),
      category: await claim('legal_category', 'prisoner_of_war'),
    };
  }

  it('never gives a claim that says what a field above the reader holds (an identifier is staff only)', async () => {
    const { person, identifier, category } = await publicPersonWithClaims();
    const partner = await app.as('viewer', 'partner');
    const listed = await partner.caller.claims.list({ personId: person.id });
    expect(listed.items.map((c) => c.id)).not.toContain(identifier.id);
    expect(listed.items.map((c) => c.id)).toContain(category.id);
    await expect(partner.caller.claims.get({ id: identifier.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const staff = await app.as('viewer', 'staff');
    const all = await staff.caller.claims.list({ personId: person.id });
    expect(all.items.map((c) => c.id)).toContain(identifier.id);
  });

  it("gives a public reader a public record's names, but neither its birth date nor a source's title", async () => {
    const { person, name, birthDate, category } = await publicPersonWithClaims();
    const reader = await app.as('viewer', 'public');
    const listed = await reader.caller.claims.list({ personId: person.id });
    expect(listed.items.map((c) => c.id).sort()).toEqual([name.id, category.id].sort());
    expect(listed.items.map((c) => c.id)).not.toContain(birthDate.id);
    expect(JSON.stringify(listed)).not.toContain('border');
    expect(JSON.stringify(listed)).not.toContain('fictional ministry');
  });

  it('refuses a claim, or an edit of one, whose date is not a date, and changes nothing', async () => {
    const { person, birthDate } = await publicPersonWithClaims();
    const refusal = (call: Promise<unknown>) =>
      call.then(
        () => null,
        (e: { code: string; cause?: { issues?: unknown } }) => ({
          code: e.code,
          issues: e.cause?.issues,
        }),
      );
    expect(
      await refusal(
        editor.caller.claims.create({
          sourceId: birthDate.sourceId!,
          subjectType: 'person',
          personId: person.id,
          predicate: 'birth_date',
          value: '2020-13-45',
        }),
      ),
    ).toEqual({
      code: 'BAD_REQUEST',
      issues: [{ field: 'value', message: 'is not a date: month 13 does not exist' }],
    });
    expect(
      await refusal(
        editor.caller.claims.update({
          id: birthDate.id,
          version: birthDate.version,
          patch: { value: '1991-02-31' },
        }),
      ),
    ).toMatchObject({
      code: 'BAD_REQUEST',
      issues: [{ field: 'patch.value', message: expect.stringMatching(/^is not a date: /) }],
    });
    expect(await editor.caller.claims.get({ id: birthDate.id })).toMatchObject({
      value: '1990-04-02',
      version: birthDate.version,
    });
  });
});
