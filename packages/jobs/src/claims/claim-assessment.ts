import {
  assessEvent,
  corroboration,
  deriveAcknowledgement,
  deriveLegalCategory,
  describeCredibility,
  describeReliability,
  isOccurrenceClaim,
  parsePartialDate,
  partialDatesOverlap,
  type EvidenceClaim,
  type EvidenceSource,
} from '@vigil/domain';

/** What a claim is about, as its assessment names it. */
export type ClaimSubject =
  | { kind: 'person' }
  | { kind: 'event'; eventLabel: string }
  | { kind: 'participation'; eventLabel: string };

export interface ClaimAssessment {
  /** The assessment in words, for the claim's review task: grades, corroboration, what else is on record. */
  text: string;
  /**
   * Why accepted claims on the same subject disagree, in words, or `null` when they do not:
   * an event both said to have happened and not to have happened, a value both asserted and
   * disputed, different birth dates that cannot both be right, or statements of the detaining
   * state (or legal categories) that the status rules find contested.
   */
  conflict: string | null;
}

const SIDE_PHRASES: Record<EvidenceSource['side'], string> = {
  state_a: 'state A',
  state_b: 'state B',
  third_party: 'third party',
  independent: 'independent',
  unknown: 'side unknown',
};

const sourcePhrase = (s: EvidenceSource) =>
  `“${s.title}” (${s.publisher?.trim() || 'publisher unknown'}, ${SIDE_PHRASES[s.side]})`;

const listSources = (claims: readonly EvidenceClaim[]) =>
  [...new Map(claims.map((c) => [c.source.id, c.source])).values()].map(sourcePhrase).join('; ');

const grades = (c: EvidenceClaim) =>
  `source reliability ${describeReliability(c.source.reliability)}, information credibility ${describeCredibility(c.credibility)}`;

/** Predicates whose values read as words once underscores are spaces (`prisoner_of_war`). */
const WORD_VALUED = new Set(['legal_category', 'acknowledgement']);

function valuePhrase(predicate: string, value: unknown): string {
  const text =
    typeof value === 'string'
      ? WORD_VALUED.has(predicate)
        ? value.replaceAll('_', ' ')
        : value
      : JSON.stringify(value ?? null);
  return `“${text.length > 200 ? `${text.slice(0, 199)}…` : text}”`;
}

const valueKey = (value: unknown) => JSON.stringify(value ?? null);

const PREDICATE_LABELS: Record<string, string> = {
  birth_date: 'the birth date',
  legal_category: 'the legal category',
  acknowledgement: 'the answer of the detaining state',
  date: 'the date',
  place: 'the place',
  acting_party: 'the acting party',
};

/** `says the birth date is “1990-05”` / `says the birth date is not “1990-05”`. */
function assertionPhrase(claim: EvidenceClaim): string {
  const value = valuePhrase(claim.predicate, claim.value);
  const supports = claim.stance === 'supports';
  switch (claim.predicate) {
    case 'name':
      return supports ? `gives the name ${value}` : `says the name ${value} is wrong`;
    case 'identifier':
      return supports ? `gives the identifier ${value}` : `says the identifier ${value} is wrong`;
    case 'other':
      return supports ? `says ${value}` : `disputes ${value}`;
    default: {
      const label =
        PREDICATE_LABELS[claim.predicate] ?? `the ${claim.predicate.replaceAll('_', ' ')}`;
      return `says ${label} is ${supports ? '' : 'not '}${value}`;
    }
  }
}

const REVIEW_PHRASES = {
  accepted: 'accepted',
  pending: 'awaiting review',
  needs_evidence: 'waiting for more evidence',
  rejected: 'rejected',
} as const satisfies Record<EvidenceClaim['reviewState'], string>;

function othersOnRecord(others: readonly EvidenceClaim[], where: string): string {
  if (others.length === 0) return `No other claim on ${where} is on record.`;
  const counts = (Object.keys(REVIEW_PHRASES) as EvidenceClaim['reviewState'][])
    .map((state) => [state, others.filter((c) => c.reviewState === state).length] as const)
    .filter(([, n]) => n > 0)
    .map(([state, n]) => `${n} ${REVIEW_PHRASES[state]}`);
  return `Other claims on ${where}: ${counts.join(', ')}.`;
}

const asAccepted = (claims: readonly EvidenceClaim[], id: string) =>
  claims.map((c) => (c.id === id ? { ...c, reviewState: 'accepted' as const } : c));

/** Predicates with one true value per subject: different accepted values cannot all be right. */
const DATE_VALUED = new Set(['birth_date']);

function datesDisagree(a: unknown, b: unknown): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') return valueKey(a) !== valueKey(b);
  const [pa, pb] = [parsePartialDate(a), parsePartialDate(b)];
  if (!pa.ok || !pb.ok) return a !== b;
  return !partialDatesOverlap(pa.value, pb.value);
}

/** Accepted claims on one predicate that disagree, in words, or `null`. */
function valueConflict(
  predicate: string,
  samePredicate: readonly EvidenceClaim[],
  subject: string,
): string | null {
  const accepted = samePredicate.filter((c) => c.reviewState === 'accepted');
  const problems: string[] = [];
  const values = [...new Set(accepted.map((c) => valueKey(c.value)))];
  for (const key of values) {
    const withValue = accepted.filter((c) => valueKey(c.value) === key);
    const supporting = withValue.filter((c) => c.stance === 'supports');
    const disputing = withValue.filter((c) => c.stance === 'contradicts');
    if (supporting.length > 0 && disputing.length > 0) {
      const value = valuePhrase(predicate, supporting[0]?.value);
      problems.push(
        `${value} is asserted by ${listSources(supporting)} and disputed by ${listSources(disputing)}`,
      );
    }
  }
  if (predicate === 'acknowledgement') {
    const dimension = deriveAcknowledgement(samePredicate);
    if (dimension.contested) {
      problems.push(
        `statements of the detaining state cannot be ordered by date and disagree: ${dimension.reasons
          .filter((r) => r.kind !== 'note')
          .map((r) => r.text)
          .join('; ')}`,
      );
    }
  }
  if (predicate === 'legal_category') {
    const dimension = deriveLegalCategory(samePredicate);
    if (dimension.contested) {
      problems.push(
        `no legal category has the most independent support: ${dimension.reasons
          .filter((r) => r.kind !== 'note')
          .map((r) => r.text)
          .join('; ')}`,
      );
    }
  }
  if (DATE_VALUED.has(predicate)) {
    const supported = accepted.filter((c) => c.stance === 'supports');
    const clashing = supported.filter((a) =>
      supported.some((b) => datesDisagree(a.value, b.value)),
    );
    if (clashing.length > 0) {
      const byValue = [...new Set(clashing.map((c) => valueKey(c.value)))].map((key) => {
        const claims = clashing.filter((c) => valueKey(c.value) === key);
        return `${valuePhrase(predicate, claims[0]?.value)} (${listSources(claims)})`;
      });
      problems.push(
        `they give ${PREDICATE_LABELS[predicate] ?? predicate}s that cannot both be right: ${byValue.join('; ')}`,
      );
    }
  }
  if (problems.length === 0) return null;
  const label = PREDICATE_LABELS[predicate] ?? `the ${predicate.replaceAll('_', ' ')}`;
  return `Accepted claims disagree on ${label} of ${subject}: ${problems.join('. ')}.`;
}

/** The lines about how well the claim's value is supported, and which other values are on record. */
function valueLines(claim: EvidenceClaim, samePredicate: readonly EvidenceClaim[]): string[] {
  const key = valueKey(claim.value);
  const sameValue = samePredicate.filter((c) => valueKey(c.value) === key);
  const lines: string[] = [];
  if (claim.stance === 'supports') {
    lines.push(`Support for this value now: ${corroboration(sameValue).reason}`);
    if (claim.reviewState !== 'accepted') {
      lines.push(
        `If this claim is accepted: ${corroboration(asAccepted(sameValue, claim.id)).reason}`,
      );
    }
  } else {
    lines.push(`Accepted support for the value it disputes: ${corroboration(sameValue).reason}`);
  }
  const disputes = sameValue.filter(
    (c) => c.id !== claim.id && c.reviewState === 'accepted' && c.stance === 'contradicts',
  );
  if (disputes.length > 0)
    lines.push(`Accepted claims dispute this value: ${listSources(disputes)}.`);
  const otherValues = [
    ...new Set(
      samePredicate
        .filter(
          (c) =>
            c.reviewState === 'accepted' && c.stance === 'supports' && valueKey(c.value) !== key,
        )
        .map((c) => valueKey(c.value)),
    ),
  ];
  if (otherValues.length > 0) {
    const listed = otherValues.map((other) => {
      const claims = samePredicate.filter(
        (c) => valueKey(c.value) === other && c.reviewState === 'accepted',
      );
      return `${valuePhrase(claim.predicate, claims[0]?.value)} (${listSources(claims)})`;
    });
    lines.push(`Other values accepted: ${listed.join('; ')}.`);
  }
  return lines;
}

/**
 * Assesses one claim against the other claims on the same subject (see
 * `findClaimsOnSameSubject`), with the grading rules of `@vigil/domain`: for an event, its grade
 * now and if this claim is accepted (`assessEvent`); for a value (a person's birth date, an
 * event's place), how many independent sources support it (`corroboration`) and which other
 * values are accepted. Pending, rejected and needs-evidence claims never count as accepted.
 *
 * @example
 * assessClaimEvidence(pendingClaim, { kind: 'event', eventLabel: 'capture on 13 Dec 2020' }, claimsOnEvent).text
 * // '“Report” (Outlet, state A) says the capture on 13 Dec 2020 happened (source reliability B …).\n
 * //  The capture on 13 Dec 2020 now: Weak: no claim that it happened is accepted yet; …'
 */
export function assessClaimEvidence(
  claim: EvidenceClaim,
  subject: ClaimSubject,
  claimsOnSubject: readonly EvidenceClaim[],
): ClaimAssessment {
  const claims = [...claimsOnSubject.filter((c) => c.id !== claim.id), claim];
  const others = claims.filter((c) => c.id !== claim.id);
  const lines: string[] = [];
  let conflict: string | null = null;
  const says = `${sourcePhrase(claim.source)}`;

  if (subject.kind === 'person') {
    const samePredicate = claims.filter((c) => c.predicate === claim.predicate);
    lines.push(`${says} ${assertionPhrase(claim)} (${grades(claim)}).`);
    lines.push(...valueLines(claim, samePredicate));
    lines.push(
      othersOnRecord(
        others,
        `this person’s ${PREDICATE_LABELS[claim.predicate]?.replace(/^the /, '') ?? claim.predicate.replaceAll('_', ' ')}`,
      ),
    );
    conflict = valueConflict(claim.predicate, samePredicate, 'this person');
  } else {
    const event = subject.eventLabel;
    const now = assessEvent({ claims });
    if (isOccurrenceClaim(claim)) {
      const what =
        subject.kind === 'participation'
          ? `the person was part of the ${event}`
          : `the ${event} happened`;
      const stance = claim.stance === 'supports' ? 'says' : 'says it is not true that';
      lines.push(`${says} ${stance} ${what} (${grades(claim)}).`);
      lines.push(`The ${event} now: ${now.grading.reason}`);
      if (claim.reviewState !== 'accepted') {
        lines.push(
          `If this claim is accepted: ${assessEvent({ claims: asAccepted(claims, claim.id) }).grading.reason}`,
        );
      }
    } else {
      const samePredicate = claims.filter((c) => c.predicate === claim.predicate);
      lines.push(`${says} ${assertionPhrase(claim)} of the ${event} (${grades(claim)}).`);
      lines.push(...valueLines(claim, samePredicate));
      lines.push(`The ${event} itself: ${now.grading.reason}`);
    }
    lines.push(othersOnRecord(others, `the ${event}`));
    if (now.standing === 'contested') {
      conflict = `Accepted claims disagree on whether the ${event} happened. ${now.grading.reason}`;
    }
  }
  if (conflict) lines.push(`Conflict: ${conflict}`);
  return { text: lines.join('\n'), conflict };
}
