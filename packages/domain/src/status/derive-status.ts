import { compareText, distinctSources, listSources } from '../grading/describe-source.ts';
import { assessEvent, isOccurrenceClaim } from '../grading/grade-event.ts';
import { deriveAcknowledgement } from './acknowledgement.ts';
import { deriveLegalCategory } from './legal-category.ts';
import { deriveLiberty, HELD_STATE_PHRASES } from './liberty.ts';
import { deriveLife, isDeathEvent, showsAlive } from './life.ts';
import {
  DEFAULT_STATUS_POLICY,
  type LibertyDimension,
  type LifeDimension,
  type PersonStatus,
  type StatusInput,
  type StatusPolicy,
  type StatusReason,
} from './status.schema.ts';
import { summaryLabel } from './summary-label.ts';
import {
  compareTimedEvents,
  describeEvent,
  eventReason,
  toTimedEvent,
  type TimedEvent,
} from './timeline.ts';

/** Roles in which an event happens to the person; a witness's or a perpetrator's events do not. */
const ROLES_THAT_COUNT: readonly string[] = ['subject', 'exchanged_for'];

const ROLE_PHRASES: Record<string, string> = {
  witness: 'a witness',
  alleged_perpetrator: 'an alleged perpetrator',
  other: 'not its subject',
};

/**
 * Derives a person's status from their events and the claims about them. Pure and
 * deterministic: the same input and `now` always give the same status, whatever the order of
 * the arrays.
 *
 * - Only events where the person is the subject (or the one exchanged for) count, and only those
 *   an accepted claim says happened with no accepted claim saying they did not (see
 *   `assessEvent`). Pending, rejected and needs-evidence claims never change the status; they
 *   appear in `notCounted`.
 * - Events are taken in date order (`compareTimedEvents`): liberty follows `deriveLiberty`, life
 *   `deriveLife`; acknowledgement (`deriveAcknowledgement`) and legal category
 *   (`deriveLegalCategory`) come from the person claims.
 * - An event whose accepted claims disagree on whether it happened is not dropped: the status is
 *   derived without it, then with it, and every dimension it would change is contested, with
 *   both sides in its reasons.
 * - `flags.disappeared`: held, not acknowledged, no proof of life since the custody began and
 *   no death known; `flags.contactLost`: no proof of life within the window while held, or an
 *   accepted `contact_lost` event that no later proof of life, visit, capture, handover or death
 *   has answered.
 *
 * @example
 * const status = deriveStatus({ events: [capture, proofOfLife], personClaims: [] }, new Date('2025-07-01'));
 * status.liberty.value // 'held'
 * status.life.value    // 'alive_confirmed'
 * status.summary       // 'held — alive, confirmed 2025-06-14'
 */
export function deriveStatus(
  input: StatusInput,
  now: Date,
  policy: StatusPolicy = DEFAULT_STATUS_POLICY,
): PersonStatus {
  const notCounted: StatusReason[] = [];
  const counted: TimedEvent[] = [];
  const contestedEvents: TimedEvent[] = [];
  const assessed = input.events
    .map((event) => {
      const { standing, grading } = assessEvent(event);
      return { timed: toTimedEvent(event, grading), standing };
    })
    .sort((a, b) => compareTimedEvents(a.timed, b.timed));
  for (const { timed: t, standing } of assessed) {
    if (!ROLES_THAT_COUNT.includes(t.event.role)) {
      notCounted.push(
        eventReason(
          t,
          'note',
          `${describeEvent(t)}: the person is ${ROLE_PHRASES[t.event.role] ?? 'not its subject'} here`,
        ),
      );
    } else if (standing === 'counts') {
      counted.push(t);
    } else if (standing === 'contested') {
      contestedEvents.push(t);
    } else {
      notCounted.push(eventReason(t, 'note', `${describeEvent(t)}: ${t.grading.reason}`));
    }
  }

  const base = deriveFromEvents(counted, now, policy);
  let { liberty, life } = base;
  for (const e of contestedEvents) {
    const variant = deriveFromEvents([...counted, e].sort(compareTimedEvents), now, policy);
    const libertyChanges =
      variant.liberty.value !== liberty.value || variant.liberty.heldState !== liberty.heldState;
    const lifeChanges =
      variant.life.value !== base.life.value || variant.life.since !== base.life.since;
    const reason = contestedEventReason(e);
    if (libertyChanges) {
      liberty = {
        ...liberty,
        contested: true,
        reasons: [
          ...liberty.reasons,
          {
            ...reason,
            text: `${reason.text}. If it happened, liberty would be: ${describeLiberty(variant.liberty)}`,
          },
        ],
      };
    }
    if (lifeChanges) {
      life = {
        ...life,
        contested: true,
        reasons: [
          ...life.reasons,
          {
            ...reason,
            text: `${reason.text}. If it happened, life would be: ${describeLife(variant.life)}`,
          },
        ],
      };
    }
    if (!libertyChanges && !lifeChanges) {
      notCounted.push({
        ...reason,
        kind: 'note',
        text: `${reason.text}. It would not change the status either way`,
      });
    }
  }

  const acknowledgement = deriveAcknowledgement(input.personClaims);
  const legal = deriveLegalCategory(input.personClaims);
  const dead =
    life.value === 'reported_dead' ||
    life.value === 'confirmed_dead' ||
    life.value === 'remains_returned';
  const flags = {
    disappeared:
      liberty.value === 'held' &&
      acknowledgement.value !== 'acknowledged' &&
      !dead &&
      life.lastProofOfLife === null,
    contactLost:
      !dead && (life.value === 'no_recent_proof_of_life' || base.contactLostEvent !== null),
  };
  const status = { liberty, life, acknowledgement, legal, flags };
  return { ...status, summary: summaryLabel(status), notCounted };
}

interface EventDimensions {
  liberty: LibertyDimension;
  life: LifeDimension;
  /** The accepted `contact_lost` event nothing has answered since, if any. */
  contactLostEvent: TimedEvent | null;
}

function deriveFromEvents(
  timeline: readonly TimedEvent[],
  now: Date,
  policy: StatusPolicy,
): EventDimensions {
  const liberty = deriveLiberty(timeline);
  const life = deriveLife(timeline, liberty, now, policy);
  const lastLoss = timeline.findLastIndex((t) => t.event.type === 'contact_lost');
  const answered = timeline
    .slice(lastLoss + 1)
    .some((t) => showsAlive(t) || isDeathEvent(t) || t.event.type === 'capture');
  const contactLostEvent = lastLoss >= 0 && !answered ? (timeline[lastLoss] ?? null) : null;
  if (contactLostEvent) {
    return {
      liberty: liberty.dimension,
      life: { ...life, reasons: [...life.reasons, eventReason(contactLostEvent, 'basis')] },
      contactLostEvent,
    };
  }
  return { liberty: liberty.dimension, life, contactLostEvent };
}

function contestedEventReason(e: TimedEvent): StatusReason {
  const contradicting = distinctSources(
    e.event.claims.filter(
      (c) => isOccurrenceClaim(c) && c.reviewState === 'accepted' && c.stance === 'contradicts',
    ),
  );
  const sourceIds = [
    ...new Set([...e.grading.supportingSourceIds, ...e.grading.contradictingSourceIds]),
  ].sort(compareText);
  return {
    kind: 'conflict',
    eventId: e.event.id,
    sourceIds,
    text: `Contested event: ${describeEvent(e)}; ${listSources(contradicting)} ${contradicting.length === 1 ? 'says' : 'say'} it did not happen`,
  };
}

function describeLiberty(d: LibertyDimension): string {
  return d.value === 'held' && d.heldState ? `held (${HELD_STATE_PHRASES[d.heldState]})` : d.value;
}

function describeLife(d: LifeDimension): string {
  const value = d.value.replace(/_/g, ' ');
  return d.since ? `${value} (${d.since})` : value;
}
