import { describe, expect, it } from 'vitest';
import { hasStatusValue } from './status-filter.ts';

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
