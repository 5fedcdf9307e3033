import { z } from 'zod';
import { IdSchema } from '../common.ts';
import type { MatchDecision } from '../matching/decide-match.ts';
import { MIN_SHOWN_SCORE } from '../matching/decide-match.ts';

/** Candidates below this score are not worth a reviewer's time as possible duplicates. */
export const DUPLICATE_SUGGESTION_MIN_SCORE = 0.5;

/** Most duplicate tasks opened for one ambiguous list row. */
export const MAX_DUPLICATE_SUGGESTIONS = 3;

/**
 * What the import does with one row: add it to a person already in the registry (`link`), make
 * a new person of it (`new`), or make a new person and ask a reviewer whether it is one of the
 * row's candidates (`review`).
 */
export const IMPORT_ROW_ACTIONS = ['link', 'new', 'review'] as const;
export type ImportRowAction = (typeof IMPORT_ROW_ACTIONS)[number];

const ListLineSchema = z.number().int().positive('must be a line of the list');

/**
 * The importer's own choice for one row of a dry run, overriding what the matcher decided: the
 * person to link it to (one of the row's candidates), a new person, or a reviewer's look.
 */
export const ImportRowChoiceSchema = z.discriminatedUnion(
  'action',
  [
    z.object({ line: ListLineSchema, action: z.literal('link'), personId: IdSchema }),
    z.object({ line: ListLineSchema, action: z.literal('new') }),
    z.object({ line: ListLineSchema, action: z.literal('review') }),
  ],
  { error: 'choose link, new or review' },
);
export type ImportRowChoice = z.infer<typeof ImportRowChoiceSchema>;

/** What the import does with a row, with the person a `link` adds it to. */
export type ImportRowOutcome =
  | { action: 'link'; personId: string; chosen: boolean }
  | { action: 'new' | 'review'; chosen: boolean };

/**
 * What an import does with one row. The importer's choice for the row wins. Otherwise a confident
 * match is linked only when the importer accepted automatic matches; unaccepted matches and
 * ambiguous rows go to a reviewer; the rest become new persons.
 *
 * @example
 * importRowOutcome({ decision: 'match', match: 'p1', candidates: [] }, false) // { action: 'review', chosen: false }
 * importRowOutcome({ decision: 'review', candidates: [] }, false, { line: 3, action: 'new' }) // { action: 'new', chosen: true }
 */
export function importRowOutcome(
  decision: MatchDecision,
  acceptAutomatic: boolean,
  choice?: ImportRowChoice,
): ImportRowOutcome {
  if (choice)
    return choice.action === 'link'
      ? { action: 'link', personId: choice.personId, chosen: true }
      : { action: choice.action, chosen: true };
  if (decision.decision === 'match' && decision.match && acceptAutomatic)
    return { action: 'link', personId: decision.match, chosen: false };
  return { action: decision.decision === 'new' ? 'new' : 'review', chosen: false };
}

/**
 * Why a choice cannot be made for a row of the dry run, or null when it can: a row is linked only
 * to one of its candidates (the persons its importer was shown), and a reviewer is asked only
 * about a row that has candidates to compare it with.
 *
 * @example
 * importRowChoiceProblem({ line: 4, action: 'review' }, { candidates: [] })
 * // 'has no candidate for a reviewer to compare it with; choose a new person'
 */
export function importRowChoiceProblem(
  choice: ImportRowChoice,
  row: { candidates: readonly { id: string; score: number }[] } | undefined,
): string | null {
  if (!row) return 'is not a row of this list';
  const shown = row.candidates.filter((c) => c.score >= MIN_SHOWN_SCORE);
  if (choice.action === 'link' && !shown.some((c) => c.id === choice.personId))
    return 'can be linked only to one of the persons the dry run found for it';
  if (choice.action === 'review' && shown.length === 0)
    return 'has no candidate for a reviewer to compare it with; choose a new person';
  return null;
}

/**
 * The candidates of a row sent to review that become duplicate review tasks, best first. A row
 * the importer chose to have reviewed is compared with every candidate the dry run showed them;
 * otherwise only with those worth a reviewer's time.
 */
export function duplicateSuggestions<C extends { score: number }>(
  candidates: readonly C[],
  { chosen = false } = {},
): C[] {
  const least = chosen ? MIN_SHOWN_SCORE : DUPLICATE_SUGGESTION_MIN_SCORE;
  return candidates.filter((c) => c.score >= least).slice(0, MAX_DUPLICATE_SUGGESTIONS);
}
