import { TRPCError } from '@trpc/server';
import type { LegalCategory, Sensitivity } from '@vigil/domain';
import { claims, recomputePersonStatus } from '@vigil/db';
import { testDatabaseKind } from '@vigil/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPartnerApi } from '../partners/partner-api.ts';
import { createTestApp, type TestApp } from '../testing.ts';

type Caller = Awaited<ReturnType<TestApp['as']>>['caller'];
type ListInput = Parameters<Caller['persons']['list']>[0];

/**
 * The registry's filters on legal category, on the date a person was taken, on the place of
 * their events and on the side that took them: each finds the right persons, and only through
 * what the caller may see (TRUST 1).
 */
describe(`registry filters (${testDatabaseKind})`, () => {
  let app: TestApp;
  let admin: Caller;
  let partner: Caller;
  let staff: Caller;
  /** Test persons by the letter of their name. */
  const ids: Record<string, string> = {};
  const nameOf = new Map<string, string>();

  async function person(letter: string) {
    const created = await admin.persons.create({
      names: [{ value: `${letter}filter Testyan` }],
      sensitivity: 'partner',
    });
    ids[letter] = created.id;
    nameOf.set(created.id, letter);
    return created.id;
  }

  async function event(
    type: 'capture' | 'detention' | 'contact_lost' | 'transfer' | 'release',
    personId: string,
    fields: {
      date?: string;
      place?: string;
      actingParty?: string;
      sensitivity?: Sensitivity;
      role?: 'subject' | 'witness';
    } = {},
  ) {
    const { role = 'subject', ...rest } = fields;
    return admin.events.create({ type, ...rest, participants: [{ personId, role }] });
  }

  /** An accepted claim of `source`: an event that happened, or a legal category of a person. */
  async function accepted(
    sourceId: string,
    about: { eventId: string } | { personId: string; category: LegalCategory },
  ) {
    const claim = await admin.claims.create(
      'eventId' in about
        ? {
            sourceId,
            subjectType: 'event',
            eventId: about.eventId,
            predicate: 'occurred',
            credibility: 2,
          }
        : {
            sourceId,
            subjectType: 'person',
            personId: about.personId,
            predicate: 'legal_category',
            value: about.category,
          },
    );
    await app.db.update(claims).set({ reviewState: 'accepted' }).where(eq(claims.id, claim.id));
  }

  /** The letters of the persons a caller finds with these filters, in alphabetical order. */
  async function found(caller: Caller, input: ListInput) {
    const { items } = await caller.persons.list({ limit: 200, ...input });
    return items.map((p) => nameOf.get(p.id) ?? p.primaryName).sort();
  }

  async function refusal(caller: Caller, input: ListInput) {
    try {
      await caller.persons.list(input);
    } catch (error) {
      if (error instanceof TRPCError) return { code: error.code, message: error.message };
      throw error;
    }
    return null;
  }

  beforeAll(async () => {
    app = await createTestApp();
    admin = (await app.as('admin', 'restricted')).caller;
    partner = (await app.as('viewer', 'partner')).caller;
    staff = (await app.as('viewer', 'staff')).caller;
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

    // A: captured on 13 Dec 2020 at Northvale by the Armed forces of State B.
    await event('capture', await person('A'), {
      date: '2020-12-13',
      place: 'Northvale crossing',
      actingParty: 'Armed forces of State B',
    });
    // B: lost contact with sometime between 12 Oct and 9 Nov 2020, on the Old Mill road.
    await event('contact_lost', await person('B'), {
      date: '2020-10-12/2020-11-09',
      place: 'Old Mill road',
    });
    // C: detained in March 2021 by a border service, then transferred by a prison service.
    await event('detention', await person('C'), {
      date: '2021-03',
      place: 'Camp Twelve',
      actingParty: 'Border service of State B',
    });
    await event('transfer', ids.C!, {
      date: '2021-05-02',
      place: 'Prison Nine',
      actingParty: 'Prison service of State B',
    });
    // D: released on 13 Dec 2020 at Northvale: a release says nothing of when they were taken.
    await event('release', await person('D'), {
      date: '2020-12-13',
      place: 'Northvale crossing',
      actingParty: 'Armed forces of State B',
    });
    // E: a witness of a capture on 13 Dec 2020, not its subject.
    await event('capture', await person('E'), {
      date: '2020-12-13',
      place: 'Northvale bridge',
      actingParty: 'Armed forces of State B',
      role: 'witness',
    });
    // F: captured on a day no source gives.
    await event('capture', await person('F'), {
      place: 'Undated hill',
      actingParty: 'Militia of State B',
    });
    // G: everything known of their capture is in a staff-level event.
    await event('capture', await person('G'), {
      date: '2019-06-01',
      place: 'Secret hollow',
      actingParty: 'Special unit 100_% of State B',
      sensitivity: 'staff',
    });
    // H: a hostage according to an open source; I and Ib: political prisoners according to a
    // confidential one only; J: a political prisoner according to an open source.
    await accepted(openSource.id, { personId: await person('H'), category: 'hostage' });
    await accepted(staffSource.id, { personId: await person('I'), category: 'political_prisoner' });
    await accepted(staffSource.id, {
      personId: await person('Ib'),
      category: 'political_prisoner',
    });
    await accepted(openSource.id, { personId: await person('J'), category: 'political_prisoner' });
    // K: captured by an open account, released by a confidential one: held, to a partner.
    const capture = await event('capture', await person('K'), { date: '2020-12-13' });
    const release = await event('release', ids.K!, { date: '2021-01-28' });
    await accepted(openSource.id, { eventId: capture.id });
    await accepted(staffSource.id, { eventId: release.id });
    // L, M, N: events at one town in three scripts; O: a town Russian spells with Г for Հ;
    // P: a town whose name is one letter away; Q: the town again, in a staff-level event.
    await event('capture', await person('L'), { place: 'Շուշի' });
    await event('detention', await person('M'), { place: 'Шуши, городская тюрьма' });
    await event('release', await person('N'), { place: 'Shushi district' });
    await event('capture', await person('O'), { place: 'Гадрут' });
    await event('capture', await person('P'), { place: 'Shusha' });
    await event('capture', await person('Q'), { place: 'Շուշի', sensitivity: 'staff' });
    for (const id of Object.values(ids)) await recomputePersonStatus(app.db, id);
  });
  afterAll(async () => app?.close());

  describe('the date a person was taken or last seen', () => {
    it('finds the subjects of a capture, detention or loss of contact dated in the range', async () => {
      expect(await found(partner, { takenFrom: '2020-12', takenTo: '2020-12' })).toEqual([
        'A',
        'K',
      ]);
      expect(await found(partner, { takenFrom: '2021' })).toEqual(['C']);
      expect(await found(partner, { takenFrom: '2021-03-31', takenTo: '2021-04' })).toEqual(['C']);
    });

    it('finds a person whose vague date can fall in the range', async () => {
      expect(await found(partner, { takenFrom: '2020-11', takenTo: '2020-11' })).toEqual(['B']);
      expect(await found(partner, { takenTo: '2020-10-12' })).toEqual(['B']);
      expect(await found(partner, { takenFrom: '2020-11-10', takenTo: '2020-12-12' })).toEqual([]);
    });

    it('leaves out releases, witnesses and undated events', async () => {
      const any = await found(staff, { takenFrom: '1900', takenTo: '2100' });
      expect(any).toEqual(['A', 'B', 'C', 'G', 'K']);
    });

    it('reads only events the caller may see', async () => {
      expect(await found(partner, { takenFrom: '2019-06-01', takenTo: '2019-06-01' })).toEqual([]);
      expect(await found(staff, { takenFrom: '2019-06-01', takenTo: '2019-06-01' })).toEqual(['G']);
    });

    it('refuses a range that starts after it ends, naming the field', async () => {
      expect(await refusal(partner, { takenFrom: '2021', takenTo: '2020-12' })).toEqual({
        code: 'BAD_REQUEST',
        message: 'takenFrom: must not be after takenTo (2020-12)',
      });
      // A vaguer end can still hold the start.
      expect(await refusal(partner, { takenFrom: '2020-12', takenTo: '2020' })).toBeNull();
    });

    it('refuses a date that is not one, naming the field', async () => {
      expect(await refusal(partner, { takenFrom: '13.12.2020' })).toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.stringMatching(/^takenFrom: .*write YYYY, YYYY-MM or YYYY-MM-DD/),
      });
      expect(await refusal(partner, { takenTo: '2020-02-30' })).toEqual({
        code: 'BAD_REQUEST',
        message: 'takenTo: day 30 does not exist in 2020-02',
      });
      expect(await refusal(partner, { takenTo: '2020-10/2020-11' })).toEqual({
        code: 'BAD_REQUEST',
        message: 'takenTo: must be a date written YYYY, YYYY-MM or YYYY-MM-DD',
      });
    });
  });

  describe('the place of an event', () => {
    it('finds every participant of an event whose place holds the text, in any case', async () => {
      expect(await found(partner, { place: 'northVALE' })).toEqual(['A', 'D', 'E']);
      expect(await found(partner, { place: 'Northvale crossing' })).toEqual(['A', 'D']);
      expect(await found(partner, { place: 'prison nine' })).toEqual(['C']);
      expect(await found(partner, { place: 'hill' })).toEqual(['F']);
    });

    it('matches the text literally: % and _ are no wildcards', async () => {
      expect(await found(staff, { place: '%' })).toEqual([]);
      expect(await found(staff, { place: 'Old_Mill' })).toEqual([]);
      expect(await found(staff, { place: '   ' })).toHaveLength(Object.keys(ids).length);
    });

    it('finds a place written in Armenian, Cyrillic or Latin letters from any of them', async () => {
      for (const place of ['Shushi', 'Шуши', 'Շուշի'])
        expect(await found(partner, { place }), place).toEqual(['L', 'M', 'N']);
      // Part of a name, as typed so far, finds it in every script (and the town one letter away).
      expect(await found(partner, { place: 'Շուշ' })).toEqual(['L', 'M', 'N', 'P']);
      expect(await found(staff, { place: 'Shushi' })).toEqual(['L', 'M', 'N', 'Q']);
    });

    it('finds a place by the sound of its words, as names are found', async () => {
      expect(await found(partner, { place: 'Hadrut' })).toEqual(['O']);
      expect(await found(partner, { place: 'Հադրութ' })).toEqual(['O']);
      expect(await found(partner, { place: 'Shusha' })).toEqual(['P']);
    });

    it('reads only events the caller may see', async () => {
      expect(await found(partner, { place: 'secret hollow' })).toEqual([]);
      expect(await found(staff, { place: 'secret hollow' })).toEqual(['G']);
    });
  });

  describe('the side that took a person', () => {
    it('finds the subjects of a capture, detention or transfer by its acting party', async () => {
      expect(await found(partner, { side: 'armed forces' })).toEqual(['A']);
      expect(await found(partner, { side: 'state b' })).toEqual(['A', 'C', 'F']);
      expect(await found(partner, { side: 'Prison service' })).toEqual(['C']);
    });

    it('reads only events the caller may see, and matches the text literally', async () => {
      expect(await found(partner, { side: '100_%' })).toEqual([]);
      expect(await found(staff, { side: '100_%' })).toEqual(['G']);
      expect(await found(staff, { side: '100%' })).toEqual([]);
    });

    it('meets the other filters on the same person', async () => {
      expect(
        await found(partner, { side: 'state b', takenFrom: '2020-12', place: 'northvale' }),
      ).toEqual(['A']);
      expect(
        await found(partner, { side: 'prison', takenFrom: '2021', category: 'hostage' }),
      ).toEqual([]);
    });
  });

  describe('the legal category', () => {
    it('finds the persons an accepted source the caller may see puts in the category', async () => {
      expect(await found(partner, { category: 'hostage' })).toEqual(['H']);
      expect(await found(partner, { category: 'political_prisoner' })).toEqual(['J']);
      expect(await found(staff, { category: 'political_prisoner' })).toEqual(['I', 'Ib', 'J']);
      expect(await found(staff, { category: 'prisoner_of_war' })).toEqual([]);
    });

    it('refuses a category that is not one, naming the field and the categories', async () => {
      expect(await refusal(partner, { category: 'spy' as LegalCategory })).toEqual({
        code: 'BAD_REQUEST',
        message: expect.stringMatching(/^category: must be one of prisoner_of_war, .*, missing$/),
      });
    });

    it('tells of a person left out neither by the size of a page nor by its cursor', async () => {
      // Ib and I come before J, and are political prisoners by the stored status, which rests on
      // a confidential source: not to a partner, whose page of one person must still be J.
      const first = await partner.persons.list({ category: 'political_prisoner', limit: 1 });
      expect(first.items.map((p) => nameOf.get(p.id))).toEqual(['J']);
      expect(first.nextCursor).toBeNull();
      const pages: (string | undefined)[][] = [];
      let cursor: string | undefined;
      do {
        const page = await staff.persons.list({ category: 'political_prisoner', limit: 1, cursor });
        pages.push(page.items.map((p) => nameOf.get(p.id)));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(pages).toEqual([['Ib'], ['I'], ['J']]);
    });
  });

  describe('the status', () => {
    it('finds a person by the status the caller knows, even when the stored one says otherwise', async () => {
      const shown = (await partner.persons.list({ limit: 200 })).items.find((p) => p.id === ids.K);
      expect(shown?.status.liberty.value).toBe('held');
      expect(await found(partner, { status: 'held' })).toContain('K');
      expect(await found(partner, { status: 'released' })).toEqual([]);
      expect(await found(staff, { status: 'released' })).toEqual(['K']);
      expect(await found(staff, { status: 'held' })).not.toContain('K');
    });
  });

  describe('a caller cleared for public data only', () => {
    it('may not filter by the dates, places or sides of events, which it may not read', async () => {
      const { caller } = await app.as('viewer', 'public');
      for (const field of ['takenFrom', 'takenTo', 'place', 'side'] as const) {
        expect(await refusal(caller, { [field]: '2020' }), field).toEqual({
          code: 'BAD_REQUEST',
          message: `${field}: you are not cleared to filter by the events’ dates, places or sides`,
        });
      }
      expect(await refusal(caller, { category: 'hostage' })).toBeNull();
    });
  });

  describe('through the partner API', () => {
    let api: ReturnType<typeof createPartnerApi>;
    let token = '';
    beforeAll(async () => {
      api = createPartnerApi(app);
      ({ token } = await admin.apiKeys.create({
        name: 'A partner NGO (test)',
        scopes: ['persons:read'],
        clearance: 'partner',
      }));
    });
    const get = async (query: string) => {
      const res = await api.request(`/persons?${query}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const letters = (body: Record<string, unknown>) =>
      (body.items as { id: string }[]).map((p) => nameOf.get(p.id));

    it('takes the same filters as query parameters, cut to the key’s clearance', async () => {
      expect(letters((await get('takenFrom=2020-12&takenTo=2020-12')).body)).toEqual(['A', 'K']);
      expect(letters((await get('place=NORTHVALE%20crossing')).body)).toEqual(['A', 'D']);
      expect(letters((await get('side=prison%20service')).body)).toEqual(['C']);
      expect(letters((await get('category=political_prisoner')).body)).toEqual(['J']);
      expect(letters((await get('place=secret%20hollow')).body)).toEqual([]);
      expect(letters((await get(`place=${encodeURIComponent('Шуши')}`)).body)).toEqual([
        'L',
        'M',
        'N',
      ]);
      expect(letters((await get('side=100_%25&takenFrom=2019')).body)).toEqual([]);
    });

    it('answers a bad range with 400 naming the field', async () => {
      const { status, body } = await get('takenFrom=2021-01&takenTo=2020');
      expect(status).toBe(400);
      expect(body).toMatchObject({
        error: {
          code: 'BAD_INPUT',
          issues: [{ field: 'takenFrom', message: 'must not be after takenTo (2020)' }],
        },
      });
    });

    it('lists the filters in the OpenAPI document', async () => {
      const res = await api.request('/openapi.json');
      const document = (await res.json()) as {
        paths: Record<string, { get: { parameters: { name: string; schema: unknown }[] } }>;
      };
      const parameters = document.paths['/persons']!.get.parameters;
      const byName = new Map(parameters.map((p) => [p.name, p.schema]));
      for (const name of ['category', 'takenFrom', 'takenTo', 'place', 'side'])
        expect(byName.get(name), name).toMatchObject({
          type: 'string',
          description: expect.any(String),
        });
      expect(byName.get('category')).toMatchObject({
        enum: expect.arrayContaining(['prisoner_of_war', 'hostage', 'missing']),
      });
    });
  });
});
