import { findDuplicateTasks, pairKey, personNames, persons, reviewTasks } from '@vigil/db';
import { testDatabaseKind } from '@vigil/db/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing.ts';

describe(`duplicates and judgements (${testDatabaseKind})`, () => {
  let app: TestApp;
  let editor: Awaited<ReturnType<TestApp['as']>>;
  let reviewer: Awaited<ReturnType<TestApp['as']>>;
  beforeAll(async () => {
    app = await createTestApp();
    editor = await app.as('editor');
    reviewer = await app.as('reviewer');
  });
  afterAll(async () => app?.close());

  async function twoRecordsOfOneMan() {
    const a = await editor.caller.persons.create({
      names: [{ value: 'Hovhannes Ghazaryan' }],
      birthDate: '1991-04-02',
    });
    const b = await editor.caller.persons.create({
      names: [{ value: 'Ованес Казарян' }],
      birthDate: '1991-04-02',
    });
    const source = await editor.caller.sources.create({ kind: 'official_list', title: 'A list' });
    const event = await editor.caller.events.create({
      type: 'capture',
      date: '2020-12',
      participants: [{ personId: b.id }],
    });
    const claim = await editor.caller.claims.create({
      sourceId: source.id,
      subjectType: 'event',
      eventId: event.id,
      predicate: 'occurred',
    });
    return { a, b, event, claim };
  }

  it('finds likely duplicates in the registry and opens one task per pair', async () => {
    const { a, b } = await twoRecordsOfOneMan();
    await findDuplicateTasks(app.db);
    await findDuplicateTasks(app.db);
    const tasks = await app.db
      .select()
      .from(reviewTasks)
      .where(and(eq(reviewTasks.kind, 'duplicate'), eq(reviewTasks.state, 'open')));
    const pair = tasks.filter(
      (t) => [t.personId, t.otherPersonId].sort().join() === [a.id, b.id].sort().join(),
    );
    expect(pair).toHaveLength(1);
  });

  it('shows two persons side by side with the features that matched', async () => {
    const { a, b } = await twoRecordsOfOneMan();
    const pair = await reviewer.caller.matching.pair({ a: a.id, b: b.id });
    expect(pair.score).toBeGreaterThan(0.9);
    expect(Object.keys(pair.features).length).toBeGreaterThan(0);
    expect(pair.a.primaryName).toBe('Hovhannes Ghazaryan');
  });

  it('compares a pair for a partner-cleared reader only on what they may read: no father’s name, place or identifier', async () => {
    const record = {
      names: [{ value: 'Gurgen Paruyryan' }],
      birthDate: '1984',
      fatherName: 'Smbat',
      birthPlace: 'Sisian',
      identifiers: [{ kind: 'service_number' as const, value: 'SN-4242' }],
    };
    const a = await editor.caller.persons.create(record);
    const b = await editor.caller.persons.create(record);
    const staff = await reviewer.caller.matching.pair({ a: a.id, b: b.id });
    expect(staff.features).toMatchObject({
      father: expect.any(Number),
      place: expect.any(Number),
      identifiers: expect.any(Number),
    });
    expect(
      Math.min(staff.features.father!, staff.features.place!, staff.features.identifiers!),
    ).toBeGreaterThan(0);
    const partner = await app.as('reviewer', 'partner');
    const seen = await partner.caller.matching.pair({ a: a.id, b: b.id });
    expect(seen.features.father ?? 0).toBe(0);
    expect(seen.features.place ?? 0).toBe(0);
    expect(seen.features.identifiers ?? 0).toBe(0);
    expect(seen.score!).toBeLessThan(staff.score!);
  });

  it('merges on "same" without losing any name, claim or event, and undoes the merge', async () => {
    const { a, b, event, claim } = await twoRecordsOfOneMan();
    const judged = await reviewer.caller.matching.judge({
      a: a.id,
      b: b.id,
      verdict: 'same',
      reason: 'same birth date and unit',
    });
    const merged = await reviewer.caller.persons.get({ id: a.id });
    expect(merged.names.map((n) => n.value).sort()).toEqual([
      'Hovhannes Ghazaryan',
      'Ованес Казарян',
    ]);
    expect(
      (await reviewer.caller.events.list({ personId: a.id })).items.map((e) => e.id),
    ).toContain(event.id);
    await expect(reviewer.caller.persons.get({ id: b.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await reviewer.caller.persons.list({ q: 'Казарян' })).items.map((p) => p.id)).toEqual(
      expect.arrayContaining([a.id]),
    );

    await reviewer.caller.matching.undo({ judgementId: judged.judgementId });
    const restored = await reviewer.caller.persons.get({ id: b.id });
    expect(restored.names.map((n) => n.value)).toEqual(['Ованес Казарян']);
    expect(
      (await reviewer.caller.events.list({ personId: b.id })).items.map((e) => e.id),
    ).toContain(event.id);
    expect((await reviewer.caller.persons.get({ id: a.id })).names.map((n) => n.value)).toEqual([
      'Hovhannes Ghazaryan',
    ]);
    expect((await reviewer.caller.claims.get({ id: claim.id })).id).toBe(claim.id);
  });

  it('reads a merged pair back with its merge, and compares it again once undone', async () => {
    const { a, b } = await twoRecordsOfOneMan();
    const judged = await reviewer.caller.matching.judge({
      a: a.id,
      b: b.id,
      verdict: 'same',
      reason: 'same birth date in both',
    });

    const merged = await reviewer.caller.matching.pair({ a: a.id, b: b.id });
    expect(merged.a).toMatchObject({ id: a.id, mergedInto: null, merge: null });
    expect(merged.b).toMatchObject({
      id: b.id,
      mergedInto: a.id,
      merge: { id: judged.mergeId, judgementId: judged.judgementId },
      primaryName: 'Ованес Казарян',
    });
    expect(merged.score).toBeNull();
    expect(merged.judgements.map((j) => j.id)).toEqual([judged.judgementId]);
    // Asked the other way round, the same merge is told from the other side.
    const reversed = await reviewer.caller.matching.pair({ a: b.id, b: a.id });
    expect(reversed.a).toMatchObject({ id: b.id, mergedInto: a.id });
    expect(reversed.b).toMatchObject({ id: a.id, mergedInto: null });

    // The kept record's page can say it holds another record, and lead to the pair.
    expect(await reviewer.caller.matching.merges({ personId: a.id })).toEqual([
      { mergedId: b.id, judgementId: judged.judgementId, mergedAt: expect.any(Date) },
    ]);

    const merge = merged.b.mergedInto === null ? null : merged.b.merge;
    await reviewer.caller.matching.undo({ judgementId: merge!.judgementId });
    expect(await reviewer.caller.matching.merges({ personId: a.id })).toEqual([]);
    const restored = await reviewer.caller.matching.pair({ a: a.id, b: b.id });
    expect(restored.a).toMatchObject({ id: a.id, mergedInto: null, merge: null });
    expect(restored.b).toMatchObject({
      id: b.id,
      mergedInto: null,
      merge: null,
      primaryName: 'Ованес Казарян',
    });
    expect(restored.score).toBeGreaterThan(0.9);
    expect(restored.judgements[0]).toMatchObject({ id: judged.judgementId });
    expect(restored.judgements[0]!.undoneAt).not.toBeNull();
  });

  it('refuses to judge a pair again while one of them is merged', async () => {
    const { a, b } = await twoRecordsOfOneMan();
    await reviewer.caller.matching.judge({ a: a.id, b: b.id, verdict: 'same', reason: 'same man' });
    await expect(
      reviewer.caller.matching.judge({ a: a.id, b: b.id, verdict: 'same', reason: 'again' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('answers NOT_FOUND for a person that does not exist', async () => {
    const { a } = await twoRecordsOfOneMan();
    await expect(
      reviewer.caller.matching.pair({ a: a.id, b: '00000000-0000-4000-8000-000000000000' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('tells nobody of a merge into, or of, a record above their clearance', async () => {
    const { caller: admin } = await app.as('admin');
    const create = (value: string, sensitivity: 'restricted' | 'partner') =>
      admin.persons.create({ names: [{ value }], birthDate: '1990-01-01', sensitivity });
    const restrictedSurvivor = await create('Vardan Example-Restricted', 'restricted');
    const mergedIntoRestricted = await create('Vardan Example-Ordinary', 'partner');
    const survivor = await create('Tigran Example-Ordinary', 'partner');
    const restrictedMerged = await create('Tigran Example-Restricted', 'restricted');
    for (const [a, b] of [
      [restrictedSurvivor, mergedIntoRestricted],
      [survivor, restrictedMerged],
    ] as const) {
      await admin.matching.judge({ a: a.id, b: b.id, verdict: 'same', reason: 'one man' });
      // The admin is cleared for both records and reads the merge.
      expect((await admin.matching.pair({ a: a.id, b: b.id })).b).toMatchObject({
        mergedInto: a.id,
      });
    }
    const bystander = await editor.caller.persons.create({ names: [{ value: 'Aram Example' }] });
    // A staff-cleared reviewer learns neither where a visible record went, nor of a hidden one.
    for (const hidden of [mergedIntoRestricted, restrictedMerged]) {
      await expect(
        reviewer.caller.matching.pair({ a: bystander.id, b: hidden.id }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    await expect(
      reviewer.caller.matching.pair({ a: survivor.id, b: restrictedMerged.id }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // Nor does the page of the record they see tell of the restricted one merged into it.
    expect(await reviewer.caller.matching.merges({ personId: survivor.id })).toEqual([]);
    expect(await admin.matching.merges({ personId: survivor.id })).toHaveLength(1);
    await expect(
      reviewer.caller.matching.merges({ personId: restrictedSurvivor.id }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lets nobody undo a judgement of records above their clearance, or learn that it exists', async () => {
    const { caller: admin } = await app.as('admin');
    const create = (value: string) =>
      admin.persons.create({
        names: [{ value }],
        birthDate: '1988-03-03',
        sensitivity: 'restricted',
      });
    const a = await create('Samvel Example-Hidden');
    const b = await create('Самвел Пример-Скрытый');
    const { judgementId } = await admin.matching.judge({
      a: a.id,
      b: b.id,
      verdict: 'same',
      reason: 'one man',
    });
    await expect(reviewer.caller.matching.undo({ judgementId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    // Nothing changed: the merge stands, and its judge can still undo it.
    expect((await admin.matching.pair({ a: a.id, b: b.id })).b).toMatchObject({ mergedInto: a.id });
    await expect(admin.matching.undo({ judgementId })).resolves.toMatchObject({ unmerged: true });
  });

  it('leads a record merged into a record that was merged in turn to where both live on now', async () => {
    const create = (value: string) =>
      editor.caller.persons.create({ names: [{ value }], birthDate: '1979-09-09' });
    const first = await create('Levon Example-Chain');
    const second = await create('Левон Пример-Цепь');
    const third = await create('Levon Primer-Chain');
    await reviewer.caller.matching.judge({
      a: second.id,
      b: third.id,
      verdict: 'same',
      reason: 'one man',
    });
    await reviewer.caller.matching.judge({
      a: first.id,
      b: second.id,
      verdict: 'same',
      reason: 'one man',
    });
    const pair = await reviewer.caller.matching.pair({ a: second.id, b: third.id });
    expect(pair.a).toMatchObject({ mergedInto: first.id, current: first.id });
    expect(pair.b).toMatchObject({ mergedInto: second.id, current: first.id });
  });

  it('folds repeated requests for a scan within a minute into one scan', async () => {
    // Requests share a scan within one minute's slot: keep clear of a slot's end.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 50_000) await new Promise((r) => setTimeout(r, 61_000 - intoMinute));
    const scans = async () =>
      (await app.queue.stats()).find((q) => q.name === 'matching.find-duplicates')!.total;
    const before = await scans();
    await expect(reviewer.caller.matching.scan()).resolves.toEqual({ queued: true });
    await expect(reviewer.caller.matching.scan()).resolves.toEqual({ queued: false });
    expect(await scans()).toBe(before + 1);
  });

  it('never suggests a pair again once judged different', async () => {
    const { a, b } = await twoRecordsOfOneMan();
    await reviewer.caller.matching.judge({
      a: a.id,
      b: b.id,
      verdict: 'different',
      reason: 'different fathers',
    });
    await findDuplicateTasks(app.db);
    const open = await app.db
      .select()
      .from(reviewTasks)
      .where(and(eq(reviewTasks.kind, 'duplicate'), eq(reviewTasks.state, 'open')));
    expect(
      open.some(
        (t) =>
          [t.personId, t.otherPersonId].includes(a.id) &&
          [t.personId, t.otherPersonId].includes(b.id),
      ),
    ).toBe(false);
    expect(await app.db.select().from(persons).where(eq(persons.id, b.id))).toHaveLength(1);
    expect(
      await app.db.select().from(personNames).where(eq(personNames.personId, b.id)),
    ).toHaveLength(1);
  });

  it("closes the pair's duplicate task with the reviewer's verdict and reason, also when it merges", async () => {
    for (const verdict of ['same', 'unsure'] as const) {
      const { a, b } = await twoRecordsOfOneMan();
      await findDuplicateTasks(app.db);
      const pairTask = and(
        eq(reviewTasks.kind, 'duplicate'),
        eq(reviewTasks.dedupeKey, `duplicate:${pairKey(a.id, b.id)}`),
      );
      expect(await app.db.select().from(reviewTasks).where(pairTask)).toHaveLength(1);
      await reviewer.caller.matching.judge({
        a: a.id,
        b: b.id,
        verdict,
        reason: 'the same unit and birth date in both lists',
      });
      const [task] = await app.db.select().from(reviewTasks).where(pairTask);
      expect(task).toMatchObject({
        state: 'done',
        reason: `${verdict}: the same unit and birth date in both lists`,
        assigneeId: reviewer.actor.id,
      });
    }
  });
});
