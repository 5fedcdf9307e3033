import { describe, expect, it } from 'vitest';
import { countText } from './count-text.ts';

describe('countText', () => {
  it('gives a single number, a range, and "about" for an approximate count', () => {
    expect(countText({ min: 223, max: 223, approximate: false })).toBe('223');
    expect(countText({ min: 60, max: 60, approximate: true })).toBe('about 60');
    expect(countText({ min: 150, max: 250, approximate: false })).toBe('150–250');
  });
});
