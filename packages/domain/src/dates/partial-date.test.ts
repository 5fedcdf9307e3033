import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  comparePartialDateTexts,
  daysBetween,
  describePartialDate,
  earliestDay,
  formatPartialDate,
  latestDay,
  parsePartialDate,
  partialDateBounds,
  partialDatesOverlap,
  PartialDateSchema,
  isoDay,
  PastPartialDateSchema,
  type PartialDate,
} from './partial-date.ts';

const parse = (t: string): PartialDate => {
  const r = parsePartialDate(t);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

describe('partial dates', () => {
  it.each(['2020', '2020-12', '2020-12-05', '2020-11-10/2020-12-15', '2020/2021-03', '2024-02-29'])(
    'round-trips %s exactly',
    (text) => {
      expect(formatPartialDate(parse(text))).toBe(text);
    },
  );

  it.each([
    ['2020-13', 'month 13 does not exist'],
    ['2021-02-29', 'day 29 does not exist'],
    ['20-12-05', 'is not a date'],
    ['2020-12-15/2020-11-10', 'starts (2020-12-15) after it ends'],
    ['2020/2021/2022', 'exactly one "/"'],
    ['1700', 'out of range'],
    ['05.12.2020', 'is not a date'],
  ])('rejects %s saying what is wrong', (text, message) => {
    const r = parsePartialDate(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(message);
  });

  it('gives the first and last day a vague date can mean', () => {
    expect(partialDateBounds('2020')).toEqual({ earliest: '2020-01-01', latest: '2020-12-31' });
    expect(partialDateBounds('2024-02')).toEqual({ earliest: '2024-02-01', latest: '2024-02-29' });
    expect(partialDateBounds('2020-11-10/2020-12')).toEqual({
      earliest: '2020-11-10',
      latest: '2020-12-31',
    });
  });

  it('sorts a year before its months and a month before its days', () => {
    const sorted = ['2020-03-14', '2021', '2020-03', '2020', '2019-12-31/2020-01-02'].sort(
      comparePartialDateTexts,
    );
    expect(sorted).toEqual(['2019-12-31/2020-01-02', '2020', '2020-03', '2020-03-14', '2021']);
  });

  it('knows when two vague dates may be the same day', () => {
    expect(partialDatesOverlap(parse('2020-12'), parse('2020-12-05'))).toBe(true);
    expect(partialDatesOverlap(parse('2020-11'), parse('2020-12-05'))).toBe(false);
  });

  it('describes dates for people', () => {
    expect(describePartialDate(parse('2020-12-05'))).toBe('5 Dec 2020');
    expect(describePartialDate(parse('2020-11/2020-12'))).toBe('between Nov 2020 and Dec 2020');
  });

  it('validates through its schema with the reason', () => {
    const r = PartialDateSchema.safeParse('2020-02-30');
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toContain('day 30 does not exist');
  });

  it('counts days between two days', () => {
    expect(daysBetween('2025-01-01', '2025-06-30')).toBe(180);
  });

  it('round-trips any valid point and keeps earliest ≤ latest (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1800, max: 2200 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.constantFrom(1, 2, 3),
        (y, m, d, parts) => {
          const text = [String(y), String(m).padStart(2, '0'), String(d).padStart(2, '0')]
            .slice(0, parts)
            .join('-');
          const date = parse(text);
          expect(formatPartialDate(date)).toBe(text);
          expect(earliestDay(date) <= latestDay(date)).toBe(true);
        },
      ),
    );
  });
});

describe('PastPartialDateSchema', () => {
  it('takes a date that has begun by today, and refuses one in the future', () => {
    const today = isoDay(new Date());
    for (const date of ['1990', '1990-05-17', today, today.slice(0, 7), today.slice(0, 4)])
      expect(PastPartialDateSchema.safeParse(date).success, date).toBe(true);
    const refused = PastPartialDateSchema.safeParse('2199-01-01');
    expect(refused.error?.issues[0]?.message).toBe('is in the future');
    expect(PastPartialDateSchema.safeParse('2020-13').error?.issues[0]?.message).toBe(
      'month 13 does not exist',
    );
  });
});
