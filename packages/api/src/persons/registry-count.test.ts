import { TRPCError } from '@trpc/server';
import type { Sensitivity } from '@vigil/domain';
import { claims, recomputePersonStatus } from '@vigil/db';
import { testDatabaseKind } from '@vigil/db/testing';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing.ts';

type Caller = Awaited<ReturnType<TestApp['as']>>['caller'];
type CountInput = Parameters<Caller['persons']['count']>[0];

/**
 * `persons.count`: how many persons the registry's filters find, counted exactly as the list
 * pages through them, so the number never tells of a person the caller may not see (TRUST 1).
 */
describe(`the registry's count (${testDatabaseKind})`, () => {
  let app: TestApp;
  let admin: Caller;
  let partner: Caller;
  let staff: Caller;
  let restricted: Caller;

  async function person(name: string, sensitivity: Sensitivity = 'partner') {
    return admin.persons.create({ names: [{ value: name }], sensitivity });
  }

  /** Every person the list finds with these filters, page after page. */
  async function listed(caller: Caller, input: CountInput) {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await caller.persons.list({ ...input, limit: 2, cursor });
      ids.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return ids;
  }

  const counted = async (caller: Caller, input: CountInput) =>
    (await caller.persons.count(input)).count;

  beforeAll(async () => {
    app = await createTestApp();
    admin = (await app.as('admin', 'restricted')).caller;
    partner = (await app.as('viewer', 'partner')).caller;
    staff = (await app.as('viewer', 'staff')).caller;
    restricted = (await app.as('viewer', 'restricted')).caller;
    const openSource = await admin.sources.create({
      kind: 'official_list',
      title: 'An open list (fictional)',
      sensitivity: 'partner',
    });
    const staffSource = await admin.sources.create({
      kind: 'testimony',
      title: 'A confidential testimony (fictional)',
      sensitivity: 'staff',
    });

    // Three persons partners may see, all taken at Northvale.
    for (const name of ['Arev Countyan', 'Berd Countyan', 'Gor Countyan']) {
      const { id } = await person(name);
      await admin.events.create({
        type: 'capture',
        date: '2020-12-13',
        place: 'Northvale',
        participants: [{ personId: id }],
      });
    }
    // A restricted person taken at Northvale: counted only for a caller cleared for it.
    const hidden = await person('Davit Countyan', 'restricted');
    await admin.events.create({
      type: 'capture',
      date: '2020-12-13',
      place: 'Northvale',
      participants: [{ personId: hidden.id }],
    });
    // A deleted record: counted for nobody, not even an admin.
    const deleted = await person('Vahagn Removedyan');
    await admin.persons.delete({ id: deleted.id, version: deleted.version, reason: 'a duplicate' });
    // A partner-level person whose only capture is a staff-level event, at Southbay.
    const secretly = await person('Hrant Countyan');
    await admin.events.create({
      type: 'capture',
      date: '2021-02-02',
      place: 'Southbay',
      sensitivity: 'staff',
      participants: [{ personId: secretly.id }],
    });
    // Captured by an open account, released by a confidential one: held, to a partner.
    const released = await person('Karen Countyan');
    const capture = await admin.events.create({
      type: 'capture',
      date: '2020-12-13',
      participants: [{ personId: released.id }],
    });
    const release = await admin.events.create({
      type: 'release',
      date: '2021-01-28',
      participants: [{ personId: released.id }],
    });
    const accepted = await Promise.all([
      admin.claims.create({
        sourceId: openSource.id,
        subjectType: 'event',
        eventId: capture.id,
        predicate: 'occurred',
        credibility: 2,
      }),
      admin.claims.create({
        sourceId: staffSource.id,
        subjectType: 'event',
        eventId: release.id,
        predicate: 'occurred',
        credibility: 2,
      }),
      // A hostage, by the confidential source only.
      admin.claims.create({
        sourceId: staffSource.id,
        subjectType: 'person',
        personId: released.id,
        predicate: 'legal_category',
        value: 'hostage',
      }),
    ]);
    await app.db
      .update(claims)
      .set({ reviewState: 'accepted' })
      .where(
        inArray(
          claims.id,
          accepted.map((c) => c.id),
        ),
      );
    await recomputePersonStatus(app.db, released.id);
  });
  afterAll(async () => app?.close());

  it('counts the persons the caller may see, and no deleted record', async () => {
    expect(await counted(partner, {})).toBe(5);
    expect(await counted(staff, {})).toBe(5);
    expect(await counted(restricted, {})).toBe(6);
    expect(await counted(admin, {})).toBe(6);
  });

  it('does not count a person above the caller’s clearance, whatever the filters', async () => {
    expect(await counted(partner, { q: 'Davit' })).toBe(0);
    expect(await counted(restricted, { q: 'Davit' })).toBe(1);
    expect(await counted(partner, { place: 'Northvale' })).toBe(3);
    expect(await counted(restricted, { place: 'Northvale' })).toBe(4);
    expect(await counted(partner, { takenFrom: '2020-12-13', takenTo: '2020-12-13' })).toBe(4);
    expect(await counted(restricted, { takenFrom: '2020-12-13', takenTo: '2020-12-13' })).toBe(5);
  });

  it('does not count a deleted record, even when a search names it', async () => {
    // The record is there, deleted: it is the deletion that leaves it out.
    expect((await admin.persons.listDeleted()).map((p) => p.primaryName)).toContain(
      'Vahagn Removedyan',
    );
    expect(await counted(admin, { q: 'Removedyan' })).toBe(0);
    expect(await counted(admin, { q: 'Vahagn' })).toBe(0);
    expect(await counted(admin, { q: 'Countyan' })).toBe(6);
  });

  it('counts by events only the caller may see', async () => {
    expect(await counted(partner, { place: 'Southbay' })).toBe(0);
    expect(await counted(staff, { place: 'Southbay' })).toBe(1);
    expect(await counted(partner, { takenFrom: '2021-02' })).toBe(0);
    expect(await counted(staff, { takenFrom: '2021-02' })).toBe(1);
  });

  it('counts by the status and category the caller may know, not the stored ones', async () => {
    expect(await counted(partner, { status: 'released' })).toBe(0);
    expect(await counted(staff, { status: 'released' })).toBe(1);
    expect(await counted(partner, { category: 'hostage' })).toBe(0);
    expect(await counted(staff, { category: 'hostage' })).toBe(1);
    expect(await counted(partner, { status: 'held' })).toBe(
      (await counted(staff, { status: 'held' })) + 1,
    );
  });

  it('says as many as the list pages through, for every filter and clearance', async () => {
    const filters: CountInput[] = [
      {},
      { q: 'Countyan' },
      { q: 'Davit' },
      { place: 'northvale' },
      { place: 'Southbay' },
      { takenFrom: '2020', takenTo: '2021' },
      { status: 'held' },
      { status: 'released' },
      { category: 'hostage' },
      { sex: 'male' },
      { q: 'Countyan', place: 'Northvale', status: 'held' },
    ];
    for (const caller of [partner, staff, restricted, admin])
      for (const input of filters)
        expect(await counted(caller, input), JSON.stringify(input)).toBe(
          (await listed(caller, input)).length,
        );
  });

  it('refuses the filters a caller may not use, as the list does', async () => {
    const { caller } = await app.as('viewer', 'public');
    const refusal = await caller.persons.count({ place: 'Northvale' }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(TRPCError);
    expect(refusal).toMatchObject({
      code: 'BAD_REQUEST',
      message: 'place: you are not cleared to filter by the events’ dates, places or sides',
    });
    await expect(
      partner.persons.count({ takenFrom: '2021', takenTo: '2020' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'takenFrom: must not be after takenTo (2020)',
    });
  });
});
