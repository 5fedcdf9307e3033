import type { CREDIBILITY } from '../claims/claim.schema.ts';
import type { RELIABILITY } from '../sources/source.schema.ts';

/** A source's Admiralty reliability grade, `A` (completely reliable) … `F` (cannot be judged). */
export type ReliabilityGrade = (typeof RELIABILITY)[number];

/** A claim's information credibility, `1` (confirmed by other sources) … `6` (cannot be judged). */
export type CredibilityGrade = (typeof CREDIBILITY)[number];

/** What each source reliability grade means, as shown beside a source. */
export const RELIABILITY_LABELS = {
  A: 'Completely reliable',
  B: 'Usually reliable',
  C: 'Fairly reliable',
  D: 'Not usually reliable',
  E: 'Unreliable',
  F: 'Reliability cannot be judged',
} as const satisfies Record<ReliabilityGrade, string>;

/** What each information credibility grade means, as shown beside a claim. */
export const CREDIBILITY_LABELS = {
  1: 'Confirmed by other sources',
  2: 'Probably true',
  3: 'Possibly true',
  4: 'Doubtful',
  5: 'Improbable',
  6: 'Truth cannot be judged',
} as const satisfies Record<CredibilityGrade, string>;

/** A reliability grade with its meaning, e.g. `B (usually reliable)`. */
export function describeReliability(grade: ReliabilityGrade): string {
  return `${grade} (${RELIABILITY_LABELS[grade].toLowerCase()})`;
}

/** A credibility grade with its meaning, e.g. `2 (probably true)`. */
export function describeCredibility(grade: CredibilityGrade): string {
  return `${grade} (${CREDIBILITY_LABELS[grade].toLowerCase()})`;
}

/**
 * Whether a claim is strong enough to confirm something on its own: a completely or usually
 * reliable source (A, B) giving information confirmed or probably true (1, 2).
 *
 * @example
 * isStrongEvidence('B', 2) // true
 * isStrongEvidence('C', 1) // false
 */
export function isStrongEvidence(
  reliability: ReliabilityGrade,
  credibility: CredibilityGrade,
): boolean {
  return (reliability === 'A' || reliability === 'B') && credibility <= 2;
}

/**
 * Whether a claim is fair evidence when it stands alone: a source graded A–C whose information
 * is not judged doubtful or improbable (credibility 1–3, or 6 when it simply could not be judged).
 *
 * @example
 * isFairEvidence('C', 6) // true
 * isFairEvidence('B', 4) // false: the information is doubtful
 * isFairEvidence('D', 1) // false: the source is not usually reliable
 */
export function isFairEvidence(
  reliability: ReliabilityGrade,
  credibility: CredibilityGrade,
): boolean {
  return (
    (reliability === 'A' || reliability === 'B' || reliability === 'C') &&
    credibility !== 4 &&
    credibility !== 5
  );
}
