import { describe, expect, it } from 'vitest';
import { searchKey } from './search-key.ts';

describe('searchKey', () => {
  it.each([
    ['Հարությունյան', 'harutyunyan'],
    ['Երվանդ Ոսկանյան', 'yervand voskanyan'],
    ['Həsən Məmmədov', 'hasan mammadov'],
    ['Xəlil oğlu', 'khalil oghlu'],
    ['Ҹәфәр Һүсејнов', 'jafar huseynov'],
    ['Тер-Петросян', 'ter petrosyan'],
    ['  HAYK   Martirosyan ', 'hayk martirosyan'],
  ])('keys %s as %s', (name, key) => {
    expect(searchKey(name)).toBe(key);
  });
});
