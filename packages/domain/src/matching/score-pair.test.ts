import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { birthDateChance, birthDateEvidence, MATCH_WEIGHTS, scorePair } from './score-pair.ts';
import { parseBirthDate } from './prepare-match-record.ts';

const names = (a: string, b: string) =>
  scorePair({ id: 'a', name: a }, { id: 'b', name: b }).features;

describe('scorePair: the same name across scripts and spellings', () => {
  it.each([
    ['Հայկ Մարտիրոսյան', 'Hayk Martirosyan'],
    ['Հայկ Մարտիրոսյան', 'Айк Мартиросян'],
    ['Hayk Martirosyan', 'Haik Martirosian'],
    ['Hayk Martirosyan', 'Gaik Martirosyan'],
    ['Hayk Martirosyan', 'Гайк Мартиросян'],
    ['Hovhannes Hakobyan', 'Ованес Акопян'],
    ['Hovhannes Hakobyan', 'Hovhannes Hagopian'],
    ['Petros Petrosyan', 'Bedros Bedrosian'],
    ['Grigor Grigoryan', 'Krikor Krikorian'],
    ['Tigran Ghazaryan', 'Dikran Kazarian'],
    ['Tigran Ghazaryan', 'Тигран Газарян'],
    ['Levon Ter-Petrosyan', 'Левон Тер-Петросян'],
    ['Levon Ter-Petrosyan', 'Levon Der Bedrosian'],
    ['Aram Petrosyan', 'Арам Петросов'],
    ['Aram Petrosyan', 'PETROSYAN Aram'],
    ['Aram Petrosyan', 'Petrosyants Aram'],
    ['Harutyun Khachatryan', 'Arutyun Khachatrian'],
    ['Hrant Tsaturyan', 'Грант Цатурян'],
    ['Ali Həsənov', 'Али Гасанов'],
    ['Ali Həsənov', 'Ali Hasanov'],
    ['Cavid Quliyev', 'Джавид Кулиев'],
    ['Ҹавид Гулијев', 'Javid Guliyev'],
    ['Hüseyn Rəhimov', 'Гусейн Рахимов'],
    ['Məmməd Məmmədov', 'Мамед Мамедов'],
    ['Sergey Vasilyev', 'Сергей Васильев'],
    ['Pyotr Semyonov', 'Пётр Семёнов'],
  ])('scores %s and %s as one name', (a, b) => {
    expect(names(a, b).name).toBeGreaterThanOrEqual(0.93);
  });

  it.each([
    ['Hayk Martirosyan', 'Hayk Martikyan'],
    ['Hayk Martirosyan', 'Aram Martirosyan'],
    ['Armen Petrosyan', 'Arman Petrosyan'],
    ['Ali Hasanov', 'Ali Huseynov'],
    ['Tural Hüseynli', 'Tural Hüseynov'],
    ['Ashot Azaryan', 'Ashot Ghazaryan'],
  ])('keeps %s and %s apart: one part is another name', (a, b) => {
    expect(names(a, b).weakestNamePart).toBeLessThan(0.9);
  });

  it('does not let a shared given name make two surnames one name', () => {
    expect(names('Hayk Petrosyan', 'Hayk Lalayan').name).toBeLessThan(0.8);
  });

  it('still matches when one list gives the surname first without any sign of it', () => {
    expect(names('Aram Davit', 'Davit Aram').name).toBeGreaterThan(0.9);
  });
});

describe('birth dates', () => {
  const evidence = (a: string, b: string) =>
    birthDateEvidence(parseBirthDate(a), parseBirthDate(b));
  it('rewards the same day most', () => {
    expect(evidence('1990-05-12', '1990-05-12')).toBe(MATCH_WEIGHTS.birthDateSame);
  });
  it('recognises day and month swapped', () => {
    expect(evidence('1990-05-12', '1990-12-05')).toBe(MATCH_WEIGHTS.birthDateDayMonthSwapped);
  });
  it('gives a year only some weight', () => {
    expect(evidence('1990', '1990-05-12')).toBe(MATCH_WEIGHTS.birthYearSame);
    expect(evidence('1990-05', '1990-05-12')).toBe(MATCH_WEIGHTS.birthYearMonthSame);
  });
  it('penalises another year strongly', () => {
    expect(evidence('1990-05-12', '1985-05-12')).toBe(MATCH_WEIGHTS.birthYearDiffers);
    expect(evidence('1990', '1993')).toBe(MATCH_WEIGHTS.birthYearDiffers);
  });
  it('counts nothing when a date is missing', () => {
    expect(evidence('1990-05-12', '')).toBe(0);
  });
  it('says how often two men agree so by chance', () => {
    expect(birthDateChance(parseBirthDate('1990'), parseBirthDate('1990-01-01'))).toBeCloseTo(
      1 / 46,
    );
    expect(
      birthDateChance(parseBirthDate('1990-01-01'), parseBirthDate('1990-01-01')),
    ).toBeLessThan(1e-4);
    expect(birthDateChance(parseBirthDate('1990-01-01'), parseBirthDate('1991-01-01'))).toBe(1);
  });
});

describe('scorePair: evidence beyond the name', () => {
  const hayk = {
    id: 'a',
    name: 'Hayk Martirosyan',
    birthDate: '1990-05-12',
    fatherName: 'Armen',
    place: 'Gyumri',
  };

  it('scores the same man written in Armenian near 1', () => {
    const other = {
      id: 'b',
      name: 'Հայկ Մարտիրոսյան',
      birthDate: '1990-05-12',
      fatherName: 'Արմեն',
      place: 'Գյումրի',
    };
    const { score, features } = scorePair(hayk, other);
    expect(score).toBeGreaterThan(0.99);
    expect(features.father).toBe(MATCH_WEIGHTS.fatherSame);
    expect(features.place).toBe(MATCH_WEIGHTS.placeSame);
  });

  it('finds the father in a Russian patronymic and an Armenian genitive', () => {
    const russian = scorePair(hayk, {
      id: 'b',
      name: 'Мартиросян Айк Арменович',
      birthDate: '1990',
    });
    const armenian = scorePair(hayk, { id: 'c', name: 'Հայկ Արմենի Մարտիրոսյան' });
    expect(russian.features.father).toBe(MATCH_WEIGHTS.fatherSame);
    expect(armenian.features.father).toBe(MATCH_WEIGHTS.fatherSame);
  });

  it('scores a namesake with another father and birth year low', () => {
    const namesake = {
      id: 'b',
      name: 'Hayk Martirosyan',
      birthDate: '1975-02-01',
      fatherName: 'Samvel',
    };
    const { score, features } = scorePair(hayk, namesake);
    expect(features.name).toBe(1);
    expect(features.father).toBe(MATCH_WEIGHTS.fatherDiffers);
    expect(score).toBeLessThan(0.01);
  });

  it('penalises another father even when the birth date agrees', () => {
    const { features } = scorePair(hayk, {
      id: 'b',
      name: 'Hayk Martirosyan',
      birthDate: '1990-05-12',
      fatherName: 'Vahan',
    });
    expect(features.evidence).toBeLessThan(0);
  });

  it('counts a shared identifier as strong evidence', () => {
    const { features } = scorePair(
      { id: 'a', name: 'Aram Sargsyan', identifiers: ['AB 123-456'] },
      { id: 'b', name: 'Арам Саргсян', identifiers: ['ab123456'] },
    );
    expect(features.identifiers).toBe(MATCH_WEIGHTS.identifierShared);
  });

  it('scores between 0 and 1 and the same both ways, whatever the input', () => {
    const record = fc.record({
      id: fc.string(),
      name: fc.oneof(
        fc.string(),
        fc.constantFrom('Hayk Martirosyan', 'Айк Мартиросян', 'Əli Həsənov', 'Հայկ'),
      ),
      birthDate: fc.oneof(
        fc.constant(null),
        fc.constantFrom('1990', '1990-05', '1990-05-12', '1991-12-05'),
      ),
      fatherName: fc.oneof(fc.constant(null), fc.string()),
      place: fc.oneof(fc.constant(null), fc.string()),
    });
    fc.assert(
      fc.property(record, record, (a, b) => {
        const ab = scorePair(a, b).score;
        const ba = scorePair(b, a).score;
        return ab >= 0 && ab <= 1 && Math.abs(ab - ba) < 1e-9;
      }),
    );
  });
});

describe('typing slips', () => {
  it.each([
    ['Tural Nasirov', 'Tuarl Nasirov'],
    ['Narek Hakobyan', 'Nark Hakobyan'],
    ['Sergey Antonov', 'Segey Antonov'],
  ])('lets %s and %s agree name part by name part, inexactly', (a, b) => {
    const features = names(a, b);
    expect(features.weakestNamePart).toBeGreaterThanOrEqual(0.9);
    expect(features.weakestNamePart).toBeLessThan(0.93);
  });

  it('keeps a changed letter of a given name a different name: Armen and Arman may be twins', () => {
    expect(names('Armen Petrosyan', 'Arman Petrosyan').weakestNamePart).toBeLessThan(0.9);
  });

  it.each([
    ['Nikolay Karpov', 'Nikolay Kareov'],
    ['Никита Наумов', 'NAUEOV Nikita'],
  ])('lets a surname one letter off agree inexactly: %s and %s', (a, b) => {
    const features = names(a, b);
    expect(features.surname).toBeGreaterThanOrEqual(0.9);
    expect(features.surname).toBeLessThan(0.93);
  });

  it.each([
    ['Javid Safarov', 'Джавид Сеферов'],
    ['Orkhan Isgandarov', 'Орхан Исгендеров'],
    ['Shahin Jafarov', 'Шахин Джеферов'],
  ])(
    'reads an Azerbaijani surname written from English and from Russian as one name (ə): %s and %s',
    (a, b) => {
      expect(names(a, b).surname).toBeGreaterThanOrEqual(0.93);
    },
  );

  it('keeps a given name that differs in a vowel a different name, whatever the surname', () => {
    expect(names('Armen Petrosov', 'Arman Petrosov').weakestNamePart).toBeLessThan(0.9);
  });

  it('keeps surnames that differ in their first letter apart', () => {
    expect(names('Anar Kazımov', 'Anar Nazımov').surname).toBeLessThan(0.9);
  });
});

describe('fathers', () => {
  it('reads the genitive that drops a vowel as the same father (Sargis, Սարգսի)', () => {
    const { features } = scorePair(
      { id: 'a', name: 'Aram Sargsi Petrosyan' },
      { id: 'b', name: 'Aram Petrosyan', fatherName: 'Sargis' },
    );
    expect(features.father).toBe(MATCH_WEIGHTS.fatherSame);
  });

  it('reads an Azerbaijani father written alone the way the name is written (Cavid = Javid)', () => {
    const { features } = scorePair(
      { id: 'a', name: 'Həsən Əkbərov', fatherName: 'Cavid' },
      { id: 'b', name: 'Гасан Акбаров', fatherName: 'Джавид' },
    );
    expect(features.father).toBe(MATCH_WEIGHTS.fatherSame);
  });
});
