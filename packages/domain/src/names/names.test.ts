import { describe, expect, it } from 'vitest';
import { detectScript } from './script.ts';
import { searchKey } from './search-key.ts';

describe('names', () => {
  it.each([
    ['Հայկ Մարտիրոսյան', 'armenian'],
    ['Айк Мартиросян', 'cyrillic'],
    ['Hayk Martirosyan', 'latin'],
    ['Həsənov', 'latin'],
    ['123', 'other'],
  ])('detects the script of %s', (value, script) => {
    expect(detectScript(value)).toBe(script);
  });

  it('turns names in any script into plain Latin search keys', () => {
    expect(searchKey('Айк Мартиросян')).toBe('ayk martirosyan');
    expect(searchKey('  HAYK   Martirosyan ')).toBe('hayk martirosyan');
    expect(searchKey('Հայկ')).toMatch(/^h/);
  });
});
