import { z } from 'zod';

/**
 * A date known only as precisely as the sources allow: a year (`2020`), a month (`2020-12`),
 * a day (`2020-12-05`), or a range between two of those (`2020-11-10/2020-12-15`, ISO 8601
 * interval notation). The text form is canonical: it is what is stored, and parsing then
 * formatting gives back exactly the same text.
 */
export type DatePrecision = 'year' | 'month' | 'day';

export interface PartialDatePoint {
  kind: 'point';
  precision: DatePrecision;
  year: number;
  month?: number;
  day?: number;
}

export interface PartialDateRange {
  kind: 'range';
  from: PartialDatePoint;
  to: PartialDatePoint;
}

export type PartialDate = PartialDatePoint | PartialDateRange;

const POINT = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Parses one point, or returns an error message saying what is wrong. */
function parsePoint(text: string): PartialDatePoint | string {
  const m = POINT.exec(text);
  if (!m) return `"${text}" is not a date: write YYYY, YYYY-MM or YYYY-MM-DD`;
  const year = Number(m[1]);
  if (year < 1800 || year > 2200) return `year ${year} is out of range (1800–2200)`;
  if (m[2] === undefined) return { kind: 'point', precision: 'year', year };
  const month = Number(m[2]);
  if (month < 1 || month > 12) return `month ${m[2]} does not exist`;
  if (m[3] === undefined) return { kind: 'point', precision: 'month', year, month };
  const day = Number(m[3]);
  if (day < 1 || day > daysInMonth(year, month))
    return `day ${m[3]} does not exist in ${m[1]}-${m[2]}`;
  return { kind: 'point', precision: 'day', year, month, day };
}

/**
 * Parses the canonical text of a partial date.
 *
 * @example
 * parsePartialDate('2020-12') // { ok: true, value: { kind: 'point', precision: 'month', year: 2020, month: 12 } }
 * parsePartialDate('2020-13') // { ok: false, error: 'month 13 does not exist' }
 */
export function parsePartialDate(
  text: string,
): { ok: true; value: PartialDate } | { ok: false; error: string } {
  const parts = text.split('/');
  if (parts.length > 2) return { ok: false, error: 'a range has exactly one "/"' };
  const points = parts.map(parsePoint);
  for (const p of points) if (typeof p === 'string') return { ok: false, error: p };
  const [from, to] = points as PartialDatePoint[];
  if (!from) return { ok: false, error: 'empty date' };
  if (!to) return { ok: true, value: from };
  if (earliestDay(from) > latestDay(to)) {
    return { ok: false, error: `the range starts (${parts[0]}) after it ends (${parts[1]})` };
  }
  return { ok: true, value: { kind: 'range', from, to } };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function formatPoint(p: PartialDatePoint): string {
  if (p.precision === 'year') return pad(p.year, 4);
  if (p.precision === 'month') return `${pad(p.year, 4)}-${pad(p.month ?? 1)}`;
  return `${pad(p.year, 4)}-${pad(p.month ?? 1)}-${pad(p.day ?? 1)}`;
}

/** The canonical text of a partial date; the inverse of {@link parsePartialDate}. */
export function formatPartialDate(date: PartialDate): string {
  return date.kind === 'point'
    ? formatPoint(date)
    : `${formatPoint(date.from)}/${formatPoint(date.to)}`;
}

/** The first day the date can mean, as `YYYY-MM-DD`. */
export function earliestDay(date: PartialDate): string {
  const p = date.kind === 'range' ? date.from : date;
  return `${pad(p.year, 4)}-${pad(p.month ?? 1)}-${pad(p.day ?? 1)}`;
}

/** The last day the date can mean, as `YYYY-MM-DD`. */
export function latestDay(date: PartialDate): string {
  const p = date.kind === 'range' ? date.to : date;
  const month = p.month ?? 12;
  return `${pad(p.year, 4)}-${pad(month)}-${pad(p.day ?? daysInMonth(p.year, month))}`;
}

/** The coarsest precision of the date: a range is as precise as its vaguer end. */
export function precisionOf(date: PartialDate): DatePrecision | 'range' {
  return date.kind === 'range' ? 'range' : date.precision;
}

/**
 * Orders partial dates by the earliest day they can mean, then by the latest, so that
 * `2020` sorts before `2020-03` and `2020-03` before `2020-03-14`.
 */
export function comparePartialDates(a: PartialDate, b: PartialDate): number {
  const byStart = earliestDay(a).localeCompare(earliestDay(b));
  return byStart !== 0 ? byStart : latestDay(a).localeCompare(latestDay(b));
}

/** Compares two canonical date texts; throws on invalid text. */
export function comparePartialDateTexts(a: string, b: string): number {
  return comparePartialDates(mustParse(a), mustParse(b));
}

function mustParse(text: string): PartialDate {
  const r = parsePartialDate(text);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** Earliest and latest day of a canonical date text, for storage as sortable columns. */
export function partialDateBounds(text: string): { earliest: string; latest: string } {
  const d = mustParse(text);
  return { earliest: earliestDay(d), latest: latestDay(d) };
}

/** Whether the two dates can possibly be the same day. */
export function partialDatesOverlap(a: PartialDate, b: PartialDate): boolean {
  return earliestDay(a) <= latestDay(b) && earliestDay(b) <= latestDay(a);
}

/** Human form for pages: `2020`, `Dec 2020`, `5 Dec 2020`, `between … and …`. */
export function describePartialDate(date: PartialDate): string {
  const months = [
    'Jan',
    'Feb',
    'Mar',
    'Apr',
    'May',
    'Jun',
    'Jul',
    'Aug',
    'Sep',
    'Oct',
    'Nov',
    'Dec',
  ];
  const point = (p: PartialDatePoint) =>
    p.precision === 'year'
      ? `${p.year}`
      : p.precision === 'month'
        ? `${months[(p.month ?? 1) - 1]} ${p.year}`
        : `${p.day} ${months[(p.month ?? 1) - 1]} ${p.year}`;
  return date.kind === 'point' ? point(date) : `between ${point(date.from)} and ${point(date.to)}`;
}

/** A partial date in its canonical text form, validated. */
export const PartialDateSchema = z.string().superRefine((text, ctx) => {
  const r = parsePartialDate(text);
  if (!r.ok) ctx.addIssue({ code: 'custom', message: r.error });
});

/**
 * A partial date that has begun by now: a birth date or an event cannot start after today. Read
 * as text, after {@link PartialDateSchema} (a date that does not exist is its error, not this one).
 *
 * @example
 * PastPartialDateSchema.safeParse('2030-01-01').success // false: "is in the future"
 * PastPartialDateSchema.safeParse('2026').success // true during 2026
 */
export const PastPartialDateSchema = PartialDateSchema.superRefine((text, ctx) => {
  const parsed = parsePartialDate(text);
  if (parsed.ok && earliestDay(parsed.value) > isoDay(new Date()))
    ctx.addIssue({ code: 'custom', message: 'is in the future' });
});

/** Today's date as `YYYY-MM-DD` (UTC). */
export function isoDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to`, both `YYYY-MM-DD`. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
