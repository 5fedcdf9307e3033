import { describe, expect, it } from 'vitest';
import { claimPredicatesAbove } from './claim-predicates.ts';

describe('claims that say what a field above a clearance holds', () => {
  it('keeps identifier claims from a partner, since a person’s identifiers are staff-only', () => {
    expect(claimPredicatesAbove('partner')).toEqual(['identifier']);
  });

  it('keeps birth dates and identifiers from a public caller, who may read a public record’s names', () => {
    expect(claimPredicatesAbove('public')).toEqual(['birth_date', 'identifier']);
  });

  it('keeps nothing from staff or restricted clearance', () => {
    expect(claimPredicatesAbove('staff')).toEqual([]);
    expect(claimPredicatesAbove('restricted')).toEqual([]);
  });
});
