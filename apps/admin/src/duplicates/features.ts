import { DECISION_THRESHOLDS } from '@vigil/domain';

/** Whether a piece of evidence speaks for the pair being one person, against it, or not at all. */
export type Agreement = 'agrees' | 'differs' | 'unknown';

export interface FeatureView {
  key: string;
  label: string;
  agreement: Agreement;
  /** The number as the matcher gives it: a name similarity 0..1, or signed log-odds. */
  value: string;
}

/** Name similarities, 0 (nothing alike) to 1 (the same spelling once folded). */
const SIMILARITIES: Record<string, string> = {
  name: 'Names, overall',
  surname: 'Surname',
  given: 'Given name',
};

/** Evidence beyond the name, in log-odds: positive agrees, negative differs, zero unknown. */
const EVIDENCE: Record<string, string> = {
  birthDate: 'Birth date',
  father: 'Father’s name',
  place: 'Place',
  identifiers: 'Identifiers',
};

const signed = (n: number) => (n > 0 ? `+${n.toFixed(1)}` : n.toFixed(1));

/**
 * The matcher's features of a pair (`matching.pair`), in the order and words a reviewer reads
 * them: name similarities first, then each piece of evidence and whether it agrees. Internal
 * sums (`logit`, `evidence`, chances) are left out.
 *
 * @example
 * describeFeatures({ surname: 1, birthDate: 5.5 })
 * // [{ key: 'surname', agreement: 'agrees', value: '1.00', … }, { key: 'birthDate', agreement: 'agrees', value: '+5.5', … }]
 */
export function describeFeatures(features: Record<string, number>): FeatureView[] {
  const views: FeatureView[] = [];
  for (const [key, label] of Object.entries(SIMILARITIES)) {
    const value = features[key];
    if (value === undefined) continue;
    // Below the matcher's own bar for a name part, the two are other names, not spellings.
    views.push({
      key,
      label,
      agreement: value >= DECISION_THRESHOLDS.matchNamePart ? 'agrees' : 'differs',
      value: value.toFixed(2),
    });
  }
  if (features.swapped === 1)
    views.push({
      key: 'swapped',
      label: 'Given name and surname in the other order',
      agreement: 'unknown',
      value: 'yes',
    });
  for (const [key, label] of Object.entries(EVIDENCE)) {
    const value = features[key];
    if (value === undefined) continue;
    views.push({
      key,
      label,
      agreement: value > 0 ? 'agrees' : value < 0 ? 'differs' : 'unknown',
      value: signed(value),
    });
  }
  return views;
}
