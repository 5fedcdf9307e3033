import { describe, expect, it } from 'vitest';
import { duplicateSuggestions, importRowDecision } from './import-decision.ts';

describe('import decisions', () => {
  it('links a confident match only when automatic matches were accepted', () => {
    const match = {
      decision: 'match' as const,
      match: 'p1',
      candidates: [{ id: 'p1', score: 0.99 }],
    };
    expect(importRowDecision(match, true)).toBe('match');
    expect(importRowDecision(match, false)).toBe('review');
    expect(importRowDecision({ decision: 'new', candidates: [] }, false)).toBe('new');
  });

  it('suggests at most three duplicates worth a look, best first', () => {
    const candidates = [0.9, 0.8, 0.7, 0.6, 0.4].map((score, i) => ({ id: `p${i}`, score }));
    expect(duplicateSuggestions(candidates).map((c) => c.id)).toEqual(['p0', 'p1', 'p2']);
    expect(duplicateSuggestions([{ id: 'x', score: 0.49 }])).toEqual([]);
  });
});
