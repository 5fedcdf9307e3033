import { claims, persons, recomputePersonStatus } from '@vigil/db';
import { testDatabaseKind } from '@vigil/db/testing';
import { TRPCError } from '@trpc/server';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from './router.ts';
import { createTestApp, type TestApp } from './testing.ts';

/**
 * TRUST 1 and 2, swept: a caller cleared only for partner-level data calls every procedure it
 * may read through, with every filter we can think of aimed at records and fields above that
 * clearance, and nothing of them may come back — not in an item, a count, a score or an error.
 */

type AnyProcedure = { _def: { type: 'query' | 'mutation' | 'subscription' } };
const queries = Object.entries(appRouter._def.procedures as unknown as Record<string, AnyProcedure>)
  .filter(([, procedure]) => procedure._def.type === 'query')
  .map(([path]) => path);

/** Every string in a value, deeply (keys too: a field's name may tell as much as its value). */
function textOf(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v instanceof Date ? v.toISOString() : v));
}

describe(`what a partner-cleared caller can learn (${testDatabaseKind})`, () => {
  let app: TestApp;
  /** Values that only a caller cleared above `partner` may see. */
  const secrets: string[] = [];
  let openId = '';
  /** Inputs aimed at the secrets, tried on every query. */
  const inputs: Record<string, unknown>[] = [{}];

  beforeAll(async () => {
    app = await createTestApp();
    const { caller: admin } = await app.as('admin', 'restricted');
    // A restricted person, with everything about them.
    const hidden = await admin.persons.create({
      names: [{ value: 'Zzhidden Leakyan' }, { value: 'Զզթաքուն Լեքյան' }],
      sensitivity: 'restricted',
      birthDate: '1988-08-08',
      fatherName: 'Leakfather',
      birthPlace: 'Leakplace',
      familyContact: 'LEAK-CONTACT +374 10 000000',
      notes: 'LEAK-NOTE',
      identifiers: [{ kind: 'service_number', value: 'LEAK-ID-1' }],
    });
    const hiddenTwin = await admin.persons.create({
      names: [{ value: 'Zzhidden Leakyan' }],
      sensitivity: 'restricted',
      birthDate: '1988-08-08',
    });
    // A person partners may see, whose staff and restricted fields they may not.
    const open = await admin.persons.create({
      names: [{ value: 'Openly Partneryan' }],
      sensitivity: 'partner',
      birthDate: '1990-01-01',
      fatherName: 'Staffather',
      birthPlace: 'Staffplace',
      familyContact: 'STAFF-CONTACT +374 10 111111',
      notes: 'STAFF-NOTE',
      identifiers: [{ kind: 'service_number', value: 'STAFF-ID-1' }],
    });
    const openTwin = await admin.persons.create({
      names: [{ value: 'Openly Partneryan' }],
      sensitivity: 'partner',
      birthDate: '1990-01-01',
      fatherName: 'Staffather',
      birthPlace: 'Staffplace',
    });
    await app.db
      .update(persons)
      .set({ status: { liberty: { value: 'held' }, life: { value: 'alive' } } })
      .where(inArray(persons.id, [hidden.id, hiddenTwin.id]));
    const hiddenSource = await admin.sources.create({
      kind: 'testimony',
      title: 'LEAK-SOURCE-TITLE',
      publisher: 'LEAK-PUBLISHER',
      author: 'LEAK-AUTHOR',
      sensitivity: 'restricted',
    });
    const openSource = await admin.sources.create({
      kind: 'news_article',
      title: 'An open report',
      author: 'STAFF-AUTHOR',
      notes: 'STAFF-SOURCE-NOTE',
      sensitivity: 'partner',
    });
    const hiddenEvent = await admin.events.create({
      type: 'capture',
      date: '2020-11-10',
      place: 'LEAK-EVENT-PLACE',
      actingParty: 'LEAK-EVENT-SIDE',
      sensitivity: 'restricted',
      participants: [{ personId: open.id }],
    });
    const sharedEvent = await admin.events.create({
      type: 'exchange',
      date: '2021-01-28',
      description: 'STAFF-EVENT-DESCRIPTION',
      participants: [{ personId: open.id }, { personId: hidden.id }],
    });
    const claimOfHiddenSource = await admin.claims.create({
      sourceId: hiddenSource.id,
      subjectType: 'person',
      personId: open.id,
      predicate: 'legal_category',
      value: 'hostage',
      excerpt: 'LEAK-EXCERPT',
    });
    const claimAboutHidden = await admin.claims.create({
      sourceId: openSource.id,
      subjectType: 'event',
      eventId: sharedEvent.id,
      predicate: 'occurred',
    });
    // An open source's claim about the restricted person: the claim says something of them.
    const claimOnHiddenPerson = await admin.claims.create({
      sourceId: openSource.id,
      subjectType: 'person',
      personId: hidden.id,
      predicate: 'legal_category',
      value: 'hostage',
    });
    const claimOnHiddenEvent = await admin.claims.create({
      sourceId: openSource.id,
      subjectType: 'event',
      eventId: hiddenEvent.id,
      predicate: 'occurred',
    });
    const hiddenCount = await admin.counts.create({
      sourceId: hiddenSource.id,
      claimant: 'LEAK-CLAIMANT',
      asOf: '2021-03',
      population: 'leak_population',
      populationLabel: 'LEAK-POPULATION-LABEL',
      min: 4242,
      max: 4242,
    });
    // What partners may see of the open person says nothing of a release; only the hidden
    // source does, and the stored status (derived from everything) says released.
    const release = await admin.events.create({
      type: 'release',
      date: '2021-05-05',
      participants: [{ personId: open.id }],
    });
    const releaseClaim = await admin.claims.create({
      sourceId: hiddenSource.id,
      subjectType: 'event',
      eventId: release.id,
      predicate: 'occurred',
      credibility: 1,
    });
    // The hidden source also calls the open person a hostage, which no open source does.
    await app.db
      .update(claims)
      .set({ reviewState: 'accepted' })
      .where(inArray(claims.id, [releaseClaim.id, claimOfHiddenSource.id]));
    // Earlier values for the histories: staff and restricted fields changed, a source lowered
    // to partner level with its restricted title replaced, a count moved off the hidden source.
    await admin.persons.update({
      id: open.id,
      version: open.version,
      patch: {
        familyContact: 'STAFF-CONTACT-2 +374 10 222222',
        notes: 'STAFF-NOTE-2',
        fatherName: 'Staffather II',
        rank: 'private',
      },
    });
    await admin.sources.update({
      id: openSource.id,
      version: openSource.version,
      patch: { author: 'STAFF-AUTHOR-2', notes: 'STAFF-SOURCE-NOTE-2' },
    });
    const lowered = await admin.sources.create({
      kind: 'testimony',
      title: 'LEAK-LOWERED-TITLE',
      author: 'LEAK-LOWERED-AUTHOR',
      sensitivity: 'restricted',
    });
    await admin.sources.update({
      id: lowered.id,
      version: lowered.version,
      patch: { title: 'A testimony, now shared', sensitivity: 'partner' },
    });
    const movedCount = await admin.counts.create({
      sourceId: hiddenSource.id,
      claimant: 'LEAK-MOVED-CLAIMANT',
      asOf: '2021-04',
      population: 'moved_population',
      populationLabel: 'Moved',
      min: 4242,
      max: 4242,
    });
    await admin.counts.update({
      id: movedCount.id,
      version: movedCount.version,
      patch: { sourceId: openSource.id, claimant: 'An open claimant', min: 5, max: 5 },
    });
    const stored = await recomputePersonStatus(app.db, open.id);
    expect(stored?.liberty.value).toBe('released');
    openId = open.id;
    // A scan puts the two pairs in the review queue.
    await admin.matching.scan();

    secrets.push(
      'Zzhidden',
      'Զզթաքուն',
      'LEAK',
      'STAFF-',
      'Staffather',
      'Staffplace',
      '4242',
      hidden.id,
      hiddenTwin.id,
      hiddenSource.id,
      hiddenEvent.id,
      claimOfHiddenSource.id,
      claimOnHiddenPerson.id,
      claimOnHiddenEvent.id,
      hiddenCount.id,
      releaseClaim.id,
    );
    const ids = [hidden.id, hiddenTwin.id, hiddenSource.id, hiddenEvent.id, claimOfHiddenSource.id];
    inputs.push(
      ...ids.map((id) => ({ id })),
      { id: claimAboutHidden.id },
      { id: sharedEvent.id },
      { id: open.id },
      { id: hiddenCount.id },
      { personId: hidden.id },
      { personId: open.id },
      { sourceId: hiddenSource.id },
      { eventId: sharedEvent.id },
      { eventId: hiddenEvent.id },
      { a: hidden.id, b: hiddenTwin.id },
      { a: open.id, b: openTwin.id },
      { a: open.id, b: hidden.id },
      { q: 'Zzhidden' },
      { q: 'Leakyan' },
      { q: 'Լեքյան' },
      { q: 'Leakfather' },
      { q: 'Staffather' },
      { q: 'LEAK' },
      { status: 'alive' },
      { status: 'held' },
      { status: 'released' },
      { category: 'hostage' },
      { takenFrom: '2020-11-10', takenTo: '2020-11-10' },
      { takenFrom: '2020', side: 'LEAK', place: 'LEAK' },
      { place: 'LEAK-EVENT-PLACE' },
      { side: 'LEAK-EVENT-SIDE' },
      { type: 'capture' },
      { population: 'leak_population' },
      { kind: 'duplicate' },
      { kind: 'claim' },
      { state: 'done' },
      // Histories: of the hidden records (NOT_FOUND), and of the open ones, whose earlier
      // values include staff and restricted fields, hidden participants and a hidden source.
      { entity: 'person', id: hidden.id },
      { entity: 'person', id: hiddenTwin.id },
      { entity: 'person', id: open.id },
      { entity: 'source', id: hiddenSource.id },
      { entity: 'source', id: openSource.id },
      { entity: 'source', id: lowered.id },
      { entity: 'event', id: hiddenEvent.id },
      { entity: 'event', id: sharedEvent.id },
      { entity: 'claim', id: claimOfHiddenSource.id },
      { entity: 'claim', id: claimAboutHidden.id },
      { entity: 'claim', id: releaseClaim.id },
      { entity: 'countClaim', id: hiddenCount.id },
      { entity: 'countClaim', id: movedCount.id },
    );
  });
  afterAll(async () => app?.close());

  it.each([
    ['viewer', 'partner'],
    ['reviewer', 'partner'],
    ['editor', 'partner'],
    ['admin', 'partner'],
  ] as const)(
    'a %s cleared for %s data reads nothing above it through any query, filter or error',
    async (role, clearance) => {
      const { caller } = await app.as(role, clearance);
      let answered = 0;
      const leaks: string[] = [];
      for (const path of queries) {
        const procedure = path.split('.').reduce<any>((node, key) => node[key], caller);
        for (const input of inputs) {
          let told: unknown;
          try {
            told = await procedure(input);
            answered++;
          } catch (error) {
            if (!(error instanceof TRPCError)) throw error;
            // FORBIDDEN and bad input are fine; what the error says must not tell either.
            told = { code: error.code, message: error.message };
          }
          const text = textOf(told);
          for (const secret of secrets) {
            const at = text.indexOf(secret);
            if (at >= 0)
              leaks.push(
                `${path}(${textOf(input)}) told “${secret}” in …${text.slice(at - 200, at)}`,
              );
          }
        }
      }
      expect(leaks).toEqual([]);
      // The sweep reached real answers, not only refusals.
      expect(answered).toBeGreaterThan(queries.length);
    },
  );

  it('shows and filters a status as the caller may know it, not as a hidden source tells it', async () => {
    const { caller } = await app.as('viewer', 'partner');
    const listed = (await caller.persons.list({ q: 'Openly' })).items.find((p) => p.id === openId);
    expect(listed?.status.liberty.value).not.toBe('released');
    expect(listed?.statusSummary).not.toMatch(/released/);
    const released = await caller.persons.list({ status: 'released', limit: 200 });
    expect(released.items.map((p) => p.id)).not.toContain(openId);
    // Nor by leaving the person out of the status the caller is shown.
    const shown = await caller.persons.list({ status: listed!.status.liberty.value, limit: 200 });
    expect(shown.items.map((p) => p.id)).toContain(openId);
    const { caller: cleared } = await app.as('viewer', 'restricted');
    const known = await cleared.persons.list({ status: 'released', limit: 200 });
    expect(known.items.map((p) => p.id)).toContain(openId);
  });

  it('finds a person by category, date, place or side only through what the caller may see', async () => {
    // Only the restricted capture dates the open person's taking and names its place and side,
    // and only the restricted source calls them a hostage.
    const filters = [
      { category: 'hostage' as const },
      { takenFrom: '2020-11-10', takenTo: '2020-11-10' },
      { place: 'leak-event-place' },
      { side: 'leak-event-side' },
    ];
    const { caller } = await app.as('viewer', 'partner');
    const { caller: cleared } = await app.as('viewer', 'restricted');
    for (const filter of filters) {
      const page = await caller.persons.list({ ...filter, limit: 1 });
      expect(
        page.items.map((p) => p.id),
        JSON.stringify(filter),
      ).not.toContain(openId);
      expect(page.nextCursor, JSON.stringify(filter)).toBeNull();
      const known = await cleared.persons.list({ ...filter, limit: 200 });
      expect(
        known.items.map((p) => p.id),
        JSON.stringify(filter),
      ).toContain(openId);
    }
  });

  it('counts no person above the caller’s clearance: every count is what the list shows', async () => {
    const { caller } = await app.as('viewer', 'partner');
    const answer = async (call: () => Promise<unknown>) => {
      try {
        return await call();
      } catch (error) {
        if (!(error instanceof TRPCError)) throw error;
        return error.code;
      }
    };
    for (const input of inputs) {
      const listed = await answer(async () => {
        const page = await caller.persons.list({ ...input, limit: 200 });
        expect(page.nextCursor).toBeNull();
        return page.items.length;
      });
      const counted = await answer(async () => (await caller.persons.count(input)).count);
      expect(counted, textOf(input)).toBe(listed);
    }
    for (const q of ['Zzhidden', 'Leakyan', 'Լեքյան'])
      expect((await caller.persons.count({ q })).count, q).toBe(0);
    expect((await caller.persons.count({ place: 'LEAK-EVENT-PLACE' })).count).toBe(0);
    expect((await caller.persons.count({ status: 'released' })).count).toBe(0);
  });

  it('answers a record above the caller’s clearance as one that does not exist', async () => {
    const { caller } = await app.as('admin', 'partner');
    const missing = '00000000-0000-4000-8000-000000000000';
    const hiddenIds = secrets.filter((s) => /^[0-9a-f-]{36}$/.test(s));
    for (const path of queries.filter((p) => p.endsWith('.get'))) {
      const procedure = path.split('.').reduce<any>((node, key) => node[key], caller);
      const answer = async (id: string) => {
        try {
          await procedure({ id });
          return 'OK';
        } catch (error) {
          return error instanceof TRPCError ? `${error.code}: ${error.message}` : String(error);
        }
      };
      const forMissing = await answer(missing);
      expect(forMissing, path).toMatch(/^NOT_FOUND/);
      for (const id of hiddenIds) {
        const forHidden = await answer(id);
        // Ids of other kinds of records are not found either; the answer must be the same.
        expect(forHidden, `${path}(${id})`).toBe(forMissing);
      }
    }
  });
});
