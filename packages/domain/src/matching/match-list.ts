import { decide } from './decide-match.ts';
import type { DecisionThresholds, MatchDecision } from './decide-match.ts';
import { MatchIndex } from './match-index.ts';
import type { MatchIndexOptions } from './match-index.ts';
import type { MatchRecord } from './match-record.schema.ts';

/** The decision for one list row, by the row's id. */
export interface ListRowMatch extends MatchDecision {
  id: string;
}

export interface MatchListOptions extends MatchIndexOptions {
  thresholds?: DecisionThresholds;
}

/**
 * Matches every row of a published list against the registry: one index over the registry,
 * then per row its candidates, their scores and a decision.
 *
 * @example
 * matchList(registry, [{ id: 'L1', name: 'Gaik Petrosian', birthDate: '1990-05-12' }])
 * // [{ id: 'L1', decision: 'match', match: 'R7', candidates: [{ id: 'R7', score: 0.999 }] }]
 */
export function matchList(
  registry: Iterable<MatchRecord>,
  list: Iterable<MatchRecord>,
  options: MatchListOptions = {},
): ListRowMatch[] {
  const index = new MatchIndex(options);
  index.addAll(registry);
  return matchListAgainst(index, list, options.thresholds);
}

/**
 * Matches list rows against an index already built over the registry.
 *
 * @example
 * matchListAgainst(index, rows).filter((row) => row.decision === 'review')
 */
export function matchListAgainst(
  index: MatchIndex,
  list: Iterable<MatchRecord>,
  thresholds?: DecisionThresholds,
): ListRowMatch[] {
  const results: ListRowMatch[] = [];
  for (const row of list) results.push({ id: row.id, ...decide(index.search(row), thresholds) });
  return results;
}
