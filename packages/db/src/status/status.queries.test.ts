import { partialDateBounds } from '@vigil/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../client.ts';
import { seedDemoData } from '../demo/demo-data.ts';
import { claims, eventParticipants, events, persons, sources } from '../schema.ts';
import { createTestDatabase, testDatabaseKind } from '../testing.ts';
import { computePersonStatus, computePersonStatuses } from './status.queries.ts';

const DAYS = ['2020-12-01', '2021-02-01', '2021-02-09', '2021-03-01', '2025-10-01', '2030-01-01'];
const LEVELS = {
  everything: undefined,
  partner: ['public', 'partner'],
  staff: ['public', 'partner', 'staff'],
  restricted: ['public', 'partner', 'staff', 'restricted'],
} as const;
const moments = DAYS.map((asOf) => ({ asOf, now: new Date(`${asOf}T23:59:59Z`) }));

describe(`statuses of many persons on many days (${testDatabaseKind})`, () => {
  let database: Database;
  let personIds: string[];
  let released: string;
  let stillHeld: string;
  let nothingKnown: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const db = database.db;
    await seedDemoData(db);
    // Two men taken together; a staff-only source says one of them came home, a partner source
    // that the other was seen alive on a day nobody recorded.
    const [partnerSource, staffSource] = await db
      .insert(sources)
      .values([
        { kind: 'news_article', title: 'Partner source (test)', sensitivity: 'partner' },
        { kind: 'official_list', title: 'Staff source (test)', sensitivity: 'staff' },
      ])
      .returning({ id: sources.id });
    const created = await db
      .insert(persons)
      .values([
        { sortName: 'test released', sensitivity: 'partner' },
        { sortName: 'test still held', sensitivity: 'partner' },
        { sortName: 'test nothing known', sensitivity: 'partner' },
      ])
      .returning({ id: persons.id });
    [released, stillHeld, nothingKnown] = created.map((p) => p.id) as [string, string, string];
    const event = async (type: string, date: string | null) => {
      const bounds = date ? partialDateBounds(date) : null;
      const [row] = await db
        .insert(events)
        .values({
          type,
          date,
          dateEarliest: bounds?.earliest ?? null,
          dateLatest: bounds?.latest ?? null,
        })
        .returning({ id: events.id });
      return row!.id;
    };
    const capture = await event('capture', '2021-01-10');
    const release = await event('release', '2021-02-20');
    const seenAlive = await event('proof_of_life', null);
    await db.insert(eventParticipants).values([
      { eventId: capture, personId: released },
      { eventId: capture, personId: stillHeld },
      { eventId: release, personId: released },
      { eventId: release, personId: stillHeld },
      { eventId: seenAlive, personId: stillHeld },
    ]);
    const accepted = { reviewState: 'accepted', credibility: 2 } as const;
    await db.insert(claims).values([
      {
        ...accepted,
        sourceId: partnerSource!.id,
        subjectType: 'event',
        eventId: capture,
        predicate: 'occurred',
      },
      // Only about one participant: the other man's status must not move.
      {
        ...accepted,
        sourceId: staffSource!.id,
        subjectType: 'participation',
        eventId: release,
        personId: released,
        predicate: 'participated',
      },
      {
        ...accepted,
        sourceId: partnerSource!.id,
        subjectType: 'event',
        eventId: seenAlive,
        predicate: 'occurred',
      },
      {
        ...accepted,
        sourceId: staffSource!.id,
        subjectType: 'person',
        personId: released,
        predicate: 'acknowledgement',
        value: 'acknowledged',
      },
    ]);
    personIds = (await db.select({ id: persons.id }).from(persons)).map((p) => p.id);
  });
  afterAll(async () => database?.close());

  it.each(Object.entries(LEVELS))(
    'derives for every person and day what computePersonStatus derives alone (%s sources)',
    async (_name, levels) => {
      const batch = await computePersonStatuses(database.db, personIds, moments, { levels });
      expect(batch).toHaveLength(moments.length);
      for (const [i, { asOf, now }] of moments.entries()) {
        const alone = await Promise.all(
          personIds.map((id) => computePersonStatus(database.db, id, now, { asOf, levels })),
        );
        expect(batch[i]).toEqual(alone);
      }
    },
  );

  it('cuts by day and by source clearance, and keeps a participant’s claim to that participant', async () => {
    const ids = [released, stillHeld, nothingKnown];
    const march = [{ asOf: '2021-03-01', now: new Date('2021-03-01T23:59:59Z') }];
    const [staff] = await computePersonStatuses(database.db, ids, march, {
      levels: LEVELS.staff,
    });
    const [partner] = await computePersonStatuses(database.db, ids, march, {
      levels: LEVELS.partner,
    });
    const [january] = await computePersonStatuses(
      database.db,
      ids,
      [{ asOf: '2021-01-31', now: new Date('2021-01-31T23:59:59Z') }],
      { levels: LEVELS.staff },
    );
    expect(staff!.map((s) => s.liberty.value)).toEqual(['released', 'held', 'unknown']);
    expect(staff![0]!.acknowledgement.value).toBe('acknowledged');
    expect(partner!.map((s) => s.liberty.value)).toEqual(['held', 'held', 'unknown']);
    expect(partner![0]!.acknowledgement.value).toBe('unknown');
    expect(january!.map((s) => s.liberty.value)).toEqual(['held', 'held', 'unknown']);
  });
});
