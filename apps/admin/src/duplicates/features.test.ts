import { describe, expect, it } from 'vitest';
import { describeFeatures } from './features.ts';

describe('describeFeatures', () => {
  it('reads evidence as agreeing, differing or unknown by its sign', () => {
    const views = describeFeatures({ birthDate: 5.5, father: -6, place: 0 });
    expect(views.map((v) => [v.key, v.agreement, v.value])).toEqual([
      ['birthDate', 'agrees', '+5.5'],
      ['father', 'differs', '-6.0'],
      ['place', 'unknown', '0.0'],
    ]);
  });

  it('reads a name part below the matcher’s bar as another name', () => {
    const views = describeFeatures({ surname: 1, given: 0.8 });
    expect(views.map((v) => v.agreement)).toEqual(['agrees', 'differs']);
  });

  it('shows name similarities first and leaves internal sums out', () => {
    const views = describeFeatures({ logit: 3, evidence: 5.5, name: 0.95, surname: 1, swapped: 1 });
    expect(views.map((v) => v.key)).toEqual(['name', 'surname', 'swapped']);
  });
});
