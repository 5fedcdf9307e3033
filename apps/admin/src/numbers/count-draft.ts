/** A population counted, by its stable key and in words. */
export interface Population {
  key: string;
  label: string;
}

/** A stored count claim, as the API gives it. */
export interface StoredCountClaim {
  id: string;
  version: number;
  claimant?: string;
  asOf?: string;
  population?: string;
  populationLabel?: string;
  min?: number;
  max?: number;
  approximate?: boolean;
  note?: string | null;
}

/** The fields of a count claim the form enters, as the API names them. */
export const COUNT_FIELDS = [
  'claimant',
  'asOf',
  'population',
  'populationLabel',
  'min',
  'max',
  'approximate',
  'note',
] as const;

export const SHAPES = ['exact', 'range'] as const;
export type Shape = (typeof SHAPES)[number];

/** A count claim as its form holds it: numbers as typed. */
export interface CountDraft {
  claimant: string;
  asOf: string;
  population: string;
  populationLabel: string;
  shape: Shape;
  min: string;
  max: string;
  approximate: boolean;
  note: string;
}

/** The draft of a stored count claim; of a new one about `population` when there is none. */
export function countDraftOf(
  count: StoredCountClaim | undefined,
  population?: Population,
): CountDraft {
  const min = count?.min;
  const max = count?.max ?? min;
  return {
    claimant: count?.claimant ?? '',
    asOf: count?.asOf ?? '',
    population: count?.population ?? population?.key ?? '',
    populationLabel: count?.populationLabel ?? population?.label ?? '',
    shape: min !== undefined && max !== undefined && min !== max ? 'range' : 'exact',
    min: min === undefined ? '' : String(min),
    max: max === undefined ? '' : String(max),
    approximate: count?.approximate ?? false,
    note: count?.note ?? '',
  };
}

/** A whole number as typed, or what is wrong with it (the server says if it is negative). */
function wholeNumberOf(text: string): number | { problem: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { problem: 'give a number' };
  if (!/^-?\d{1,9}$/.test(trimmed)) return { problem: 'must be a whole number, such as 23' };
  return Number.parseInt(trimmed, 10);
}

/** A draft as the API takes it, or the problems with its numbers. */
export function countValuesOf(draft: CountDraft) {
  const min = wholeNumberOf(draft.min);
  const max = draft.shape === 'exact' ? min : wholeNumberOf(draft.max);
  const problems: Partial<Record<'min' | 'max', string>> = {};
  if (typeof min !== 'number') problems.min = min.problem;
  if (typeof max !== 'number' && draft.shape === 'range') problems.max = max.problem;
  if (typeof min !== 'number' || typeof max !== 'number') return { values: null, problems };
  return {
    problems,
    values: {
      claimant: draft.claimant.trim(),
      asOf: draft.asOf.trim(),
      population: draft.population.trim(),
      populationLabel: draft.populationLabel.trim(),
      min,
      max,
      approximate: draft.approximate,
      note: draft.note.trim() === '' ? null : draft.note.trim(),
    },
  };
}

/**
 * A key for a population named in words, for the form to suggest: `Civilians held by State B`
 * → `civilians_held_by_state_b`.
 */
export function populationKeyOf(label: string): string {
  return label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 100);
}
