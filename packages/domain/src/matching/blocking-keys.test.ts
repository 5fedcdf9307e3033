import { describe, expect, it } from 'vitest';
import { blockingKeys } from './blocking-keys.ts';

const shareAKey = (a: string, b: string, extra: { birthDate?: string } = {}) => {
  const keysA = new Set(blockingKeys({ id: 'a', name: a, ...extra }));
  return blockingKeys({ id: 'b', name: b, ...extra }).some((key) => keysA.has(key));
};

describe('blockingKeys', () => {
  it.each([
    ['Hayk Martirosyan', 'Гайк Мартиросян'],
    ['Hayk Martirosyan', 'Martirosian Haik'],
    ['Hovhannes Hakobyan', 'Ованес Акопян'],
    ['Petros Petrosyan', 'Bedros Bedrosian'],
    ['Levon Ter-Petrosyan', 'Левон Петросов'],
    ['Cavid Quliyev', 'Джавид Кулиев'],
    ['Hüseyn Cəfərov', 'Гюсейн Джеферов'],
  ])('lets %s and %s meet', (a, b) => {
    expect(shareAKey(a, b)).toBe(true);
  });

  it('lets a misspelt surname meet through the given name and the birth year', () => {
    expect(shareAKey('Hayk Martirosyan', 'Hayk Matrirosyan', { birthDate: '1990' })).toBe(true);
  });

  it('keeps unrelated names apart', () => {
    expect(shareAKey('Hayk Martirosyan', 'Sergey Ivanov')).toBe(false);
  });

  it('gives the same keys whichever order the name is written in', () => {
    const a = blockingKeys({ id: 'a', name: 'Aram Davit', birthDate: '1990' }).filter((k) =>
      k.startsWith('p'),
    );
    const b = blockingKeys({ id: 'b', name: 'Davit Aram', birthDate: '1990' }).filter((k) =>
      k.startsWith('p'),
    );
    expect(new Set(a)).toEqual(new Set(b));
  });

  it('keys identifiers without spaces and case', () => {
    expect(blockingKeys({ id: 'a', name: 'Aram Sargsyan', identifiers: ['ab 12-34'] })).toContain(
      'id:AB1234',
    );
  });
});
