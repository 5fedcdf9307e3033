import {
  describePartialDate,
  earliestDay,
  latestDay,
  parsePartialDate,
  type PartialDate,
} from '../dates/partial-date.ts';
import { EVENT_TYPE_DEFS, type EventType } from '../events/event-types.ts';
import { compareText, distinctSources } from '../grading/describe-source.ts';
import type { EvidenceSource } from '../grading/evidence.schema.ts';
import { isOccurrenceClaim, type EventGrading } from '../grading/grade-event.ts';
import type { StatusEvent, StatusReason } from './status.schema.ts';

/** An event placed in time, with the sources that say it happened. Internal to the status rules. */
export interface TimedEvent {
  event: StatusEvent;
  /** Earliest and latest day the date can mean; `null` when undated or unreadable. */
  bounds: { earliest: string; latest: string } | null;
  date: PartialDate | null;
  rank: number;
  grading: EventGrading;
  /** Accepted sources saying it happened, by id. */
  supporting: EvidenceSource[];
}

/**
 * The usual course of a detention, used to order events the dates cannot separate (the same
 * day, or the same vague month): custody before process before release before return home,
 * proof of life before loss of contact before death. Types missing here (added later by
 * maintainers) sort in the middle.
 */
const NATURAL_ORDER: readonly string[] = [
  'capture',
  'detention',
  'transfer',
  'charge',
  'trial_hearing',
  'sentence',
  'appeal',
  'court_measure',
  'ill_treatment_allegation',
  'proof_of_life',
  'visit',
  'contact_lost',
  'release',
  'escape',
  'exchange',
  'repatriation',
  'death_reported',
  'remains_identified',
  'remains_returned',
] satisfies readonly (EventType | 'escape')[];

function naturalRank(type: string): number {
  const i = NATURAL_ORDER.indexOf(type);
  return i === -1 ? NATURAL_ORDER.indexOf('court_measure') + 0.5 : i;
}

export function toTimedEvent(event: StatusEvent, grading: EventGrading): TimedEvent {
  const parsed = event.date === null ? null : parsePartialDate(event.date);
  const date = parsed?.ok ? parsed.value : null;
  const supporting = distinctSources(
    event.claims.filter(
      (c) => isOccurrenceClaim(c) && c.reviewState === 'accepted' && c.stance === 'supports',
    ),
  );
  return {
    event,
    bounds: date ? { earliest: earliestDay(date), latest: latestDay(date) } : null,
    date,
    rank: naturalRank(event.type),
    grading,
    supporting,
  };
}

/**
 * Orders events in time: undated events first (they are taken to be older than every dated
 * one), then by the earliest and the latest day the date can mean, then by the usual course of
 * a detention, then by id. A total order, so the input's order never matters.
 */
export function compareTimedEvents(a: TimedEvent, b: TimedEvent): number {
  if (!a.bounds !== !b.bounds) return a.bounds ? 1 : -1;
  if (a.bounds && b.bounds) {
    const byDate =
      compareText(a.bounds.earliest, b.bounds.earliest) ||
      compareText(a.bounds.latest, b.bounds.latest);
    if (byDate !== 0) return byDate;
  }
  return a.rank - b.rank || compareText(a.event.id, b.event.id);
}

/** Whether `a` can have happened on or after the day `b` began: their dates cannot order them. */
export function mayBeAtOrAfter(a: TimedEvent, b: TimedEvent): boolean {
  return !!a.bounds && !!b.bounds && a.bounds.latest >= b.bounds.earliest;
}

/** `on 14 Jun 2025`, `in Jun 2025`, `between … and …`, `(undated)`. */
export function describeWhen(t: TimedEvent): string {
  if (!t.date)
    return t.event.date === null ? '(undated)' : `(date “${t.event.date}” not understood)`;
  if (t.date.kind === 'range') return describePartialDate(t.date);
  return `${t.date.precision === 'day' ? 'on' : 'in'} ${describePartialDate(t.date)}`;
}

const SUBTYPE_PHRASES: Readonly<Record<string, string>> = { icrc: 'ICRC', cpt: 'CPT' };

/** `Proof of life (video) on 14 Jun 2025`. */
export function describeEventShort(t: TimedEvent): string {
  const defs: Readonly<Record<string, { label: string }>> = EVENT_TYPE_DEFS;
  const label = defs[t.event.type]?.label ?? t.event.type.replace(/_/g, ' ');
  const subtype = t.event.subtype
    ? ` (${SUBTYPE_PHRASES[t.event.subtype] ?? t.event.subtype.replace(/_/g, ' ')})`
    : '';
  return `${label}${subtype} ${describeWhen(t)}`;
}

/** `Proof of life (video) on 14 Jun 2025 — Source title; Other title`. */
export function describeEvent(t: TimedEvent): string {
  const titles = t.supporting.map((s) => s.title).join('; ');
  return titles ? `${describeEventShort(t)} — ${titles}` : describeEventShort(t);
}

/** A reason pointing at an event and the sources that say it happened. */
export function eventReason(
  t: TimedEvent,
  kind: StatusReason['kind'],
  text = describeEvent(t),
): StatusReason {
  return { kind, eventId: t.event.id, sourceIds: t.supporting.map((s) => s.id), text };
}

/** The same event in lower case inside a sentence: `the capture on 5 Dec 2020`. */
export function inSentence(t: TimedEvent): string {
  const short = describeEventShort(t);
  return `the ${short.charAt(0).toLowerCase()}${short.slice(1)}`;
}
