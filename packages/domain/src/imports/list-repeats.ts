import { MatchIndex } from '../matching/match-index.ts';
import type { MatchRecord } from '../matching/match-record.schema.ts';
import { DUPLICATE_SUGGESTION_MIN_SCORE, MAX_DUPLICATE_SUGGESTIONS } from './import-decision.ts';

/**
 * Rows of one list that may name the same person twice (a published list repeats a man under
 * two spellings, or a merged list holds both of its sources' rows): for each such row, the lines
 * of the others, in line order. Rows are compared with each other as the matcher compares a row
 * with the registry, so namesakes whose birth dates or fathers differ are not repeats.
 *
 * @example
 * findListRepeats([
 *   { line: 2, id: '1', name: 'Hayk Martirosyan', birthDate: '1990-05-12' },
 *   { line: 3, id: '2', name: 'Айк Мартиросян', birthDate: '1990-05-12' },
 *   { line: 4, id: '3', name: 'Hayk Martirosyan', birthDate: '1971' },
 * ]) // Map { 2 => [3], 3 => [2] }
 */
export function findListRepeats(
  rows: readonly (MatchRecord & { line: number })[],
): Map<number, number[]> {
  const byLine = (row: MatchRecord & { line: number }) => ({ ...row, id: String(row.line) });
  const index = new MatchIndex();
  index.addAll(rows.map(byLine));
  const closest = new Map<number, Set<number>>();
  for (const row of rows) {
    const others = index
      .search(byLine(row))
      .filter((c) => c.id !== String(row.line) && c.score >= DUPLICATE_SUGGESTION_MIN_SCORE)
      .slice(0, MAX_DUPLICATE_SUGGESTIONS);
    if (others.length) closest.set(row.line, new Set(others.map((c) => Number(c.id))));
  }
  // A pair counts when each row is among the other's closest: a row of a name the list holds
  // many spellings of is then put to a reviewer with a few rows, not with all of them.
  const repeats = new Map<number, number[]>();
  for (const [line, others] of closest) {
    const mutual = [...others].filter((other) => closest.get(other)?.has(line));
    if (mutual.length)
      repeats.set(
        line,
        mutual.sort((a, b) => a - b),
      );
  }
  return repeats;
}
