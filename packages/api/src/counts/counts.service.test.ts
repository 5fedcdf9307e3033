import { seedDemoData } from '@vigil/db';
import { testDatabaseKind } from '@vigil/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
