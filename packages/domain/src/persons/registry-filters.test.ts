import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../events/event-types.ts';
import {
  CUSTODY_EVENT_TYPES,
  dateFilterDays,
  DateFilterSchema,
  registryFiltersAbove,
  TAKEN_EVENT_TYPES,
} from './registry-filters.ts';

describe('the event types the registry filters read', () => {
  it('are types of the vocabulary', () => {
    for (const type of [...TAKEN_EVENT_TYPES, ...CUSTODY_EVENT_TYPES])
      expect(EVENT_TYPES).toContain(type);
  });

  it('date a person’s taking by capture, detention or loss of contact, not by a release', () => {
    expect([...TAKEN_EVENT_TYPES].sort()).toEqual(['capture', 'contact_lost', 'detention']);
    expect(TAKEN_EVENT_TYPES).not.toContain('release');
  });
});

describe('DateFilterSchema', () => {
  it('takes a year, a month or a day, and empty text as no filter', () => {
    for (const text of ['2020', '2020-12', '2020-12-05', '', ' 2020-12 '])
      expect(DateFilterSchema.safeParse(text).success, text).toBe(true);
    expect(DateFilterSchema.parse(' 2020-12 ')).toBe('2020-12');
  });

  it('refuses a range, a day that does not exist and other text, saying what to write', () => {
    const messageOf = (text: string) => DateFilterSchema.safeParse(text).error?.issues[0]?.message;
    expect(messageOf('2020-10/2020-11')).toBe('must be a date written YYYY, YYYY-MM or YYYY-MM-DD');
    expect(messageOf('2020-02-30')).toBe('day 30 does not exist in 2020-02');
    expect(messageOf('2020-13')).toBe('month 13 does not exist');
    expect(messageOf('12.05.2020')).toMatch(/write YYYY, YYYY-MM or YYYY-MM-DD/);
    expect(messageOf('x'.repeat(10_000))).toBe(
      'must be a date written YYYY, YYYY-MM or YYYY-MM-DD',
    );
  });
});

describe('dateFilterDays', () => {
  it('runs from the first day the start can mean to the last day the end can mean', () => {
    expect(dateFilterDays('2020', '2020')).toEqual({
      earliest: '2020-01-01',
      latest: '2020-12-31',
    });
    expect(dateFilterDays('2020-11', '2021-02')).toEqual({
      earliest: '2020-11-01',
      latest: '2021-02-28',
    });
    expect(dateFilterDays('2024-02', '2024-02')).toEqual({
      earliest: '2024-02-01',
      latest: '2024-02-29',
    });
    expect(dateFilterDays('2020-12-13', '2020-12-13')).toEqual({
      earliest: '2020-12-13',
      latest: '2020-12-13',
    });
  });

  it('leaves an end open when it is not given', () => {
    expect(dateFilterDays('2020-12', undefined)).toEqual({ earliest: '2020-12-01', latest: null });
    expect(dateFilterDays(undefined, '2020')).toEqual({ earliest: null, latest: '2020-12-31' });
    expect(dateFilterDays('', '')).toEqual({ earliest: null, latest: null });
  });

  it('covers no day when the start is after the end, but a vaguer end may hold the start', () => {
    expect(dateFilterDays('2021', '2020-12')).toBeNull();
    expect(dateFilterDays('2020-12-14', '2020-12-13')).toBeNull();
    expect(dateFilterDays('2020-12', '2020')).not.toBeNull();
    expect(dateFilterDays('2020', '2020-01')).not.toBeNull();
  });

  it('covers every day both ends can mean, whatever their precision', () => {
    const point = fc
      .tuple(
        fc.integer({ min: 1990, max: 2030 }),
        fc.option(fc.integer({ min: 1, max: 12 })),
        fc.integer({ min: 1, max: 28 }),
        fc.boolean(),
      )
      .map(([year, month, day, withDay]) =>
        month === null
          ? `${year}`
          : `${year}-${String(month).padStart(2, '0')}${withDay ? `-${String(day).padStart(2, '0')}` : ''}`,
      );
    fc.assert(
      fc.property(point, (date) => {
        const days = dateFilterDays(date, date);
        expect(days).not.toBeNull();
        expect(days!.earliest! <= days!.latest!).toBe(true);
        expect(days!.earliest!.startsWith(date)).toBe(true);
        expect(days!.latest!.startsWith(date)).toBe(true);
      }),
    );
  });
});

describe('registryFiltersAbove', () => {
  it('lets partners and staff filter by the dates, places and sides of events', () => {
    expect(registryFiltersAbove('partner')).toEqual([]);
    expect(registryFiltersAbove('staff')).toEqual([]);
    expect(registryFiltersAbove('restricted')).toEqual([]);
  });

  it('refuses them to a caller cleared for public data only, who may not read those fields', () => {
    expect(registryFiltersAbove('public')).toEqual(['takenFrom', 'takenTo', 'place', 'side']);
  });
});
