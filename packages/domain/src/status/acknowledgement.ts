import { ACKNOWLEDGEMENTS } from '../claims/claim.schema.ts';
import {
  describePartialDate,
  earliestDay,
  formatPartialDate,
  latestDay,
  parsePartialDate,
  type PartialDate,
} from '../dates/partial-date.ts';
import { compareText, describeSource } from '../grading/describe-source.ts';
import type { EvidenceClaim } from '../grading/evidence.schema.ts';
import type {
  AcknowledgementDimension,
  AcknowledgementValue,
  StatusReason,
} from './status.schema.ts';

type Acknowledgement = (typeof ACKNOWLEDGEMENTS)[number];

const ACKNOWLEDGEMENT_PHRASES: Record<Acknowledgement, string> = {
  acknowledged: 'The detaining state acknowledges holding the person',
  denied: 'The detaining state denies holding the person',
  cannot_identify: 'The detaining state says it cannot identify the person',
  no_reply: 'The detaining state has not replied',
};

interface DatedClaim {
  claim: EvidenceClaim;
  value: Acknowledgement;
  date: PartialDate | null;
}

const isAcknowledgement = (v: unknown): v is Acknowledgement =>
  (ACKNOWLEDGEMENTS as readonly unknown[]).includes(v);

function compareByPublication(a: DatedClaim, b: DatedClaim): number {
  if (!a.date !== !b.date) return a.date ? 1 : -1;
  if (a.date && b.date) {
    const byDate =
      compareText(earliestDay(a.date), earliestDay(b.date)) ||
      compareText(latestDay(a.date), latestDay(b.date));
    if (byDate !== 0) return byDate;
  }
  return compareText(a.claim.id, b.claim.id);
}

/** Whether `a` may have been published on or after the day `b` was; undated claims only tie with each other. */
function mayBeAtOrAfter(a: DatedClaim, b: DatedClaim): boolean {
  if (!a.date || !b.date) return !a.date && !b.date;
  return latestDay(a.date) >= earliestDay(b.date);
}

function claimReason(c: DatedClaim, kind: StatusReason['kind'], prefix = ''): StatusReason {
  const when = c.date ? `, published ${describePartialDate(c.date)}` : ', publication date unknown';
  const what =
    c.claim.stance === 'supports'
      ? ACKNOWLEDGEMENT_PHRASES[c.value]
      : `Disputed: “${ACKNOWLEDGEMENT_PHRASES[c.value]}”`;
  return {
    kind,
    claimId: c.claim.id,
    sourceIds: [c.claim.source.id],
    text: `${prefix}${what} — ${describeSource(c.claim.source)}${when}`,
  };
}

/**
 * Acknowledgement by the detaining state, from the accepted `acknowledgement` claims about the
 * person. The latest statement wins, by its source's published date; statements without a
 * published date are taken to be older than dated ones. When accepted statements that cannot be
 * ordered (the same date, overlapping vague dates, or all undated) say different things, or an
 * accepted claim disputes the winning statement and is not older than it, the dimension is
 * contested and shows the latest statement by claim id order.
 */
export function deriveAcknowledgement(
  personClaims: readonly EvidenceClaim[],
): AcknowledgementDimension {
  const accepted: DatedClaim[] = personClaims
    .filter((c) => c.predicate === 'acknowledgement' && c.reviewState === 'accepted')
    .flatMap((claim) => {
      if (!isAcknowledgement(claim.value)) return [];
      const parsed = claim.source.publishedDate
        ? parsePartialDate(claim.source.publishedDate)
        : null;
      return [{ claim, value: claim.value, date: parsed?.ok ? parsed.value : null }];
    })
    .sort(compareByPublication);
  const statements = accepted.filter((c) => c.claim.stance === 'supports');
  const disputes = accepted.filter((c) => c.claim.stance === 'contradicts');
  const latest = statements.at(-1);
  if (!latest) {
    return {
      value: 'unknown',
      since: null,
      contested: false,
      reasons: disputes.map((c) => claimReason(c, 'note')),
    };
  }
  const value: AcknowledgementValue = latest.value;
  const tied = statements.filter((c) => c !== latest && mayBeAtOrAfter(c, latest));
  const disagreeing = tied.filter((c) => c.value !== value);
  const disputing = disputes.filter((c) => c.value === value && mayBeAtOrAfter(c, latest));
  const reasons: StatusReason[] = [
    claimReason(latest, 'basis'),
    ...tied.filter((c) => c.value === value).map((c) => claimReason(c, 'basis')),
    ...disagreeing.map((c) => claimReason(c, 'conflict')),
    ...disputing.map((c) => claimReason(c, 'conflict')),
    ...statements
      .filter((c) => c !== latest && !tied.includes(c))
      .reverse()
      .map((c) => claimReason(c, 'note', 'Earlier: ')),
  ];
  return {
    value,
    since: latest.date ? formatPartialDate(latest.date) : null,
    contested: disagreeing.length > 0 || disputing.length > 0,
    ...(latest.date ? { detail: `as of ${describePartialDate(latest.date)}` } : {}),
    reasons,
  };
}
