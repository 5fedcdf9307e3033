import { countRegistry, type Sensitivity } from '@vigil/domain';
import {
  claims,
  computePersonStatus,
  eventParticipants,
  events,
  persons,
  seedDemoData,
  sources,
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
          statuses.push(
            await computePersonStatus(app.db, id, now, { asOf: point.asOf, levels }),
          );
        const held = statuses.filter(
          (s) => s.liberty.value !== 'unknown' || s.life.value !== 'unknown',
        );
        expect(point).toEqual({ asOf: point.asOf, ...countRegistry(held) });
      }
    },
  );

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
