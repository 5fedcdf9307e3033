import { corroboration, type Corroboration } from './corroboration.ts';
import { distinctSources, listSources } from './describe-source.ts';
import type { EvidenceClaim } from './evidence.schema.ts';
import {
  describeCredibility,
  describeReliability,
  isFairEvidence,
  isStrongEvidence,
} from './grades.ts';

/**
 * The predicates that say an event happened (to the person): `occurred` about the event,
 * `participated` about the person's part in it. Other predicates (`date`, `place`,
 * `acting_party`, `other`) describe details and do not change whether the event happened.
 */
export const OCCURRENCE_PREDICATES = ['occurred', 'participated'] as const;

export const EVENT_GRADES = ['confirmed', 'fair', 'weak', 'contested', 'discounted'] as const;
export type EventGrade = (typeof EVENT_GRADES)[number];

export interface EventGrading {
  grade: EventGrade;
  /** Plain English, naming the sources. */
  reason: string;
  /** Corroboration of the accepted supporting occurrence claims. */
  corroboration: Corroboration;
  /** Sources of accepted claims saying it happened, by id. */
  supportingSourceIds: string[];
  /** Sources of accepted claims saying it did not happen, by id. */
  contradictingSourceIds: string[];
}

/** Whether a claim says an event happened or did not (as opposed to describing a detail of it). */
export function isOccurrenceClaim(claim: Pick<EvidenceClaim, 'predicate'>): boolean {
  return (OCCURRENCE_PREDICATES as readonly string[]).includes(claim.predicate);
}

/**
 * Grades an event from the claims about it. Only occurrence claims (`occurred`,
 * `participated`: for a person's status both say "this happened to them") are weighed;
 * `needs_evidence` counts as not yet reviewed. The first rule that applies decides:
 *
 * 1. `contested`: accepted claims both support and contradict it;
 * 2. `discounted`: accepted claims only contradict it, or every claim was rejected;
 * 3. `weak`: no accepted claim supports it yet (none at all, or only claims awaiting review);
 * 4. `confirmed`: it is corroborated by two independent sources (see `corroboration`), or one
 *    accepted supporting claim comes from an A/B source with credibility 1–2;
 * 5. `fair`: one accepted supporting claim comes from an A–C source with credibility 1–3 or 6;
 * 6. `weak`: otherwise (only unreliable sources, or information judged doubtful or improbable).
 *
 * @example
 * gradeEvent([acceptedClaim({ reliability: 'B', credibility: 3 })]).grade // 'fair'
 * gradeEvent([acceptedClaim({ stance: 'supports' }), acceptedClaim({ stance: 'contradicts' })]).grade // 'contested'
 */
export function gradeEvent(claims: readonly EvidenceClaim[]): EventGrading {
  const occurrence = claims.filter(isOccurrenceClaim);
  const accepted = occurrence.filter((c) => c.reviewState === 'accepted');
  const supporting = accepted.filter((c) => c.stance === 'supports');
  const contradicting = accepted.filter((c) => c.stance === 'contradicts');
  const supportingSources = distinctSources(supporting);
  const contradictingSources = distinctSources(contradicting);
  const graded = (grade: EventGrade, reason: string): EventGrading => ({
    grade,
    reason,
    corroboration: corroboration(supporting),
    supportingSourceIds: supportingSources.map((s) => s.id),
    contradictingSourceIds: contradictingSources.map((s) => s.id),
  });

  if (supporting.length > 0 && contradicting.length > 0) {
    return graded(
      'contested',
      `Contested: ${listSources(supportingSources)} ${says(supportingSources.length)} it happened; ` +
        `${listSources(contradictingSources)} ${says(contradictingSources.length)} it did not.`,
    );
  }
  if (contradicting.length > 0) {
    return graded(
      'discounted',
      `Discounted: accepted claims say it did not happen (${listSources(contradictingSources)}).`,
    );
  }
  if (occurrence.length > 0 && occurrence.every((c) => c.reviewState === 'rejected')) {
    return graded(
      'discounted',
      `Discounted: every claim that it happened was rejected (${listSources(distinctSources(occurrence))}).`,
    );
  }
  if (supporting.length === 0) {
    const waiting = occurrence.filter(
      (c) => c.reviewState === 'pending' || c.reviewState === 'needs_evidence',
    );
    return graded(
      'weak',
      waiting.length === 0
        ? 'Weak: no source says it happened.'
        : `Weak: no claim that it happened is accepted yet; ${waiting.length} await${waiting.length === 1 ? 's' : ''} review (${listSources(distinctSources(waiting))}).`,
    );
  }

  const corroborated = corroboration(supporting);
  if (corroborated.level === 'corroborated')
    return graded('confirmed', `Confirmed: ${lowerFirst(corroborated.reason)}`);
  const byStrength = [...supporting].sort(compareStrength);
  const strongest = byStrength[0];
  if (!strongest) throw new Error('unreachable: supporting claims are not empty');
  const grades = `reliability ${describeReliability(strongest.source.reliability)}, credibility ${describeCredibility(strongest.credibility)}`;
  const named = listSources([strongest.source]);
  if (isStrongEvidence(strongest.source.reliability, strongest.credibility)) {
    return graded('confirmed', `Confirmed: a single strong source, ${named}: ${grades}.`);
  }
  if (isFairEvidence(strongest.source.reliability, strongest.credibility)) {
    return graded(
      'fair',
      `Fair: a single reliable source, ${named}: ${grades}; not corroborated by an independent source.`,
    );
  }
  return graded('weak', `Weak: the best support is ${named}: ${grades}.`);
}

const says = (n: number) => (n === 1 ? 'says' : 'say');
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** Strong before fair before the rest; then by reliability, credibility and claim id for stable reasons. */
function compareStrength(a: EvidenceClaim, b: EvidenceClaim): number {
  const tier = (c: EvidenceClaim) =>
    isStrongEvidence(c.source.reliability, c.credibility)
      ? 0
      : isFairEvidence(c.source.reliability, c.credibility)
        ? 1
        : 2;
  const credibilityRank = (c: EvidenceClaim) => (c.credibility === 6 ? 3.5 : c.credibility);
  return (
    tier(a) - tier(b) ||
    a.source.reliability.localeCompare(b.source.reliability) ||
    credibilityRank(a) - credibilityRank(b) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/**
 * What an event means for a person's status:
 * - `counts`: at least one accepted claim says it happened, none says it did not
 *   (grade `confirmed`, `fair` or `weak`); the status rules use it;
 * - `contested`: accepted claims disagree on whether it happened; the status rules must not
 *   drop it silently but show the dimension it would change as contested;
 * - `not_counted`: nothing accepted says it happened (pending, rejected or contradicted).
 */
export const EVENT_STANDINGS = ['counts', 'contested', 'not_counted'] as const;
export type EventStanding = (typeof EVENT_STANDINGS)[number];

export interface EventAssessment {
  standing: EventStanding;
  grading: EventGrading;
}

/**
 * Decides whether an event counts for a person's status, from the claims about it.
 *
 * @example
 * assessEvent({ claims: [acceptedSupportingClaim] }).standing           // 'counts'
 * assessEvent({ claims: [pendingClaim] }).standing                      // 'not_counted'
 * assessEvent({ claims: [acceptedSupporting, acceptedContradicting] }).standing // 'contested'
 */
export function assessEvent(event: { claims: readonly EvidenceClaim[] }): EventAssessment {
  const grading = gradeEvent(event.claims);
  if (grading.grade === 'contested') return { standing: 'contested', grading };
  if (grading.grade === 'discounted' || grading.supportingSourceIds.length === 0) {
    return { standing: 'not_counted', grading };
  }
  return { standing: 'counts', grading };
}

/**
 * Whether an event counts for status: an accepted claim says it happened (`occurred` or
 * `participated`) and no accepted claim says it did not. A contested event is not accepted,
 * but `deriveStatus` still shows it as a conflict: use {@link assessEvent} to tell the two apart.
 *
 * @example
 * isEventAccepted({ claims: [acceptedSupportingClaim] }) // true
 */
export function isEventAccepted(event: { claims: readonly EvidenceClaim[] }): boolean {
  return assessEvent(event).standing === 'counts';
}
