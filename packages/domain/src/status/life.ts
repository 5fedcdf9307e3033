import { daysBetween, formatPartialDate, isoDay } from '../dates/partial-date.ts';
import { sourcesSuffix, type LibertyOutcome } from './liberty.ts';
import type { LifeDimension, LifeValue, StatusPolicy, StatusReason } from './status.schema.ts';
import {
  describeEventShort,
  describeWhen,
  eventReason,
  inSentence,
  mayBeAtOrAfter,
  type TimedEvent,
} from './timeline.ts';

/** Events that show the person alive on their date. */
const PROOF_TYPES: readonly string[] = ['proof_of_life', 'visit'];
/** Events that show the person alive but also end the custody: they were seen when handed over. */
const HANDOVER_TYPES: readonly string[] = ['release', 'exchange', 'escape', 'repatriation'];
const DEATH_TYPES: readonly string[] = ['death_reported', 'remains_identified', 'remains_returned'];

type DeathValue = Extract<LifeValue, 'reported_dead' | 'confirmed_dead' | 'remains_returned'>;
const DEATH_RANK: Record<DeathValue, number> = {
  reported_dead: 1,
  confirmed_dead: 2,
  remains_returned: 3,
};

export const isProofOfLife = (t: TimedEvent) => PROOF_TYPES.includes(t.event.type);
export const showsAlive = (t: TimedEvent) =>
  isProofOfLife(t) || HANDOVER_TYPES.includes(t.event.type);
export const isDeathEvent = (t: TimedEvent) => DEATH_TYPES.includes(t.event.type);

/**
 * How far an accepted death event goes: identified remains confirm a death; a death report is
 * confirmed only when two independent sources support it, otherwise it stays "reported".
 */
function deathValue(t: TimedEvent): DeathValue {
  if (t.event.type === 'remains_returned') return 'remains_returned';
  if (t.event.type === 'remains_identified') return 'confirmed_dead';
  return t.grading.corroboration.level === 'corroborated' ? 'confirmed_dead' : 'reported_dead';
}

/**
 * Life from the counted events in time order, given liberty.
 *
 * - Death events accumulate: the furthest stage reached (reported, confirmed, remains returned)
 *   is the value. Accepted evidence of life after an accepted death (a proof of life, a visit, a
 *   release: the person was seen when handed over) takes over as the latest word, but the
 *   dimension is contested, as it is when such evidence may have come after the death and the
 *   dates cannot tell.
 * - While held, only proof of life or a visit during the current custody counts. The last one
 *   within `proofOfLifeWindowDays` of `now` gives `alive_confirmed`; older, `no_recent_proof_of_life`.
 *   With none since the custody began, the window counts from its first dated event:
 *   `no_recent_proof_of_life` once it has passed, `unknown` before. Days count from the earliest
 *   day a vague date can mean, so a vague date raises the alarm sooner, never later.
 * - When not held, the last evidence of life, whatever its age, gives `alive_confirmed`.
 */
export function deriveLife(
  timeline: readonly TimedEvent[],
  liberty: LibertyOutcome,
  now: Date,
  policy: StatusPolicy,
): LifeDimension {
  const events = timeline.filter((t) => showsAlive(t) || isDeathEvent(t));
  let deathRun: TimedEvent[] = [];
  const reasons: StatusReason[] = [];
  let contested = false;
  for (const t of events) {
    if (isDeathEvent(t)) {
      deathRun.push(t);
    } else if (deathRun.length > 0) {
      contested = true;
      for (const d of deathRun) {
        reasons.push(
          eventReason(
            d,
            'conflict',
            `${describeEventShort(d)}${sourcesSuffix(d)}, yet the person was seen alive after it`,
          ),
        );
      }
      deathRun = [];
    }
  }

  if (deathRun.length > 0) return deathDimension(deathRun, events, reasons, contested);

  const alive =
    liberty.dimension.value === 'held'
      ? aliveWhileHeld(events, liberty, now, policy)
      : aliveWhileFree(events);
  return { ...alive, contested, reasons: [...alive.reasons, ...reasons] };
}

function deathDimension(
  deathRun: readonly TimedEvent[],
  events: readonly TimedEvent[],
  earlierConflicts: readonly StatusReason[],
  contestedBefore: boolean,
): LifeDimension {
  const [first] = deathRun;
  if (!first) throw new Error('unreachable: a death run is never empty');
  // The furthest stage decides; among equals, the latest.
  const decider = deathRun.reduce((best, d) =>
    DEATH_RANK[deathValue(d)] >= DEATH_RANK[deathValue(best)] ? d : best,
  );
  const aliveAround = events.filter((t) => showsAlive(t) && mayBeAtOrAfter(t, first));
  const reasons: StatusReason[] = deathRun.map((d) => eventReason(d, 'basis'));
  for (const a of aliveAround) {
    reasons.push(
      eventReason(
        a,
        'conflict',
        `${describeEventShort(a)}${sourcesSuffix(a)} shows the person alive, and may have come after ${inSentence(first)}`,
      ),
    );
  }
  const value = deathValue(decider);
  const since = decider.date ? formatPartialDate(decider.date) : null;
  return {
    value,
    since,
    lastProofOfLife: null,
    contested: contestedBefore || aliveAround.length > 0,
    ...(since ? { detail: describeWhen(decider) } : {}),
    reasons: [...reasons, ...earlierConflicts],
  };
}

type AliveDimension = Omit<LifeDimension, 'contested'>;

function aliveWhileHeld(
  events: readonly TimedEvent[],
  liberty: LibertyOutcome,
  now: Date,
  policy: StatusPolicy,
): AliveDimension {
  const start = liberty.custody.find((t) => t.bounds) ?? null;
  const today = isoDay(now);
  const window = policy.proofOfLifeWindowDays;
  const proofs = events.filter(
    (t) => isProofOfLife(t) && t.bounds && (!start || mayBeAtOrAfter(t, start)),
  );
  const undatedProofs = events.filter((t) => isProofOfLife(t) && !t.bounds);
  const notes = undatedProofs.map((t) =>
    eventReason(
      t,
      'note',
      `${describeEventShort(t)}${sourcesSuffix(t)} is undated, so it cannot show the person alive now`,
    ),
  );
  const lastProof = proofs.at(-1);
  if (lastProof?.bounds && lastProof.date) {
    const since = formatPartialDate(lastProof.date);
    const days = daysBetween(lastProof.bounds.earliest, today);
    const recent = days <= window;
    return {
      value: recent ? 'alive_confirmed' : 'no_recent_proof_of_life',
      since,
      lastProofOfLife: since,
      detail: recent
        ? `last proof of life ${describeWhen(lastProof)}`
        : `no proof of life for ${days} days (window ${window} days)`,
      reasons: [
        ...(start
          ? [
              eventReason(
                start,
                'basis',
                `Custody since: ${describeEventShort(start)}${sourcesSuffix(start)}`,
              ),
            ]
          : []),
        eventReason(lastProof, 'basis'),
        ...notes,
      ],
    };
  }
  if (!start?.bounds || !start.date) {
    return {
      value: 'no_recent_proof_of_life',
      since: null,
      lastProofOfLife: null,
      detail: 'no dated proof of life, and the custody is undated',
      reasons: [...liberty.custody.slice(0, 1).map((t) => eventReason(t, 'basis')), ...notes],
    };
  }
  const days = daysBetween(start.bounds.earliest, today);
  const overdue = days > window;
  return {
    value: overdue ? 'no_recent_proof_of_life' : 'unknown',
    since: formatPartialDate(start.date),
    lastProofOfLife: null,
    detail: overdue
      ? `no proof of life since ${inSentence(start)} (${days} days; window ${window} days)`
      : `no proof of life yet since ${inSentence(start)}`,
    reasons: [eventReason(start, 'basis'), ...notes],
  };
}

function aliveWhileFree(events: readonly TimedEvent[]): AliveDimension {
  const last = [...events].reverse().find(showsAlive);
  if (!last) return { value: 'unknown', since: null, lastProofOfLife: null, reasons: [] };
  const since = last.date ? formatPartialDate(last.date) : null;
  return {
    value: 'alive_confirmed',
    since,
    lastProofOfLife: since,
    detail: since ? `seen alive ${describeWhen(last)}` : 'seen alive (undated)',
    reasons: [eventReason(last, 'basis')],
  };
}
