import { describe, expect, it } from 'vitest';
import { matchEvidence } from './match-evidence.ts';

describe('match evidence', () => {
  it('says which details agree and which differ, leaving out what one side lacks', () => {
    expect(matchEvidence({ name: 0.97, birthDate: 5.5, father: -2.1, place: 0 })).toEqual({
      birthDate: 'agrees',
      father: 'differs',
    });
  });

  it('has nothing to say about a pair compared on names alone', () => {
    expect(matchEvidence({ name: 1, surname: 1, given: 1, logit: 2 })).toEqual({});
  });
});
