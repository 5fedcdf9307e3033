import { describe, expect, it } from 'vitest';
import { detectNameSpelling, romanizeName } from './romanize-name.ts';

describe('detectNameSpelling', () => {
  it.each([
    ['Հայկ Մարտիրոսյան', 'armenian'],
    ['Айк Мартиросян', 'russian'],
    ['Ҹәфәр Гулијев', 'azerbaijani-cyrillic'],
    ['Həsən Məmmədov', 'azerbaijani-latin'],
    ['Cavid Quliyev', 'azerbaijani-latin'],
    ['Vugar Ali ogly Aliyev', 'azerbaijani-latin'],
    ['Hayk Martirosyan', 'latin'],
    ['Nikolay Kuznecov', 'latin'],
    ['Aleksey Maximov', 'latin'],
  ])('reads %s as %s spelling', (name, spelling) => {
    expect(detectNameSpelling(name)).toBe(spelling);
  });
});

describe('romanizeName', () => {
  it.each([
    ['Եղիշե', 'yeghishe'],
    ['Երվանդ', 'yervand'],
    ['Ոսկանյան', 'voskanyan'],
    ['Հարություն', 'harutyun'],
    ['Թադևոս', 'tadevos'],
    ['Ղազարյան', 'ghazaryan'],
    ['Խաչատրյան', 'khachatryan'],
    ['Ծատուրյան', 'tsaturyan'],
    ['Ռուբեն', 'ruben'],
    ['Տեր-Պետրոսյան', 'ter-petrosyan'],
  ])('romanizes Armenian %s as %s (BGN/PCGN context rules)', (name, latin) => {
    expect(romanizeName(name)).toBe(latin);
  });

  it.each([
    ['Евгений', 'yevgeniy'],
    ['Алиев', 'aliyev'],
    ['Айк Арменович', 'ayk armenovich'],
    ['Ованес Акопян', 'ovanes akopyan'],
    ['Хачатрян', 'khachatryan'],
    ['Васильев', 'vasilyev'],
  ])('romanizes Russian %s as %s, with the glide on е after vowels and signs', (name, latin) => {
    expect(romanizeName(name)).toBe(latin);
  });

  it.each([
    ['Xəlil', 'khalil'],
    ['Quliyev', 'guliyev'],
    ['Cəfər', 'jafar'],
    ['Şahin', 'shahin'],
    ['Ağa', 'agha'],
    ['Aydın', 'aydin'],
    ['Çələbi', 'chalabi'],
    ['Rəfiq', 'rafik'],
    ['Hüseynov', 'huseynov'],
  ])('romanizes Azerbaijani Latin %s as %s', (name, latin) => {
    expect(romanizeName(name)).toBe(latin);
  });

  it.each([
    ['Ҹәфәр', 'jafar'],
    ['Һүсејнов', 'huseynov'],
    ['Әли', 'ali'],
    ['Гулијев', 'guliyev'],
    ['Нағыјев', 'naghiyev'],
  ])('romanizes Soviet-era Azerbaijani Cyrillic %s as %s', (name, latin) => {
    expect(romanizeName(name)).toBe(latin);
  });

  it.each([
    ['Kuznecov', 'kuznetsov'],
    ['Xachatryan', 'khachatryan'],
    ['Qocharyan', 'kocharyan'],
    ['Alexander', 'aleksander'],
    ['Maxim', 'maksim'],
    ['Šahinyan', 'shahinyan'],
  ])('reads scientific and informal Latin %s as %s', (name, latin) => {
    expect(romanizeName(name)).toBe(latin);
  });

  it('keeps word boundaries and drops punctuation', () => {
    expect(romanizeName('  PETROSYAN,  Hayk (Гайк) ')).toBe('petrosyan hayk gayk');
  });
});
