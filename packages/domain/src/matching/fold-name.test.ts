import { describe, expect, it } from 'vitest';
import {
  consonantKey,
  fatherFromGenitive,
  fatherFromPatronymic,
  foldNameWord,
  looksLikePatronymic,
  skeletonKey,
  strippedKey,
  surnameLikeness,
  surnameStem,
  vowelFoldedKey,
  withoutSurnamePrefix,
} from './fold-name.ts';
import { romanizeName } from './romanize-name.ts';

const fold = (word: string) => foldNameWord(romanizeName(word));
const skeleton = (word: string) => skeletonKey(fold(word));
const stripped = (word: string) => strippedKey(fold(word));

describe('foldNameWord', () => {
  it.each([
    ['Petrosyan', 'Petrosian'],
    ['Petrosyan', 'Petrosjan'],
    ['Petrosyan', 'Petrosyants'],
    ['Petrosyan', 'Petrosyanc'],
    ['Petrosyan', 'Petrosean'],
    ['Zadoyan', 'Zadojan'],
    ['Harutyunyan', 'Harutiunian'],
    ['Arutyunyan', 'Arowtyunyan'],
    ['Tsaturyan', 'Tzaturyan'],
    ['Tsolak', 'Colak'],
    ['Jivan', 'Djivan'],
    ['Jivan', 'Dzhivan'],
    ['Hayk', 'Haik'],
    ['Yeghishe', 'Eghishe'],
    ['Martirosyan', 'Martirossyan'],
    ['Semyonov', 'Semenov'],
  ])('spells %s and %s the same', (a, b) => {
    expect(fold(a)).toBe(fold(b));
  });

  it('keeps names that differ in a real letter apart', () => {
    expect(fold('Armen')).not.toBe(fold('Arman'));
    expect(fold('Petrosyan')).not.toBe(fold('Petrosov'));
  });
});

describe('skeletonKey', () => {
  it.each([
    ['Petrosyan', 'Bedrosian'],
    ['Hakobyan', 'Hagopian'],
    ['Grigoryan', 'Krikorian'],
    ['Tigran', 'Dikran'],
    ['Gevorg', 'Kevork'],
    ['Karapetyan', 'Garabedian'],
    ['Ghazaryan', 'Kazarian'],
    ['Ghazaryan', 'Gazaryan'],
    ['Hovhannes', 'Ovanes'],
    ['Hakobyan', 'Akopyan'],
    ['Ter-Petrosyan', 'Der-Bedrosian'],
    ['Rahimov', 'Rakhimov'],
    ['Jirayr', 'Zhirayr'],
    ['Mikayelyan', 'Mikaelyan'],
    ['Vasilyev', 'Vasilev'],
    ['Voskanyan', 'Oskanian'],
  ])('sounds %s and %s alike', (a, b) => {
    expect(skeleton(a)).toBe(skeleton(b));
  });

  it('keeps different surnames apart', () => {
    expect(skeleton('Petrosyan')).not.toBe(skeleton('Martirosyan'));
    expect(skeleton('Hasanov')).not.toBe(skeleton('Huseynov'));
  });
});

describe('strippedKey', () => {
  it.each(['Hayk', 'Haik', 'Gaik', 'Aik', 'Ayk', 'Gayk'])(
    'reduces %s to the same key as Hayk (Russian Г for Հ)',
    (name) => {
      expect(stripped(name)).toBe(stripped('Hayk'));
    },
  );

  it('treats Hrant and Grant alike but keeps gh, which is Ղ', () => {
    expect(stripped('Grant')).toBe(stripped('Hrant'));
    expect(stripped('Ghazaryan')).toBe(skeleton('Kazaryan'));
  });
});

describe('vowelFoldedKey', () => {
  it('makes the vowels Azerbaijani names swap in Russian equal', () => {
    expect(vowelFoldedKey(foldNameWord('Gasanov'))).toBe(vowelFoldedKey(foldNameWord('Gesanov')));
    expect(vowelFoldedKey(foldNameWord('Gyuseynov'))).toBe(
      vowelFoldedKey(foldNameWord('Huseynov')),
    );
    expect(vowelFoldedKey(foldNameWord('Mamedov'))).toBe(vowelFoldedKey(foldNameWord('Mammadov')));
  });
});

describe('consonantKey', () => {
  it('keeps only consonants, for blocking', () => {
    expect(consonantKey(skeleton('Jafarov'))).toBe(consonantKey(skeleton('Jaferov')));
  });
});

describe('surname parts', () => {
  it.each([
    ['petrosian', 2],
    ['aliev', 2],
    ['kuznetsov', 2],
    ['kuluzade', 2],
    ['garegin', 1],
    ['huseinli', 1],
    ['haik', 0],
    ['iakov', 0],
  ] as const)('rates how surname-like %s is: %i', (word, likeness) => {
    expect(surnameLikeness(word)).toBe(likeness);
  });

  it.each([
    ['petrosian', 'petros'],
    ['petrosov', 'petros'],
    ['petrosova', 'petros'],
    ['aliev', 'ali'],
    ['ilin', 'ilin'],
  ])('cuts %s to the stem %s', (word, stem) => {
    expect(surnameStem(word)).toBe(stem);
  });

  it('drops a Ter-/Der- prefix set off by a hyphen or a space, and only that', () => {
    expect(withoutSurnamePrefix('ter-petrosyan')).toBe('petrosian');
    expect(withoutSurnamePrefix('Der Bedrosian')).toBe('bedrosian');
    expect(withoutSurnamePrefix('terian')).toBe('terian');
    expect(withoutSurnamePrefix('terteryan')).toBe('terterian');
  });
});

describe('fathers in names', () => {
  it.each([
    ['armenovich', 'armen'],
    ['aramovna', 'aram'],
    ['grigorievich', 'grigor'],
    ['sergeievich', 'serge'],
  ])('finds the father in the patronymic %s: %s', (patronymic, father) => {
    expect(looksLikePatronymic(patronymic)).toBe(true);
    expect(fatherFromPatronymic(patronymic)).toBe(father);
  });

  it('does not take the given name Mkrtich for a patronymic', () => {
    expect(looksLikePatronymic('mkrtich')).toBe(false);
  });

  it.each([
    ['armeni', 'armen'],
    ['haiki', 'haik'],
    ['araii', 'ara'],
  ])('finds the father in the Armenian genitive %s: %s', (genitive, father) => {
    expect(fatherFromGenitive(genitive)).toBe(father);
  });
});

describe('spellings found in generated lists', () => {
  it.each([
    ['Alekseyev', 'Alekseev'],
    ['Andreyev', 'Andreev'],
    ['Hakhverdjan', 'Hakhverdyan'],
  ])('sounds %s and %s alike', (a, b) => {
    expect(skeleton(a)).toBe(skeleton(b));
  });

  it('strips the leading g of Гюсейн before reading its glide', () => {
    expect(stripped('Gyuseyn')).toBe(stripped('Huseyn'));
  });
});
