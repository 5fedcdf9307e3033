/** What besides the name can speak for or against a row and a candidate being one person. */
export const EVIDENCE_FEATURES = ['birthDate', 'father', 'place', 'identifiers'] as const;
export type EvidenceFeature = (typeof EVIDENCE_FEATURES)[number];

/**
 * Per piece of evidence, whether it agrees or differs; a piece that one side lacks is left out.
 * The matcher's features are log-odds: positive agrees, negative differs, zero tells nothing.
 */
export type MatchEvidence = Partial<Record<EvidenceFeature, 'agrees' | 'differs'>>;

/**
 * The evidence of a scored pair in the words a person reads: which of birth date, father's name,
 * place and identifiers agree, and which differ.
 *
 * @example
 * matchEvidence({ surname: 1, birthDate: 5.5, father: -2, place: 0 }) // { birthDate: 'agrees', father: 'differs' }
 */
export function matchEvidence(features: Readonly<Record<string, number>>): MatchEvidence {
  const evidence: MatchEvidence = {};
  for (const key of EVIDENCE_FEATURES) {
    const value = features[key] ?? 0;
    if (value > 0) evidence[key] = 'agrees';
    else if (value < 0) evidence[key] = 'differs';
  }
  return evidence;
}
