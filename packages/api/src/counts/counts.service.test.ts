import { countRegistry, ROLES, SENSITIVITIES, type Sensitivity } from '@vigil/domain';
import {
  claims,
  computePersonStatus,
  eventParticipants,
  events,
  persons,
  seedDemoData,
  sources,
  users,
} from '@vigil/db';
import { testDatabaseKind } from '@vigil/db/testing';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { visibleLevels } from '../redaction.ts';
import { createTestApp, type TestApp } from '../testing.ts';

describe(`count claims and the numbers (${testDatabaseKind})`, () => {
  let app: TestApp;
  let viewer: Awaited<ReturnType<TestApp['as']>>;
  beforeAll(async () => {
    app = await createTestApp();
    await seedDemoData(app.db);
    viewer = await app.as('viewer');
  });
  afterAll(async () => app?.close());

  it('shows 23, 223 and about 60 side by side, each with its source', async () => {
    const series = await viewer.caller.counts.series();
    const byValue = Object.fromEntries(series.claims.map((c) => [c.max, c]));
    expect(byValue[23]).toMatchObject({
      asOf: '2025-10-01',
      approximate: false,
      source: { title: expect.stringContaining('Prevention of Torture') },
    });
    expect(byValue[223]).toMatchObject({ asOf: '2021-02-09' });
    expect(byValue[60]).toMatchObject({ approximate: true, claimant: 'Officials of State B' });
  });

  it('shows a caller cleared only for public data no count, claimant or source title, as counts.list shows none', async () => {
    const { caller: editor } = await app.as('editor');
    const source = await editor.sources.create({
      kind: 'official_statement',
      title: 'A public statement of numbers',
      sensitivity: 'public',
    });
    await editor.counts.create({
      sourceId: source.id,
      claimant: 'A public official',
      asOf: '2022-02-02',
      population: 'held_by_state_b',
      populationLabel: 'Held by state B',
      min: 17,
      max: 17,
    });
    const { caller } = await app.as('viewer', 'public');
    const series = await caller.counts.series();
    expect(series.claims).toEqual([]);
    expect(series.populations).toEqual([]);
    const listed = await caller.counts.list({});
    for (const count of listed.items) expect(count).not.toHaveProperty('claimant');
  });

  it('sets beside them what the registry can prove on the same days, every person in one bucket', async () => {
    const series = await viewer.caller.counts.series();
    expect(series.registry.map((r) => r.asOf)).toContain('2021-02-09');
    for (const point of series.registry) {
      const { asOf: _asOf, named, ...buckets } = point;
      expect(Object.values(buckets).reduce((a, b) => a + b, 0)).toBe(named);
    }
    const feb2021 = series.registry.find((r) => r.asOf === '2021-02-09')!;
    expect(feb2021.released).toBeGreaterThanOrEqual(5);
    const latest = series.registry.at(-1)!;
    expect(latest.named).toBeGreaterThanOrEqual(30);
    expect(latest.dead).toBeGreaterThanOrEqual(1);
  });

  it.each(['partner', 'staff', 'restricted'] as const)(
    'counts on each day what each person’s own status says then, from sources a %s-cleared caller may see',
    async (clearance: Sensitivity) => {
      const { caller } = await app.as('viewer', clearance);
      const series = await caller.counts.series();
      const levels = visibleLevels(clearance);
      // The persons taken into custody, as the caller may know them: subjects of a capture or
      // detention that a visible source's accepted claim says happened.
      const taken = await app.db
        .selectDistinct({ id: persons.id })
        .from(persons)
        .innerJoin(eventParticipants, eq(eventParticipants.personId, persons.id))
        .innerJoin(events, eq(events.id, eventParticipants.eventId))
        .innerJoin(claims, eq(claims.eventId, events.id))
        .innerJoin(sources, eq(sources.id, claims.sourceId))
        .where(
          and(
            inArray(events.type, ['capture', 'detention']),
            eq(eventParticipants.role, 'subject'),
            eq(claims.reviewState, 'accepted'),
            isNull(persons.hiddenAt),
            inArray(persons.sensitivity, levels),
            inArray(sources.sensitivity, levels),
          ),
        );
      expect(series.registry.length).toBeGreaterThanOrEqual(4);
      for (const point of series.registry) {
        const now = new Date(`${point.asOf}T23:59:59Z`);
        const statuses = [];
        for (const { id } of taken)
          statuses.push(await computePersonStatus(app.db, id, now, { asOf: point.asOf, levels }));
        const held = statuses.filter(
          (s) => s.liberty.value !== 'unknown' || s.life.value !== 'unknown',
        );
        expect(point).toEqual({ asOf: point.asOf, ...countRegistry(held) });
      }
    },
  );

  describe('TRUST 3: aggregate numbers never reveal who submitted a source or testimony', () => {
    /** Keys that would name a person who entered, reviewed or wrote something. */
    const SUBMITTER_KEY =
      /^(author|submitter|submittedBy|createdBy|enteredBy|enteredByMe|reviewedBy|decidedBy|updatedBy|actorId|userId|user|username|displayName)$/i;

    /** Every key path that is a submitter field, and every value that holds a secret. */
    function findSubmitters(value: unknown, secrets: string[], path = '$'): string[] {
      if (typeof value === 'string')
        return secrets.filter((secret) => value.includes(secret)).map(() => path);
      if (value === null || typeof value !== 'object') return [];
      const entries = Array.isArray(value)
        ? value.map((v, i) => [String(i), v] as const)
        : Object.entries(value as Record<string, unknown>);
      return entries.flatMap(([key, v]) => [
        ...(SUBMITTER_KEY.test(key) ? [`${path}.${key}`] : []),
        ...findSubmitters(v, secrets, `${path}.${key}`),
      ]);
    }

    let secrets: string[];
    let countIds: string[];
    let editor: Awaited<ReturnType<TestApp['as']>>;
    let reviewer: Awaited<ReturnType<TestApp['as']>>;
    beforeAll(async () => {
      // A witness's testimony, entered by one staff member and accepted by another, behind a
      // count and a detention that the registry counts.
      editor = await app.as('editor');
      reviewer = await app.as('reviewer');
      await app.db
        .update(users)
        .set({ displayName: 'Satenik Enteredby' })
        .where(eq(users.id, editor.actor.id));
      await app.db
        .update(users)
        .set({ displayName: 'Gevorg Reviewedby' })
        .where(eq(users.id, reviewer.actor.id));
      const author = 'Witness Hripsime Authorname';
      const testimony = await editor.caller.sources.create({
        kind: 'testimony',
        title: 'Account of a release',
        author,
        side: 'independent',
        reliability: 'B',
        sensitivity: 'public',
      });
      const report = await editor.caller.sources.create({
        kind: 'news_article',
        title: 'Count of the held',
        author,
        publisher: 'Outlet C',
        sensitivity: 'partner',
      });
      const person = await editor.caller.persons.create({
        names: [{ value: 'Levon Countedperson' }],
        sensitivity: 'public',
      });
      const event = await editor.caller.events.create({
        type: 'detention',
        date: '2021-02-01',
        sensitivity: 'public',
        participants: [{ personId: person.id, role: 'subject' }],
      });
      const claim = await editor.caller.claims.create({
        sourceId: testimony.id,
        subjectType: 'event',
        eventId: event.id,
        predicate: 'occurred',
        credibility: 2,
      });
      const task = (await reviewer.caller.review.list({ kind: 'claim' })).items.find(
        (t) => t.claim?.id === claim.id,
      )!;
      await reviewer.caller.review.decide({
        taskId: task.id,
        claimVersion: task.claim!.version,
        outcome: 'accepted',
        reason: 'consistent with the outlet',
      });
      const counts = [];
      for (const source of [testimony, report])
        counts.push(
          await editor.caller.counts.create({
            sourceId: source.id,
            claimant: 'Ombudsman of State A',
            asOf: '2021-02-09',
            population: 'held_by_state_b',
            populationLabel: 'Held by State B',
            min: 40,
            max: 41,
          }),
        );
      const edited = await editor.caller.counts.update({
        id: counts[0]!.id,
        version: counts[0]!.version,
        patch: { max: 42 },
      });
      countIds = counts.map((c) => c.id);
      const [stored] = await app.db.select().from(claims).where(eq(claims.id, claim.id));
      expect(stored).toMatchObject({ enteredBy: editor.actor.id, reviewedBy: reviewer.actor.id });
      expect(edited.max).toBe(42);
      secrets = [
        ...[editor, reviewer].flatMap(({ actor }) => [actor.id, actor.username]),
        'Satenik Enteredby',
        'Gevorg Reviewedby',
        author,
      ];
    });

    const callers = ROLES.flatMap((role) =>
      SENSITIVITIES.map((clearance) => ({ role, clearance })),
    );
    it.each(callers)(
      'shows a $role cleared for $clearance no submitter in the series, the list or a count',
      async ({ role, clearance }) => {
        const { caller } = await app.as(role, clearance);
        const series = await caller.counts.series();
        const list = await caller.counts.list({ limit: 500 });
        const visible = list.items.filter((c) => countIds.includes(c.id));
        const single = await Promise.all(visible.map((c) => caller.counts.get({ id: c.id })));
        // The testimony is public: every caller cleared for a count's fields (partner) sees its
        // count, and every caller sees the registry's numbers.
        expect(series.claims.some((c) => countIds.includes(c.id))).toBe(clearance !== 'public');
        expect(series.registry.at(-1)!.named).toBeGreaterThan(0);
        expect(visible.length).toBeGreaterThanOrEqual(1);
        expect(findSubmitters({ series, list, single }, secrets)).toEqual([]);
      },
    );

    it('shows the staff who entered and reviewed the data no submitter either', async () => {
      for (const { caller } of [editor, reviewer]) {
        const series = await caller.counts.series({ population: 'held_by_state_b' });
        const list = await caller.counts.list({ population: 'held_by_state_b' });
        expect(list.items.map((c) => c.id)).toEqual(expect.arrayContaining(countIds));
        expect(findSubmitters({ series, list }, secrets)).toEqual([]);
      }
    });

    it('finds a submitter field or value wherever it is nested', () => {
      expect(findSubmitters({ a: [{ b: { enteredBy: 'x' } }, 'by Witness'] }, ['Witness'])).toEqual(
        ['$.a.0.b.enteredBy', '$.a.1'],
      );
    });
  });

  it('refuses a count whose maximum is below its minimum, naming the field', async () => {
    const editor = await app.as('editor');
    const source = await editor.caller.sources.create({
      kind: 'official_statement',
      title: 'Statement',
    });
    await expect(
      editor.caller.counts.create({
        sourceId: source.id,
        claimant: 'Someone',
        asOf: '2021',
        population: 'held_by_state_b',
        populationLabel: 'Held',
        min: 10,
        max: 5,
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('max: must be at least the minimum'),
    });
  });
});
