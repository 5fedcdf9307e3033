import { z } from 'zod';
import { earliestDay, latestDay, parsePartialDate } from '../dates/partial-date.ts';
import { eventFields } from '../events/event.schema.ts';
import type { EventType } from '../events/event-types.ts';
import { isFieldCleared, type Sensitivity } from '../sensitivity/sensitivity.ts';

/**
 * Event types that tell when and where a person was taken or last seen: a capture or abduction,
 * a detention, and a loss of contact (the last sign of someone who then disappeared). The
 * registry's date filter (`takenFrom`, `takenTo`) reads the dates of these events, the same
 * events a WGEID case file takes its date of arrest or disappearance from.
 */
export const TAKEN_EVENT_TYPES = [
  'capture',
  'detention',
  'contact_lost',
] as const satisfies readonly EventType[];

/**
 * Event types whose acting party is the side that took or holds the person: a capture or
 * abduction, a detention, and a transfer between places of detention. The registry's `side`
 * filter reads the acting party of these events.
 */
export const CUSTODY_EVENT_TYPES = [
  'capture',
  'detention',
  'transfer',
] as const satisfies readonly EventType[];

/** The registry filters that read the person's events, and the event fields each one reads. */
const EVENT_FIELDS_READ = {
  takenFrom: ['type', 'date'],
  takenTo: ['type', 'date'],
  place: ['place'],
  side: ['type', 'actingParty'],
} as const satisfies Record<string, readonly string[]>;

export type RegistryEventFilter = keyof typeof EVENT_FIELDS_READ;

/**
 * The registry filters a caller with `clearance` may not use: those that read a field of events
 * above it (see `eventFields`). Filtering by such a field would tell what it holds.
 *
 * @example
 * registryFiltersAbove('partner') // []
 * registryFiltersAbove('public') // ['takenFrom', 'takenTo', 'place', 'side']
 */
export function registryFiltersAbove(clearance: Sensitivity): RegistryEventFilter[] {
  return (Object.keys(EVENT_FIELDS_READ) as RegistryEventFilter[]).filter((filter) =>
    EVENT_FIELDS_READ[filter].some((field) => !isFieldCleared(eventFields, field, clearance)),
  );
}

const FILTER_DATE_FORM = 'must be a date written YYYY, YYYY-MM or YYYY-MM-DD';

/**
 * One end of a date filter: a year, a month or a day (`2020`, `2020-12`, `2020-12-05`), as
 * precise as the person filtering knows it. Empty text filters nothing.
 */
export const DateFilterSchema = z
  .string()
  .trim()
  .superRefine((text, ctx) => {
    if (text === '') return;
    if (text.length > 10 || text.includes('/')) {
      ctx.addIssue({ code: 'custom', message: FILTER_DATE_FORM });
      return;
    }
    const parsed = parsePartialDate(text);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.error });
  });

/** The days a date filter covers, as `YYYY-MM-DD`; `null` for an open end. */
export interface DateFilterDays {
  earliest: string | null;
  latest: string | null;
}

function dayOf(text: string | undefined, end: 'earliest' | 'latest'): string | null {
  if (!text) return null;
  const parsed = parsePartialDate(text);
  if (!parsed.ok) throw new Error(`not a date filter: ${parsed.error}`);
  return end === 'earliest' ? earliestDay(parsed.value) : latestDay(parsed.value);
}

/**
 * The days a date filter from `from` to `to` covers: from the first day `from` can mean to the
 * last day `to` can mean, so that `2020` to `2020` is the whole year and `2020-11` to `2020-12`
 * two months. An end left out (or empty) is open. `null` when the filter covers no day at all
 * (`from` is after `to`). Both ends must be valid {@link DateFilterSchema} text.
 *
 * @example
 * dateFilterDays('2020', '2020-11') // { earliest: '2020-01-01', latest: '2020-11-30' }
 * dateFilterDays('2020-12', undefined) // { earliest: '2020-12-01', latest: null }
 * dateFilterDays('2021', '2020-12') // null
 */
export function dateFilterDays(
  from: string | undefined,
  to: string | undefined,
): DateFilterDays | null {
  const earliest = dayOf(from, 'earliest');
  const latest = dayOf(to, 'latest');
  if (earliest && latest && earliest > latest) return null;
  return { earliest, latest };
}
