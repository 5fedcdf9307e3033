import { describe, expect, it } from 'vitest';
import { findListRepeats } from './list-repeats.ts';

describe('repeats within one list', () => {
  it('finds one man written twice, in two scripts', () => {
    const repeats = findListRepeats([
      { line: 2, id: 'a', name: 'Hayk Martirosyan', birthDate: '1990-05-12' },
      { line: 3, id: 'b', name: 'Aram Petrosyan', birthDate: '1985' },
      { line: 4, id: 'c', name: 'Айк Мартиросян', birthDate: '1990-05-12' },
    ]);
    expect(repeats.get(2)).toEqual([4]);
    expect(repeats.get(4)).toEqual([2]);
    expect(repeats.has(3)).toBe(false);
  });

  it('leaves namesakes born years apart as two men', () => {
    const repeats = findListRepeats([
      { line: 1, id: '1', name: 'Hayk Martirosyan', birthDate: '1990-05-12', fatherName: 'Armen' },
      { line: 2, id: '2', name: 'Hayk Martirosyan', birthDate: '1968-11-02', fatherName: 'Vazgen' },
    ]);
    expect(repeats.size).toBe(0);
  });

  it('finds nothing in a list of different people, or of one row', () => {
    expect(findListRepeats([{ line: 1, id: '1', name: 'Hayk Martirosyan' }]).size).toBe(0);
    expect(
      findListRepeats([
        { line: 1, id: '1', name: 'Hayk Martirosyan' },
        { line: 2, id: '2', name: 'Narek Sargsyan' },
      ]).size,
    ).toBe(0);
  });
});
