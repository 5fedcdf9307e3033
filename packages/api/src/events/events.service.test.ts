import { testDatabaseKind } from '@vigil/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing.ts';

describe(`events corrected by staff (${testDatabaseKind})`, () => {
  let app: TestApp;
  let editor: Awaited<ReturnType<TestApp['as']>>;
  beforeAll(async () => {
    app = await createTestApp();
    editor = await app.as('editor');
  });
  afterAll(async () => app?.close());

  const newPerson = (value: string) => editor.caller.persons.create({ names: [{ value }] });
  const recomputesOf = async (personId: string) =>
    (await app.queue.boss.findJobs('persons.recompute-status', { data: { personId } })).length;

  it('corrects the date, place and parties of an event, and keeps its persons', async () => {
    const person = await newPerson('Aram Correctedyan');
    const event = await editor.caller.events.create({
      type: 'capture',
      date: '2020-11',
      place: 'Near a fictional village',
      participants: [{ personId: person.id }],
    });
    const corrected = await editor.caller.events.update({
      id: event.id,
      version: event.version,
      patch: { date: '2020-11-09', actingParty: 'State B forces', place: null },
    });
    expect(corrected).toMatchObject({
      date: '2020-11-09',
      actingParty: 'State B forces',
      place: null,
      version: event.version + 1,
      participants: [{ personId: person.id, role: 'subject' }],
    });
  });

  it('refuses a date to come, on an event entered or corrected, and changes nothing', async () => {
    const person = await newPerson('Aram Futureyan');
    await expect(
      editor.caller.events.create({
        type: 'capture',
        date: '2030-01-01',
        participants: [{ personId: person.id }],
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'date: is in the future' });
    const event = await editor.caller.events.create({
      type: 'capture',
      date: '2020-12-13',
      participants: [{ personId: person.id }],
    });
    await expect(
      editor.caller.events.update({
        id: event.id,
        version: event.version,
        patch: { date: '2030' },
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'patch.date: is in the future' });
    expect(await editor.caller.events.get({ id: event.id })).toMatchObject({
      date: '2020-12-13',
      version: event.version,
    });
  });

  it('recomputes the status of every person the event involved, before and after', async () => {
    const [kept, removed, added] = await Promise.all([
      newPerson('Vahe Keptyan'),
      newPerson('Vahe Removedyan'),
      newPerson('Vahe Addedyan'),
    ]);
    const event = await editor.caller.events.create({
      type: 'release',
      date: '2021-01',
      participants: [{ personId: kept.id }, { personId: removed.id }],
    });
    await editor.caller.events.update({
      id: event.id,
      version: event.version,
      patch: { participants: [{ personId: kept.id }, { personId: added.id }] },
    });
    expect(await recomputesOf(kept.id)).toBe(1);
    expect(await recomputesOf(removed.id)).toBe(1);
    expect(await recomputesOf(added.id)).toBe(1);
  });

  it('keeps the persons the caller may not see when they correct the persons they see', async () => {
    const cleared = await app.as('editor', 'restricted');
    const [seen, unseen] = await Promise.all([
      newPerson('Gurgen Seenyan'),
      cleared.caller.persons.create({
        names: [{ value: 'Restricted Unseenyan' }],
        sensitivity: 'restricted',
      }),
    ]);
    const event = await cleared.caller.events.create({
      type: 'exchange',
      date: '2021-02',
      participants: [{ personId: seen.id }, { personId: unseen.id }],
    });
    const partial = await editor.caller.events.get({ id: event.id });
    expect(partial.participants.map((p) => p.personId)).toEqual([seen.id]);
    await editor.caller.events.update({
      id: event.id,
      version: partial.version,
      patch: { participants: [{ personId: seen.id, role: 'witness' }] },
    });
    const whole = await cleared.caller.events.get({ id: event.id });
    expect(
      whole.participants
        .map(({ personId, role }) => ({ personId, role }))
        .sort((a, b) => a.personId.localeCompare(b.personId)),
    ).toEqual(
      [
        { personId: seen.id, role: 'witness' },
        { personId: unseen.id, role: 'subject' },
      ].sort((a, b) => a.personId.localeCompare(b.personId)),
    );
  });

  it('refuses a stale correction with CONFLICT, enqueues nothing, and changes nothing', async () => {
    const person = await newPerson('Karo Staleventyan');
    const event = await editor.caller.events.create({
      type: 'capture',
      date: '2020-10',
      participants: [{ personId: person.id }],
    });
    await editor.caller.events.update({
      id: event.id,
      version: event.version,
      patch: { date: '2020-10-20' },
    });
    await expect(
      editor.caller.events.update({
        id: event.id,
        version: event.version,
        patch: { date: '2020-10-21' },
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await editor.caller.events.get({ id: event.id })).date).toBe('2020-10-20');
    expect(await recomputesOf(person.id)).toBe(1);
  });

  it('names the field of a date it cannot read', async () => {
    const person = await newPerson('Gor Baddateyan');
    const event = await editor.caller.events.create({
      type: 'capture',
      participants: [{ personId: person.id }],
    });
    await expect(
      editor.caller.events.update({
        id: event.id,
        version: event.version,
        patch: { date: 'last autumn' },
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', cause: { issues: [{ field: 'patch.date' }] } });
  });
});
