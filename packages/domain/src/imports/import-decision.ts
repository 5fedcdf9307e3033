import type { MatchDecision, MatchDecisionKind } from '../matching/decide-match.ts';

/** Candidates below this score are not worth a reviewer's time as possible duplicates. */
export const DUPLICATE_SUGGESTION_MIN_SCORE = 0.5;

/** Most duplicate tasks opened for one ambiguous list row. */
export const MAX_DUPLICATE_SUGGESTIONS = 3;

/**
 * What an import does with one row: a confident match is linked only when the user accepted
 * automatic matches for this import; otherwise a person looks at it.
 *
 * @example
 * importRowDecision({ decision: 'match', match: 'p1', candidates: [] }, false) // 'review'
 */
export function importRowDecision(
  decision: MatchDecision,
  acceptAutomatic: boolean,
): MatchDecisionKind {
  return decision.decision === 'match' && !acceptAutomatic ? 'review' : decision.decision;
}

/** The candidates of an ambiguous row that become duplicate review tasks, best first. */
export function duplicateSuggestions<C extends { score: number }>(candidates: readonly C[]): C[] {
  return candidates
    .filter((c) => c.score >= DUPLICATE_SUGGESTION_MIN_SCORE)
    .slice(0, MAX_DUPLICATE_SUGGESTIONS);
}
