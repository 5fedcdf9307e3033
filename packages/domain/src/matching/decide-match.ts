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
   * not a spelling, however well the rest agrees (same given name and birth date, other surname).
   */
  matchNamePart: 0.85,
  /**
   * Below this similarity of the surname or the given name, the names may be two different ones
   * that look alike (Kazımov/Qasımov), so the match needs this much more evidence: a full birth
   * date and the father's name or the place.
   */
  exactNamePart: 0.93,
  inexactNameEvidence: 3.5,
  /** Least lead, in log-odds, over the second candidate. */
  matchMargin: 3,
  /** Least summed log-odds for a person to look at the row. */
  reviewLogit: 0,
} as const;

export type DecisionThresholds = { [K in keyof typeof DECISION_THRESHOLDS]: number };

const MAX_CANDIDATES = 5;

function logitOf(candidate: ScoredCandidate): number {
  const logit = candidate.features?.logit;
  if (logit !== undefined) return logit;
  const p = Math.min(Math.max(candidate.score, 1e-12), 1 - 1e-12);
  return Math.log(p / (1 - p));
}

/**
 * Decides a list row from its scored candidates: `match` only when one candidate is strong,
 * backed by more than its name, and clearly ahead of the next; `review` when someone should look;
 * `new` otherwise. Namesakes with nothing else to tell them apart always go to review.
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
  const ranked = candidates
    .map((candidate) => ({ candidate, logit: logitOf(candidate) }))
    .sort((x, y) => y.logit - x.logit || (x.candidate.id < y.candidate.id ? -1 : 1));
  const shown = ranked
    .slice(0, MAX_CANDIDATES)
    .map(({ candidate }) => ({ id: candidate.id, score: Math.round(candidate.score * 1000) / 1000 }));
  const best = ranked[0];
  if (!best || best.logit < thresholds.reviewLogit) return { decision: 'new', candidates: shown };
  const second = ranked[1];
  const features = best.candidate.features ?? {};
  const evidence = features.evidence ?? 0;
  const weakestNamePart = features.weakestNamePart ?? 1;
  const neededEvidence =
    thresholds.matchEvidence + (weakestNamePart < thresholds.exactNamePart ? thresholds.inexactNameEvidence : 0);
  const rareEnough = (features.coincidence ?? 0) <= thresholds.maxCoincidence;
  const dated = (features.birthDate ?? 0) > 0 || (features.identifiers ?? 0) > 0;
  const namePartsAgree = weakestNamePart >= thresholds.matchNamePart;
  const clearLead = !second || best.logit - second.logit >= thresholds.matchMargin;
  if (best.logit >= thresholds.matchLogit && evidence >= neededEvidence && dated && rareEnough && namePartsAgree && clearLead) {
    return { decision: 'match', match: best.candidate.id, candidates: shown };
  }
  return { decision: 'review', candidates: shown };
}
