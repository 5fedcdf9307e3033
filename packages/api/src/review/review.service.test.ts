import { auditEntries, claims, findDuplicateTasks, recomputePersonStatus } from '@vigil/db';
import { testDatabaseKind } from '@vigil/db/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing.ts';

describe(`review workflow (${testDatabaseKind})`, () => {
  let app: TestApp;
  let editor: Awaited<ReturnType<TestApp['as']>>;
  let reviewer: Awaited<ReturnType<TestApp['as']>>;
  beforeAll(async () => {
    app = await createTestApp();
    editor = await app.as('editor');
    reviewer = await app.as('reviewer');
  });
  afterAll(async () => app?.close());

  async function enterCapture() {
    const person = await editor.caller.persons.create({ names: [{ value: 'Vardan Melkonyan' }] });
    const source = await editor.caller.sources.create({
      kind: 'news_article',
      title: 'Report of captures',
      publisher: 'Outlet A',
      side: 'independent',
      reliability: 'B',
    });
    const event = await editor.caller.events.create({
      type: 'capture',
      date: '2020-12-13',
      participants: [{ personId: person.id, role: 'subject' }],
    });
    const claim = await editor.caller.claims.create({
      sourceId: source.id,
      subjectType: 'event',
      eventId: event.id,
      predicate: 'occurred',
      credibility: 2,
    });
    const { items } = await reviewer.caller.review.list({ kind: 'claim' });
    const task = items.find((t) => t.claim?.id === claim.id)!;
    return { person, source, event, claim, task };
  }

  it('puts an entered claim in the review queue, pending, with its source', async () => {
    const { claim, task, source } = await enterCapture();
    expect(claim.reviewState).toBe('pending');
    expect(task).toMatchObject({
      kind: 'claim',
      state: 'open',
      source: { id: source.id, title: 'Report of captures' },
    });
  });

  it('refuses the person who entered a claim as its reviewer (four eyes), and changes nothing', async () => {
    const admin = await app.as('admin');
    const person = await admin.caller.persons.create({ names: [{ value: 'Aram Simonyan' }] });
    const source = await admin.caller.sources.create({ kind: 'testimony', title: 'Testimony' });
    const claim = await admin.caller.claims.create({
      sourceId: source.id,
      subjectType: 'person',
      personId: person.id,
      predicate: 'legal_category',
      value: 'hostage',
    });
    const task = (await admin.caller.review.list({ kind: 'claim' })).items.find(
      (t) => t.claim?.id === claim.id,
    )!;
    expect(task.claim?.enteredByMe).toBe(true);
    await expect(
      admin.caller.review.decide({
        taskId: task.id,
        claimVersion: task.claim!.version,
        outcome: 'accepted',
        reason: 'looks right',
      }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('four eyes'),
    });
    const [stored] = await app.db.select().from(claims).where(eq(claims.id, claim.id));
    expect(stored?.reviewState).toBe('pending');
  });

  it('refuses whoever corrected a claim as its reviewer: the claim as it now reads is theirs', async () => {
    const admin = await app.as('admin');
    const person = await editor.caller.persons.create({ names: [{ value: 'Aram Correctoryan' }] });
    const source = await editor.caller.sources.create({ kind: 'testimony', title: 'Testimony' });
    const claim = await editor.caller.claims.create({
      sourceId: source.id,
      subjectType: 'person',
      personId: person.id,
      predicate: 'legal_category',
      value: 'hostage',
    });
    const corrected = await admin.caller.claims.update({
      id: claim.id,
      version: claim.version,
      patch: { value: 'prisoner_of_war' },
    });
    const task = (await admin.caller.review.list({ kind: 'claim' })).items.find(
      (t) => t.claim?.id === claim.id,
    )!;
    expect(task.claim?.enteredByMe).toBe(true);
    await expect(
      admin.caller.review.decide({
        taskId: task.id,
        claimVersion: corrected.version,
        outcome: 'accepted',
        reason: 'my own correction',
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('four eyes') });
  });

  it('does not let an editor decide reviews at all', async () => {
    const { task } = await enterCapture();
    await expect(
      editor.caller.review.decide({
        taskId: task.id,
        claimVersion: task.claim!.version,
        outcome: 'accepted',
        reason: 'fine',
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('changes the person’s derived status when a reviewer accepts, with the reason shown', async () => {
    const { person, task } = await enterCapture();
    expect((await reviewer.caller.persons.get({ id: person.id })).status.liberty.value).toBe(
      'unknown',
    );
    await reviewer.caller.review.decide({
      taskId: task.id,
      claimVersion: task.claim!.version,
      outcome: 'accepted',
      reason: 'Outlet A is reliable and names the place',
    });
    const after = await reviewer.caller.persons.get({ id: person.id });
    expect(after.status.liberty.value).toBe('held');
    expect(after.status.liberty.reasons.map((r) => r.text).join(' ')).toContain(
      'Report of captures',
    );
    const audit = await app.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.entity, 'claim'), eq(auditEntries.action, 'decide')));
    expect(audit.some((a) => a.actorId === reviewer.actor.id)).toBe(true);
  });

  it('keeps a rejected claim, shown as rejected, and it does not change the status', async () => {
    const { person, task, claim } = await enterCapture();
    await reviewer.caller.review.decide({
      taskId: task.id,
      claimVersion: task.claim!.version,
      outcome: 'rejected',
      reason: 'The video shows someone else',
    });
    expect((await reviewer.caller.claims.get({ id: claim.id })).reviewState).toBe('rejected');
    expect((await reviewer.caller.persons.get({ id: person.id })).status.liberty.value).toBe(
      'unknown',
    );
  });

  it('refuses to decide a task twice', async () => {
    const { task } = await enterCapture();
    await reviewer.caller.review.decide({
      taskId: task.id,
      claimVersion: task.claim!.version,
      outcome: 'needs_evidence',
      reason: 'Need the original video',
    });
    const other = await app.as('reviewer');
    await expect(
      other.caller.review.decide({
        taskId: task.id,
        claimVersion: task.claim!.version,
        outcome: 'accepted',
        reason: 'ok then',
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses a decision on a claim edited after the reviewer opened it, and changes nothing', async () => {
    const { task, claim } = await enterCapture();
    // The reviewer reads the task; meanwhile the editor changes what the claim says.
    const edited = await editor.caller.claims.update({
      id: claim.id,
      version: task.claim!.version,
      patch: { excerpt: 'Says another place now' },
    });
    await expect(
      reviewer.caller.review.decide({
        taskId: task.id,
        claimVersion: task.claim!.version,
        outcome: 'accepted',
        reason: 'matches what I read',
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('changed') });
    expect((await reviewer.caller.claims.get({ id: claim.id })).reviewState).toBe('pending');
    // Without the version the decision is refused as bad input, naming it.
    await expect(
      reviewer.caller.review.decide({ taskId: task.id, outcome: 'accepted', reason: 'fine' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('claimVersion'),
    });
    // Read again, it can be decided.
    const reread = (await reviewer.caller.review.list({ kind: 'claim' })).items.find(
      (t) => t.claim?.id === claim.id,
    )!;
    expect(reread.claim!.version).toBe(edited.version);
    await reviewer.caller.review.decide({
      taskId: reread.id,
      claimVersion: reread.claim!.version,
      outcome: 'accepted',
      reason: 'matches what I read now',
    });
  });

  it('sends an edited claim back to review', async () => {
    const { task, claim } = await enterCapture();
    await reviewer.caller.review.decide({
      taskId: task.id,
      claimVersion: task.claim!.version,
      outcome: 'accepted',
      reason: 'fine',
    });
    const accepted = await editor.caller.claims.get({ id: claim.id });
    const edited = await editor.caller.claims.update({
      id: claim.id,
      version: accepted.version,
      patch: { excerpt: 'new excerpt' },
    });
    expect(edited.reviewState).toBe('pending');
    const open = (await reviewer.caller.review.list({ kind: 'claim' })).items.filter(
      (t) => t.claim?.id === claim.id,
    );
    expect(open).toHaveLength(1);
  });

  it('opens a contact-lost task for a held person with no proof of life beyond the window', async () => {
    const { person, task } = await enterCapture();
    await reviewer.caller.review.decide({
      taskId: task.id,
      claimVersion: task.claim!.version,
      outcome: 'accepted',
      reason: 'fine',
    });
    const status = await recomputePersonStatus(app.db, person.id, new Date('2026-11-25'));
    expect(status?.flags.contactLost).toBe(true);
    await recomputePersonStatus(app.db, person.id, new Date('2026-11-25'));
    const tasks = (await reviewer.caller.review.list({ kind: 'contact_lost' })).items.filter(
      (t) => t.person?.id === person.id,
    );
    expect(tasks).toHaveLength(1);
  });

  it('gives a person the name an accepted claim gives them, once, and finds them by it', async () => {
    const person = await editor.caller.persons.create({ names: [{ value: 'Grigor Namelessyan' }] });
    const source = await editor.caller.sources.create({ kind: 'testimony', title: 'A letter' });
    const nameClaim = (value: string) =>
      editor.caller.claims.create({
        sourceId: source.id,
        subjectType: 'person',
        personId: person.id,
        predicate: 'name',
        value,
        credibility: 2,
      });
    const accept = async (claimId: string) => {
      const { items } = await reviewer.caller.review.list({ personId: person.id });
      const task = items.find((t) => t.claim?.id === claimId)!;
      await reviewer.caller.review.decide({
        taskId: task.id,
        claimVersion: task.claim!.version,
        outcome: 'accepted',
        reason: 'the letter is signed so',
      });
    };
    const pending = await nameClaim('Գրիգոր Նեյմլեսյան');
    expect((await editor.caller.persons.get({ id: person.id })).names).toHaveLength(1);

    await accept(pending.id);
    const { names } = await editor.caller.persons.get({ id: person.id });
    expect(names.map((n) => [n.value, n.script, n.kind])).toEqual([
      ['Grigor Namelessyan', 'latin', 'legal'],
      ['Գրիգոր Նեյմլեսյան', 'armenian', 'alias'],
    ]);
    const found = await editor.caller.persons.list({ q: 'Նեյմլեսյան' });
    expect(found.items.map((p) => p.id)).toContain(person.id);

    // A second source giving a spelling the person already bears adds nothing.
    await accept((await nameClaim(' grigor namelessyan ')).id);
    expect((await editor.caller.persons.get({ id: person.id })).names).toHaveLength(2);
  });

  it('lists the open questions about one person: their claims, their events’ claims and their tasks', async () => {
    const { person, event, claim, task } = await enterCapture();
    const nameClaim = await editor.caller.claims.create({
      sourceId: task.source!.id,
      subjectType: 'person',
      personId: person.id,
      predicate: 'name',
      value: 'Վարդան Մելքոնյան',
      credibility: 2,
    });
    // Another person in the same capture shares its claim; a third person's claim is not theirs.
    const other = await editor.caller.persons.create({ names: [{ value: 'Levon Melkonyan' }] });
    await editor.caller.events.update({
      id: event.id,
      version: event.version,
      patch: {
        participants: [
          { personId: person.id, role: 'subject' },
          { personId: other.id, role: 'subject' },
        ],
      },
    });
    const unrelated = await enterCapture();

    const about = async (personId: string) =>
      (await reviewer.caller.review.list({ personId })).items.map((t) => t.claim?.id).sort();
    expect(await about(person.id)).toEqual([claim.id, nameClaim.id].sort());
    expect(await about(other.id)).toEqual([claim.id]);
    expect(await about(unrelated.person.id)).toEqual([unrelated.claim.id]);

    // A possible duplicate is a question about both persons of the pair.
    const twin = await editor.caller.persons.create({ names: [{ value: 'Վարդան Մելքոնյան' }] });
    await findDuplicateTasks(app.db);
    const kinds = async (personId: string) =>
      (await reviewer.caller.review.list({ personId })).items
        .filter((t) => t.kind === 'duplicate')
        .map((t) => [t.person?.id, t.otherPerson?.id].sort());
    expect(await kinds(twin.id)).toContainEqual([person.id, twin.id].sort());
    expect(await kinds(person.id)).toContainEqual([person.id, twin.id].sort());
  });

  it('shows a task about a person above the reviewer’s clearance to nobody but those cleared', async () => {
    const { caller: admin } = await app.as('admin');
    const create = (value: string) =>
      admin.persons.create({
        names: [{ value }],
        birthDate: '1977-07-07',
        sensitivity: 'restricted',
      });
    const a = await create('Hrant Melikyan');
    const b = await create('Грант Меликян');
    await findDuplicateTasks(app.db);
    const aboutPair = <
      T extends { person: { id: string } | null; otherPerson: { id: string } | null },
    >(
      items: T[],
    ) =>
      items.filter(
        (t) => [t.person?.id, t.otherPerson?.id].sort().join() === [a.id, b.id].sort().join(),
      );
    const cleared = aboutPair(
      (await admin.review.list({ kind: 'duplicate', personId: a.id })).items,
    );
    expect(cleared).toHaveLength(1);
    const taskId = cleared[0]!.id;
    expect(
      aboutPair((await reviewer.caller.review.list({ kind: 'duplicate', personId: a.id })).items),
    ).toEqual([]);
    await expect(reviewer.caller.review.assign({ taskId, assign: true })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      reviewer.caller.review.decide({ taskId, outcome: 'rejected', reason: 'not the same man' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
