import { describe, expect, it } from 'vitest';
import { parseName, toNominative } from './parse-name.ts';

function parts(value: string) {
  const p = parseName(value);
  return {
    given: p.given?.folded ?? null,
    surname: p.surname?.folded ?? null,
    father: p.father,
    order: p.order,
  };
}

describe('parseName', () => {
  it('reads "Given Surname"', () => {
    expect(parts('Hayk Martirosyan')).toEqual({
      given: 'haik',
      surname: 'martirosian',
      father: null,
      order: 'given-surname',
    });
  });

  it('reads "Surname Given" by the surname ending', () => {
    expect(parts('Martirosyan Hayk')).toMatchObject({
      given: 'haik',
      surname: 'martirosian',
      order: 'surname-given',
    });
    expect(parts('Ivanov Sergey')).toMatchObject({ given: 'sergei', surname: 'ivanov' });
    expect(parts('Əliyev Elvin')).toMatchObject({ given: 'elvin', surname: 'aliev' });
  });

  it('reads "SURNAME Given" by the capitals, whatever the ending', () => {
    expect(parts('DAVIT Aram')).toMatchObject({ given: 'aram', surname: 'davit' });
    expect(parts('ԴԱՎԹՅԱՆ Արամ')).toMatchObject({ given: 'aram', surname: 'davtian' });
  });

  it('reads the Russian official order "Surname Given Patronymic"', () => {
    expect(parts('Петросян Айк Арменович')).toEqual({
      given: 'aik',
      surname: 'petrosian',
      father: 'armen',
      order: 'surname-given',
    });
  });

  it('reads "Given Patronymic Surname"', () => {
    expect(parts('Sergey Ivanovich Petrov')).toMatchObject({
      given: 'sergei',
      surname: 'petrov',
      father: 'ivan',
    });
  });

  it('reads the Armenian father in the genitive after the given name', () => {
    expect(parts('Արամ Արմենի Սարգսյան')).toMatchObject({
      given: 'aram',
      surname: 'sargsian',
      father: 'armen',
    });
    expect(parts('Aram Armeni Sargsyan')).toMatchObject({
      given: 'aram',
      surname: 'sargsian',
      father: 'armen',
    });
    expect(parts('Sargsyan Aram Armeni')).toMatchObject({
      given: 'aram',
      surname: 'sargsian',
      father: 'armen',
    });
  });

  it('reads «Արամ Արմենի» alone as a given name and a father', () => {
    expect(parts('Արամ Արմենի')).toEqual({
      given: 'aram',
      surname: null,
      father: 'armen',
      order: 'unknown',
    });
  });

  it('reads the Azerbaijani father before oğlu / ogly / оглы', () => {
    expect(parts('Əli Xəlil oğlu Əliyev')).toMatchObject({
      given: 'ali',
      surname: 'aliev',
      father: 'khalil',
    });
    expect(parts('Aliyev Ali Khalil ogly')).toMatchObject({
      given: 'ali',
      surname: 'aliev',
      father: 'khalil',
    });
    expect(parts('Алиев Али Халил оглы')).toMatchObject({
      given: 'ali',
      surname: 'aliev',
      father: 'khalil',
    });
  });

  it('keeps Ter- written apart with the surname', () => {
    const parsed = parseName('Ter Petrosyan Levon');
    expect(parsed.surname?.folded).toBe('terpetrosian');
    expect(parsed.given?.folded).toBe('levon');
  });

  it('does not mistake a given name ending in -in or -ich for a surname or patronymic', () => {
    expect(parts('Garegin Nalbandyan')).toMatchObject({ given: 'garegin', surname: 'nalbandian' });
    expect(parts('Mkrtich Khachatryan')).toMatchObject({
      given: 'mkrtich',
      surname: 'khachatrian',
      father: null,
    });
  });

  it('reads a single word as a surname only when it ends like one', () => {
    expect(parts('Petrosyan')).toMatchObject({ given: null, surname: 'petrosian' });
    expect(parts('Hayk')).toMatchObject({ given: 'haik', surname: null });
  });

  it('reads Russian oblique cases only when asked', () => {
    expect(parts('Гайка Петросяна').surname).toBe('petrosiana');
    const parsed = parseName('Гайка Петросяна', { obliqueCases: true });
    expect(parsed.given?.folded).toBe('gaik');
    expect(parsed.surname?.folded).toBe('petrosian');
  });
});

describe('toNominative', () => {
  it.each([
    ['петросяна', 'петросян'],
    ['петросяну', 'петросян'],
    ['арменовичем', 'арменович'],
    ['иванова', 'иванов'],
    ['сергея', 'сергей'],
    ['гайком', 'гайк'],
  ])('turns %s into %s', (oblique, nominative) => {
    expect(toNominative(oblique)).toBe(nominative);
  });
});
