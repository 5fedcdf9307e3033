import { describe, expect, it } from 'vitest';
import type { LegalCategory } from '../claims/claim.schema.ts';
import { hasLegalCategory, hasStatusValue } from './status-filter.ts';

describe('hasStatusValue', () => {
  const held = { liberty: { value: 'held' }, life: { value: 'reported_dead' } } as const;

  it('answers a filter on liberty and one on life alike', () => {
    expect(hasStatusValue(held, 'held')).toBe(true);
    expect(hasStatusValue(held, 'reported_dead')).toBe(true);
  });

  it('answers no to a value of neither', () => {
    expect(hasStatusValue(held, 'released')).toBe(false);
    expect(hasStatusValue(held, 'alive_confirmed')).toBe(false);
  });
});

describe('hasLegalCategory', () => {
  const asserted = (...categories: LegalCategory[]) => ({
    legal: { asserted: categories.map((category) => ({ category })) },
  });

  it('answers yes to any category an accepted claim asserts, assessed or not', () => {
    expect(hasLegalCategory(asserted('prisoner_of_war', 'hostage'), 'prisoner_of_war')).toBe(true);
    expect(hasLegalCategory(asserted('prisoner_of_war', 'hostage'), 'hostage')).toBe(true);
  });

  it('answers no to a category nothing asserts, and when nothing is asserted at all', () => {
    expect(hasLegalCategory(asserted('hostage'), 'civilian_internee')).toBe(false);
    expect(hasLegalCategory(asserted(), 'missing')).toBe(false);
  });
});
