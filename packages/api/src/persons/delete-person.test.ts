import { personNames } from '@vigil/db';
import { readAuditEntries, testDatabaseKind } from '@vigil/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing.ts';

describe(`TRUST 14: deleting a person hides the record, never erases it (${testDatabaseKind})`, () => {
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

  /** A person entered by mistake, with a claim, a shared event and an open review task. */
  async function mistakenPerson(name: string) {
    const person = await editor.caller.persons.create({ names: [{ value: name }] });
    const other = await editor.caller.persons.create({ names: [{ value: `Other ${name}` }] });
    const source = await editor.caller.sources.create({
      kind: 'news_article',
      title: `About ${name}`,
    });
    const claim = await editor.caller.claims.create({
      sourceId: source.id,
      subjectType: 'person',
      personId: person.id,
      predicate: 'legal_category',
      value: 'hostage',
    });
    const event = await editor.caller.events.create({
      type: 'capture',
      date: '2020-12-13',
      participants: [{ personId: person.id }, { personId: other.id }],
    });
    return { person, other, source, claim, event };
  }

  it('hides the person from every page, list, search, claim, event and task, for admins too', async () => {
    const { person, other, source, claim, event } = await mistakenPerson('Mistaken Enteredyan');
    const deleted = await admin.caller.persons.delete({
      id: person.id,
      version: person.version,
      reason: 'entered twice by mistake',
    });
    expect(deleted).toEqual({ id: person.id, deleted: true });

    for (const caller of [admin.caller, reviewer.caller]) {
      await expect(caller.persons.get({ id: person.id })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      const search = await caller.persons.list({ q: 'Mistaken Enteredyan' });
      expect(search.items.map((p) => p.id)).not.toContain(person.id);
      expect((await caller.claims.list({ personId: person.id })).items).toEqual([]);
      await expect(caller.claims.get({ id: claim.id })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      const shared = await caller.events.get({ id: event.id });
      expect(shared.participants.map((p) => p.personId)).toEqual([other.id]);
      const tasks = await caller.review.list({ kind: 'claim' });
      expect(tasks.items.some((t) => t.claim?.id === claim.id)).toBe(false);
    }
    await expect(
      editor.caller.names.create({ personId: person.id, value: 'Another spelling', kind: 'alias' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      editor.caller.claims.create({
        sourceId: source.id,
        subjectType: 'person',
        personId: person.id,
        predicate: 'legal_category',
        value: 'hostage',
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'personId: no such person' });
    // Nothing was erased.
    expect(
      await app.db.select().from(personNames).where(eq(personNames.personId, person.id)),
    ).toHaveLength(1);
    const [entry] = await readAuditEntries(app.db, { action: 'delete', entityId: person.id });
    expect(entry).toMatchObject({
      actorId: admin.actor.id,
      diff: { deleted: [false, true], reason: [null, 'entered twice by mistake'] },
    });
  });

  it('lists deleted persons for an admin, and restores one whole', async () => {
    const { person, claim } = await mistakenPerson('Restored Enteredyan');
    await admin.caller.persons.delete({ id: person.id, version: person.version, reason: 'unsure' });
    const listed = await admin.caller.persons.listDeleted();
    const row = listed.find((p) => p.id === person.id);
    expect(row).toMatchObject({
      primaryName: 'Restored Enteredyan',
      deletedAt: expect.any(Date),
      reason: 'unsure',
    });
    const restored = await admin.caller.persons.restore({ id: person.id, version: row!.version });
    expect(restored).toMatchObject({ id: person.id, primaryName: 'Restored Enteredyan' });
    expect(
      (await reviewer.caller.claims.list({ personId: person.id })).items.map((c) => c.id),
    ).toEqual([claim.id]);
    expect((await admin.caller.persons.listDeleted()).map((p) => p.id)).not.toContain(person.id);
    await expect(
      admin.caller.persons.restore({ id: person.id, version: restored.version }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('is for admins only, takes a reason, and refuses a stale version', async () => {
    const { person } = await mistakenPerson('Guarded Enteredyan');
    await expect(
      editor.caller.persons.delete({ id: person.id, version: person.version, reason: 'mine' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      admin.caller.persons.delete({ id: person.id, version: person.version, reason: '' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('reason') });
    await expect(
      admin.caller.persons.delete({ id: person.id, version: person.version + 1, reason: 'stale' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await admin.caller.persons.get({ id: person.id })).toMatchObject({ id: person.id });
  });

  it('never lists or restores a record merged into another: undoing the merge brings it back', async () => {
    const a = await editor.caller.persons.create({ names: [{ value: 'Merged Enteredyan' }] });
    const b = await editor.caller.persons.create({ names: [{ value: 'Merged Enteredian' }] });
    await reviewer.caller.matching.judge({ a: a.id, b: b.id, verdict: 'same', reason: 'one man' });
    expect((await admin.caller.persons.listDeleted()).map((p) => p.id)).not.toContain(b.id);
    await expect(admin.caller.persons.restore({ id: b.id, version: 2 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
