import {
  dateFilterDays,
  DateFilterSchema,
  LIBERTY_VALUES,
  LIFE_VALUES,
  type AFFILIATIONS,
  type LegalCategory,
  type SEXES,
} from '@vigil/domain';
import { LIBERTY_LABELS, LIFE_LABELS } from '../labels.ts';
import type { ApiInputs } from '../trpc.ts';

/**
 * The statuses the registry is filtered by: where a person is (held, released…) or what is known
 * of their life (no recent proof of life, reported dead…); `persons.list` reads `status` as
 * either. "Unknown" is left out: it would mean either dimension.
 */
export const STATUS_CHOICES = [...LIBERTY_VALUES, ...LIFE_VALUES].filter(
  (
    value,
  ): value is Exclude<(typeof LIBERTY_VALUES)[number] | (typeof LIFE_VALUES)[number], 'unknown'> =>
    value !== 'unknown',
);
export type StatusChoice = (typeof STATUS_CHOICES)[number];

/** The words for a status choice, as the person's status panel says them. */
export function statusChoiceLabel(choice: StatusChoice): string {
  return (LIBERTY_LABELS as Record<string, string>)[choice] ?? LIFE_LABELS[choice as never];
}

/**
 * The registry's filters as the page keeps them: `''` is a filter not set. They live in the app
 * (not in the address or in storage), so they survive a visit to a person's page and vanish
 * with the tab.
 */
export type RegistryFilters = {
  q: string;
  status: '' | StatusChoice;
  sex: '' | (typeof SEXES)[number];
  affiliation: '' | (typeof AFFILIATIONS)[number];
  category: '' | LegalCategory;
  takenFrom: string;
  takenTo: string;
  place: string;
  side: string;
};

export const NO_REGISTRY_FILTERS: RegistryFilters = {
  q: '',
  status: '',
  sex: '',
  affiliation: '',
  category: '',
  takenFrom: '',
  takenTo: '',
  place: '',
  side: '',
};

/** The filters typed as text: they apply once the user pauses, or presses Enter. */
export const TEXT_FILTERS = ['q', 'takenFrom', 'takenTo', 'place', 'side'] as const;
export type TextFilter = (typeof TEXT_FILTERS)[number];
export type TextFilters = Pick<RegistryFilters, TextFilter>;

/** The text filters of a set of filters, e.g. to start the boxes with. */
export function textFiltersOf(filters: RegistryFilters): TextFilters {
  return {
    q: filters.q,
    takenFrom: filters.takenFrom,
    takenTo: filters.takenTo,
    place: filters.place,
    side: filters.side,
  };
}

/** Whether any filter is set. */
export function isFiltered(filters: RegistryFilters): boolean {
  return Object.values(filters).some((value) => value !== '');
}

/**
 * What is wrong with the dates typed as a range, before asking the server, in its words: each
 * date must be `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, and the range may not start after it ends.
 *
 * @example
 * dateRangeProblems({ takenFrom: '2021', takenTo: '2020' }) // { takenFrom: 'must not be after “Taken to”' }
 */
export function dateRangeProblems(
  dates: Pick<RegistryFilters, 'takenFrom' | 'takenTo'>,
): Partial<Record<'takenFrom' | 'takenTo', string>> {
  const problems: Partial<Record<'takenFrom' | 'takenTo', string>> = {};
  for (const field of ['takenFrom', 'takenTo'] as const) {
    const parsed = DateFilterSchema.safeParse(dates[field]);
    if (!parsed.success) problems[field] = parsed.error.issues[0]?.message ?? 'is not a date';
  }
  if (
    !problems.takenFrom &&
    !problems.takenTo &&
    !dateFilterDays(dates.takenFrom.trim(), dates.takenTo.trim())
  )
    problems.takenFrom = 'must not be after “Taken to”';
  return problems;
}

/**
 * The text filters as typed, trimmed, with every filter the caller may not use left empty (the
 * server would refuse them).
 */
export function settledTextFilters(
  typed: TextFilters,
  refused: readonly string[] = [],
): TextFilters {
  return Object.fromEntries(
    TEXT_FILTERS.map((field) => [field, refused.includes(field) ? '' : typed[field].trim()]),
  ) as TextFilters;
}

/** The filters as `persons.list` takes them: a filter not set is left out. */
export function registryListInput(
  filters: RegistryFilters,
): Omit<ApiInputs['persons']['list'], 'limit' | 'cursor'> {
  return {
    q: filters.q || undefined,
    status: filters.status || undefined,
    sex: filters.sex || undefined,
    affiliation: filters.affiliation || undefined,
    category: filters.category || undefined,
    takenFrom: filters.takenFrom || undefined,
    takenTo: filters.takenTo || undefined,
    place: filters.place || undefined,
    side: filters.side || undefined,
  };
}

/**
 * What the registry says of how many persons its filters find: the number the server counted
 * (`persons.count`) and, when the page shows fewer of them so far, how many it shows.
 *
 * @example
 * registryCountText(42, 25, true) // '42 persons match · 25 shown'
 * registryCountText(1, 1, true) // '1 person matches'
 * registryCountText(42, 42, false) // '42 persons in the registry'
 */
export function registryCountText(total: number, shown: number, filtered: boolean): string {
  const persons = `${total.toLocaleString('en')} ${total === 1 ? 'person' : 'persons'}`;
  const found =
    total === 0
      ? filtered
        ? 'No person matches'
        : 'No person in the registry'
      : filtered
        ? `${persons} ${total === 1 ? 'matches' : 'match'}`
        : `${persons} in the registry`;
  return shown < total ? `${found} · ${shown.toLocaleString('en')} shown` : found;
}
