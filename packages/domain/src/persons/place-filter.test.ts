import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { placeMatcher, placeSearchKey } from './place-filter.ts';

const matches = (query: string, place: string) => placeMatcher(query)(place);

describe('placeSearchKey', () => {
  it('reads a place in Armenian, Cyrillic or Latin letters as the same Latin text', () => {
    expect(placeSearchKey('Շուշի')).toBe('shushi');
    expect(placeSearchKey('Шуши')).toBe('shushi');
    expect(placeSearchKey('Shushi')).toBe('shushi');
    expect(placeSearchKey('Ստեփանակերտ')).toBe('stepanakert');
    expect(placeSearchKey('Степанакерт')).toBe('stepanakert');
  });

  it('keeps spaces, digits and punctuation as they were', () => {
    expect(placeSearchKey('Old_Mill')).toBe('old_mill');
    expect(placeSearchKey('  Шуши,   2-й квартал ')).toBe('shushi, 2-y kvartal');
    expect(placeSearchKey('100%')).toBe('100%');
  });
});

describe('placeMatcher', () => {
  it('finds a place written in another script by its romanized text', () => {
    for (const place of ['Շուշի', 'Шуши', 'Shushi', 'near Շուշի, on the road'])
      expect(matches('Shushi', place), place).toBe(true);
    expect(matches('Шуши', 'Շուշի')).toBe(true);
    expect(matches('Շուշի', 'Shushi district')).toBe(true);
    expect(matches('stepanakert', 'Ստեփանակերտ')).toBe(true);
  });

  it('finds part of a name, as typed so far, in another script', () => {
    expect(matches('Шуш', 'Shushi')).toBe(true);
    expect(matches('shu', 'Շուշի')).toBe(true);
  });

  it('finds a place whose words sound like the words typed, as names are matched', () => {
    expect(matches('Hadrut', 'Гадрут')).toBe(true);
    expect(matches('Jrakan', 'Джракан')).toBe(true);
    expect(matches('Kashatagh', 'Кашатаг')).toBe(true);
    expect(matches('Гадрут', 'Հադրութ region')).toBe(true);
  });

  it('tells different places apart', () => {
    expect(matches('Shushi', 'Shusha')).toBe(false);
    expect(matches('Shushi', 'Шуша')).toBe(false);
    expect(matches('Hadrut', 'Martuni')).toBe(false);
    expect(matches('Гадрут', 'Goris')).toBe(false);
  });

  it('compares by sound whole words only, of three letters or more, for plain words', () => {
    // "Hadr" is no word of «Гадрут»; by text, "hadr" is not in "gadrut".
    expect(matches('Hadr', 'Гадрут')).toBe(false);
    // Two letters sound like too many places.
    expect(matches('Ka', 'Га')).toBe(false);
    // Punctuation means the text as typed: "Old_Mill" is not "Old Mill".
    expect(matches('Old_Mill', 'Old Mill road')).toBe(false);
  });

  it('keeps the text filter it was: any case, and %, _ are no wildcards', () => {
    expect(matches('northVALE', 'Northvale crossing')).toBe(true);
    expect(matches('Northvale crossing', 'Northvale bridge')).toBe(false);
    expect(matches('%', 'Old Mill road')).toBe(false);
    expect(matches('100_%', 'Special unit 100_% of State B')).toBe(true);
    expect(matches('100%', 'Special unit 100_% of State B')).toBe(false);
  });

  it('answers every place to text that is only spaces', () => {
    expect(matches('   ', 'Anywhere')).toBe(true);
  });

  it('finds every place that holds the typed text, in any case', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1 }), fc.string(), (before, typed, after) => {
        expect(matches(typed, `${before}${typed.toUpperCase()}${after}`)).toBe(true);
      }),
    );
  });

  it('finds a place by its own key, in whatever script it is written', () => {
    const place = fc.constantFrom('Շուշի', 'Шуши', 'Ստեփանակերտ', 'Степанакерт', 'Gadrut');
    fc.assert(
      fc.property(place, (p) => {
        expect(matches(placeSearchKey(p), p)).toBe(true);
      }),
    );
  });
});
