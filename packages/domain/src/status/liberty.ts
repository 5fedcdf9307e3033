import type { HeldState, LibertyDimension, LibertyValue, StatusReason } from './status.schema.ts';
import {
  describeEventShort,
  eventReason,
  inSentence,
  mayBeAtOrAfter,
  type TimedEvent,
} from './timeline.ts';

type FreeValue = Extract<LibertyValue, 'released' | 'repatriated' | 'escaped'>;
type LibertyEffect =
  | { category: 'held'; stage: Exclude<HeldState, 'no_process_known'> | 'appeal' | null }
  | { category: 'free'; value: FreeValue };

/**
 * What each event type does to liberty. Keyed by text so that an `escape` type, once
 * maintainers add it to the vocabulary, already means `escaped`.
 */
const LIBERTY_EFFECTS: Readonly<Record<string, LibertyEffect>> = {
  capture: { category: 'held', stage: null },
  detention: { category: 'held', stage: null },
  transfer: { category: 'held', stage: null },
  charge: { category: 'held', stage: 'under_investigation' },
  trial_hearing: { category: 'held', stage: 'on_trial' },
  sentence: { category: 'held', stage: 'serving_sentence' },
  appeal: { category: 'held', stage: 'appeal' },
  release: { category: 'free', value: 'released' },
  exchange: { category: 'free', value: 'released' },
  escape: { category: 'free', value: 'escaped' },
  repatriation: { category: 'free', value: 'repatriated' },
};

const STAGE_RANK: Record<HeldState, number> = {
  no_process_known: 0,
  under_investigation: 1,
  on_trial: 2,
  serving_sentence: 3,
};
/** A release the dates cannot place after a repatriation does not undo the return home. */
const FREE_RANK: Record<FreeValue, number> = { released: 1, escaped: 1, repatriated: 2 };

export const HELD_STATE_PHRASES: Record<HeldState, string> = {
  under_investigation: 'under investigation',
  on_trial: 'on trial',
  serving_sentence: 'serving a sentence',
  no_process_known: 'no legal process known',
};

export function libertyEffect(t: TimedEvent): LibertyEffect | undefined {
  return LIBERTY_EFFECTS[t.event.type];
}

export interface LibertyOutcome {
  dimension: LibertyDimension;
  /** The events of the current custody, in order, when held. */
  custody: TimedEvent[];
}

/**
 * Liberty from the counted events, in time order (see `compareTimedEvents`).
 *
 * Custody events (capture, detention, transfer, charge, trial hearing, sentence, appeal) mean
 * held; release and exchange mean released; repatriation means repatriated. The last such
 * event decides, so a capture after a release means held again. While held, the furthest stage
 * of legal process reached in the current custody gives the held state (a charge: under
 * investigation; a trial hearing or an appeal: on trial; a sentence: serving a sentence; an
 * appeal after a sentence keeps "serving a sentence").
 *
 * Liberty is contested when an event pointing the other way (held against free) may have
 * happened on or after the deciding one and the dates cannot tell which came last, with two
 * exceptions that follow the usual course of a detention: a capture that may fall on the day of
 * a release is taken as the custody that release ended, and an undated custody event is taken to
 * be older than the dated ones. An undated release, exchange or repatriation against a dated
 * custody does contest it: the person may have been freed since.
 */
export function deriveLiberty(timeline: readonly TimedEvent[]): LibertyOutcome {
  const events = timeline.filter((t) => libertyEffect(t));
  const decider = events.at(-1);
  if (!decider) {
    return {
      dimension: {
        value: 'unknown',
        contested: false,
        heldState: null,
        reasons: [],
        detail: 'no accepted custody or release event',
      },
      custody: [],
    };
  }

  let value: LibertyValue = 'unknown';
  let heldState: HeldState | null = null;
  let custody: TimedEvent[] = [];
  let processEvent: TimedEvent | null = null;
  let freeEvent: TimedEvent | null = null;
  for (const t of events) {
    const effect = libertyEffect(t);
    if (!effect) continue;
    if (effect.category === 'held') {
      if (value !== 'held') {
        value = 'held';
        heldState = 'no_process_known';
        custody = [];
        processEvent = null;
      }
      custody.push(t);
      const current: HeldState = heldState ?? 'no_process_known';
      const stage: HeldState | null =
        effect.stage === 'appeal'
          ? current === 'no_process_known'
            ? 'on_trial'
            : current
          : effect.stage;
      if (stage && STAGE_RANK[stage] > STAGE_RANK[current]) {
        heldState = stage;
        processEvent = t;
      }
    } else {
      const stillHigher =
        isFree(value) &&
        freeEvent &&
        FREE_RANK[value] > FREE_RANK[effect.value] &&
        cannotOrder(freeEvent, t);
      if (!stillHigher) {
        value = effect.value;
        freeEvent = t;
      }
      heldState = null;
      custody = [];
      processEvent = null;
    }
  }

  const reasons: StatusReason[] = [];
  const basis = value === 'held' ? [custody[0], processEvent, decider] : [freeEvent, decider];
  for (const t of unique(basis)) reasons.push(eventReason(t, 'basis'));

  const deciderCategory = libertyEffect(decider)?.category;
  const conflicts = events.filter(
    (f) =>
      f !== decider && libertyEffect(f)?.category !== deciderCategory && conflictsWith(f, decider),
  );
  for (const f of conflicts) {
    reasons.push(
      eventReason(
        f,
        'conflict',
        `${describeEventShort(f)}${sourcesSuffix(f)} may have come after ${inSentence(decider)}: the dates cannot tell which is the latest`,
      ),
    );
  }
  const hasDated = events.some((t) => t.bounds);
  for (const t of events) {
    if (!t.bounds && hasDated && !conflicts.includes(t)) {
      reasons.push(
        eventReason(
          t,
          'note',
          `${describeEventShort(t)}${sourcesSuffix(t)} is taken to be older than the dated events`,
        ),
      );
    }
  }

  return {
    dimension: {
      value,
      heldState,
      ...(value === 'held' && heldState ? { detail: HELD_STATE_PHRASES[heldState] } : {}),
      contested: conflicts.length > 0,
      reasons,
    },
    custody: value === 'held' ? custody : [],
  };
}

function conflictsWith(other: TimedEvent, decider: TimedEvent): boolean {
  const otherCategory = libertyEffect(other)?.category;
  const deciderCategory = libertyEffect(decider)?.category;
  if (!other.bounds) return otherCategory === 'free' && deciderCategory === 'held';
  if (!mayBeAtOrAfter(other, decider)) return false;
  return !(other.event.type === 'capture' && deciderCategory === 'free');
}

/** Whether the dates leave open that `earlier` (sorted first) happened on the day of `later` or after. */
function cannotOrder(earlier: TimedEvent, later: TimedEvent): boolean {
  return earlier.bounds ? mayBeAtOrAfter(earlier, later) : !later.bounds;
}

function isFree(value: LibertyValue): value is FreeValue {
  return value === 'released' || value === 'repatriated' || value === 'escaped';
}

function unique(events: readonly (TimedEvent | null | undefined)[]): TimedEvent[] {
  return events.filter((t, i): t is TimedEvent => !!t && events.indexOf(t) === i);
}

export function sourcesSuffix(t: TimedEvent): string {
  const titles = t.supporting.map((s) => s.title).join('; ');
  return titles ? ` (${titles})` : '';
}
