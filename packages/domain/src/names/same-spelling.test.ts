import { describe, expect, it } from 'vitest';
import { isSameSpelling } from './same-spelling.ts';

describe('isSameSpelling', () => {
  it('takes spellings that differ only in case or surrounding spaces as the same', () => {
    expect(isSameSpelling('Vardan Testyan', '  vardan TESTYAN ')).toBe(true);
    expect(isSameSpelling('Вардан Тестян', 'вардан тестян')).toBe(true);
  });

  it('keeps transliterations and other scripts apart', () => {
    expect(isSameSpelling('Vardan Testyan', 'Vardan Testian')).toBe(false);
    expect(isSameSpelling('Vardan Testyan', 'Вардан Тестян')).toBe(false);
  });
});
