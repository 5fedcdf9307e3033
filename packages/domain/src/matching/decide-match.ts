/** A registry record scored against one list row. */
export interface ScoredCandidate {
  id: string;
  score: number;
  features?: Record<string, number>;
}

/** What to do with one list row. */
export type MatchDecisionKind = 'match' | 'review' | 'new';

export interface MatchDecision {
  decision: MatchDecisionKind;
  /** The registry id, only when the decision is `match`. */
  match?: string;
  /** At most five candidates, best first, scores rounded to three decimals. */
  candidates: { id: string; score: number }[];
}

/**
 * Thresholds of {@link decide}, in log-odds (see `MATCH_WEIGHTS`). An automatic match needs a
 * strong score, evidence beyond the name (birth date, father's name or an identifier agreeing),
 * and a clear lead over the next candidate.
 */
export const DECISION_THRESHOLDS = {
  /** Least summed log-odds of an automatic match (score ≈ 0.97). */
  matchLogit: 3.5,
  /**
   * Least log-odds from the birth date, the father's name, the place and identifiers together,
   * of which the birth date (or an identifier) must be part: a full birth date, also with day and
   * month swapped; or the year with the father's name; or the year and month with the father's
   * name or the place. Never the name with a father's name alone or a year alone: namesakes share
   * those too often.
   */
  matchEvidence: 3,
  /**
   * Most expected number of other men who would agree with the row as well as the candidate
   * does by chance (`features.coincidence`, from the {@link MatchIndex}: the candidate's namesakes
   * in the registry times the chance of the birth date, father's name and place agreeing). A
   * common name with only a birth year and a common father's name stays in review.
   */
  maxCoincidence: 0.005,
  /**
   * Least similarity of the surname and of the given name each: below it a part is another name,
   * not a spelling, however well the rest agrees (same given name and birth date, other surname;
   * twins Armen and Arman with one birth date and father).
   */
  matchNamePart: 0.9,
  /**
   * Below this similarity of the surname or the given name, the names may be two different ones
   * that look alike (Kazımov/Qasımov), so the match needs this much more evidence: a full birth
   * date, or the day and month swapped with the father's name.
   */
  exactNamePart: 0.93,
  inexactNameEvidence: 2.5,
  /**
   * Least log-odds from the birth date (or an identifier) of an automatic match: the birth year
   * at least must agree. 0 would let a father's name and a place decide without any date.
   */
  matchBirthDate: 1,
  /** Least lead, in log-odds, over the second candidate. */
  matchMargin: 3,
  /**
   * A second candidate this strong (score ≈ 0.9) that the birth date, the father's name or the
   * place supports too makes the row a review...
   */
  closeSecondLogit: 2.2,
  /**
   * ...unless the best leads it by this much in log-odds: a second record of the name that only
   * the place supports does not stand against a full birth date and father's name that single out
   * the best.
   */
  supportedSecondMargin: 6,
  /** Least summed log-odds for a person to look at the row. */
  reviewLogit: 0,
} as const;

export type DecisionThresholds = { -readonly [K in keyof typeof DECISION_THRESHOLDS]: number };

const MAX_CANDIDATES = 5;

/**
 * Candidates scoring below this (one in two hundred, 0.00 when rounded to two decimals) say
 * nothing to a person looking at a row; screens leave them out.
 */
export const MIN_SHOWN_SCORE = 0.005;

function logitOf(candidate: ScoredCandidate): number {
  const logit = candidate.features?.logit;
  if (logit !== undefined) return logit;
  const p = Math.min(Math.max(candidate.score, 1e-12), 1 - 1e-12);
  return Math.log(p / (1 - p));
}

/** Why a row was not matched automatically, one code per unmet condition. */
export type NoMatchReason =
  | 'no-candidate'
  | 'weak-score'
  | 'name-part-differs'
  | 'little-evidence'
  | 'no-birth-date'
  | 'common-coincidence'
  | 'close-second'
  | 'closer-name';

interface Ranked {
  candidate: ScoredCandidate;
  logit: number;
}

function rank(candidates: readonly ScoredCandidate[]): Ranked[] {
  return candidates
    .map((candidate) => ({ candidate, logit: logitOf(candidate) }))
    .sort((x, y) => y.logit - x.logit || (x.candidate.id < y.candidate.id ? -1 : 1));
}

function reasonsAgainstMatch(ranked: Ranked[], thresholds: DecisionThresholds): NoMatchReason[] {
  const best = ranked[0];
  if (!best) return ['no-candidate'];
  const reasons: NoMatchReason[] = [];
  const features = best.candidate.features ?? {};
  const weakestNamePart = features.weakestNamePart ?? 1;
  const neededEvidence =
    thresholds.matchEvidence +
    (weakestNamePart < thresholds.exactNamePart ? thresholds.inexactNameEvidence : 0);
  if (best.logit < thresholds.matchLogit) reasons.push('weak-score');
  if (weakestNamePart < thresholds.matchNamePart) reasons.push('name-part-differs');
  if ((features.evidence ?? 0) < neededEvidence) reasons.push('little-evidence');
  if ((features.birthDate ?? 0) < thresholds.matchBirthDate && (features.identifiers ?? 0) <= 0)
    reasons.push('no-birth-date');
  if ((features.coincidence ?? 0) > thresholds.maxCoincidence) reasons.push('common-coincidence');
  // A misspelt name is taken for the best only when nobody in the registry bears it as written:
  // otherwise the row is more likely that man's namesake, another man, than the best mistyped.
  if (
    weakestNamePart < thresholds.exactNamePart &&
    ranked.some(
      ({ candidate }) => (candidate.features?.weakestNamePart ?? 0) >= thresholds.exactNamePart,
    )
  )
    reasons.push('closer-name');
  // A second candidate of the same name that the birth date or the father's name supports too
  // (a namesake born the same year, or a duplicate in the registry) leaves the choice to a person.
  const second = ranked[1];
  if (second) {
    const secondFeatures = second.candidate.features ?? {};
    const supported =
      second.logit >= thresholds.closeSecondLogit &&
      (secondFeatures.evidence ?? 0) > 0 &&
      (secondFeatures.weakestNamePart ?? 1) >= thresholds.matchNamePart;
    const lead = best.logit - second.logit;
    if ((supported && lead < thresholds.supportedSecondMargin) || lead < thresholds.matchMargin)
      reasons.push('close-second');
  }
  return reasons;
}

/**
 * Why the best candidate would not be matched automatically; empty when it would.
 *
 * @example
 * explainDecision([{ id: 'p1', score: 0.82, features: { logit: 1.5, evidence: 0, birthDate: 0 } }])
 * // ['weak-score', 'little-evidence', 'no-birth-date']
 */
export function explainDecision(
  candidates: readonly ScoredCandidate[],
  thresholds: DecisionThresholds = DECISION_THRESHOLDS,
): NoMatchReason[] {
  return reasonsAgainstMatch(rank(candidates), thresholds);
}

/**
 * Decides a list row from its scored candidates: `match` only when one candidate is strong,
 * backed by its birth date and more than its name, unlikely to be a namesake by chance, and
 * clearly ahead of the next; `review` when someone should look; `new` otherwise. Namesakes with
 * nothing else to tell them apart always go to review.
 *
 * @example
 * decide([
 *   { id: 'p1', score: 0.99, features: { logit: 7, evidence: 5.5, birthDate: 5.5 } },
 *   { id: 'p2', score: 0.6, features: { logit: 0.4, evidence: 0, birthDate: 0 } },
 * ]) // { decision: 'match', match: 'p1', candidates: [{ id: 'p1', score: 0.99 }, { id: 'p2', score: 0.6 }] }
 */
export function decide(
  candidates: readonly ScoredCandidate[],
  thresholds: DecisionThresholds = DECISION_THRESHOLDS,
): MatchDecision {
  const ranked = rank(candidates);
  const shown = ranked.slice(0, MAX_CANDIDATES).map(({ candidate }) => ({
    id: candidate.id,
    score: Math.round(candidate.score * 1000) / 1000,
  }));
  const best = ranked[0];
  if (!best || best.logit < thresholds.reviewLogit) return { decision: 'new', candidates: shown };
  if (reasonsAgainstMatch(ranked, thresholds).length === 0) {
    return { decision: 'match', match: best.candidate.id, candidates: shown };
  }
  return { decision: 'review', candidates: shown };
}
