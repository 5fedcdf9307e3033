import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isSurnameSlip,
  isTypingSlip,
  jaroWinkler,
  levenshteinSimilarity,
  nameWordSimilarity,
  transpositionDistance,
} from './string-similarity.ts';

describe('string similarity', () => {
  it('gives Jaro-Winkler the textbook values', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.813, 3);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
  });

  it('counts a swap of neighbours as one edit', () => {
    expect(transpositionDistance('roman', 'roamn')).toBe(1);
    expect(transpositionDistance('kitten', 'sitting')).toBe(3);
    expect(levenshteinSimilarity('roman', 'roamn')).toBeCloseTo(0.8);
  });

  it('scores a different surname with the same start below 0.85', () => {
    expect(nameWordSimilarity('martirosian', 'martikian')).toBeLessThan(0.85);
  });

  it('is symmetric, between 0 and 1, and 1 only for equal words', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        const ab = nameWordSimilarity(a, b);
        return (
          ab === nameWordSimilarity(b, a) &&
          ab >= 0 &&
          ab <= 1 &&
          (ab === 1) === (a === b || (a.length === 0 && b.length === 0))
        );
      }),
    );
  });

  it.each([
    ['tural', 'tuarl', true],
    ['narek', 'nark', true],
    ['sergei', 'segei', true],
    ['armen', 'arman', false],
    ['aram', 'arama', true],
    ['ara', 'aa', false],
  ] as const)('tells whether %s and %s are one typing slip apart: %s', (a, b, slip) => {
    expect(isTypingSlip(a, b)).toBe(slip);
  });

  it.each([
    ['karpov', 'kareov', true],
    ['filatov', 'fiiotov', false],
    ['naumov', 'naueov', true],
    ['kazimov', 'qazimov', false],
    ['petrosian', 'petrsian', true],
    ['aliev', 'alive', true],
    ['avetisian', 'avetesean', false],
    ['popov', 'popov', false],
  ] as const)('tells whether surnames %s and %s are one slip apart: %s', (a, b, slip) => {
    expect(isSurnameSlip(a, b)).toBe(slip);
  });
});
