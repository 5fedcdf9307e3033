import {
  fatherFromGenitive,
  fatherFromPatronymic,
  foldNameWord,
  isSurnamePrefix,
  looksLikePatronymic,
  surnameLikeness,
} from './fold-name.ts';
import { detectNameSpelling, romanizeName } from './romanize-name.ts';
import type { NameSpelling } from './romanize-name.ts';

/** One word of a name as written, romanized and folded. */
export interface NameWord {
  written: string;
  romanized: string;
  folded: string;
}

/** In which order a name gives its parts. */
export type NameOrder = 'given-surname' | 'surname-given' | 'unknown';

/** A name split into its parts. */
export interface NameParts {
  given: NameWord | null;
  surname: NameWord | null;
  /** Further given names or initials. */
  middle: NameWord[];
  /** The word that names the father: Armenovich, Armeni (Armenian genitive), Xəlil in "Xəlil oğlu". */
  patronymic: NameWord | null;
  /** The father's given name taken from the patronymic, folded (e.g. 'armen'). */
  father: string | null;
  order: NameOrder;
  spelling: NameSpelling;
}

export interface ParseNameOptions {
  /**
   * Read Russian words in oblique cases (genitive «Гайка Петросяна», instrumental «Арменом»)
   * as their nominative. Off by default: lists give names in the nominative, and -ova is also
   * a feminine surname.
   */
  obliqueCases?: boolean;
}

/** Azerbaijani "son of" / "daughter of" after the father's name, as folded. */
const AZERBAIJANI_FATHER_MARKERS = new Set([
  'oglu',
  'oghlu',
  'ogli',
  'oghli',
  'kizi',
  'gizi',
  'ghizi',
]);

/**
 * The nominative of a Russian name word in an oblique case, by its ending.
 *
 * @example
 * toNominative('петросяна') // 'петросян'
 * toNominative('арменовичем') // 'арменович'
 * toNominative('сергея') // 'сергей'
 */
export function toNominative(word: string): string {
  const w = word.toLowerCase();
  if (w.length <= 3) return w;
  const rules: [RegExp, string][] = [
    [/(ович|евич|ич)(а|у|ем|е)$/, '$1'],
    [/(ян|янц)(а|у|ом|е)$/, '$1'],
    [/(ов|ев|ин)(ым|а|у|е)$/, '$1'],
    [/е(я|ю|ем|е)$/, 'ей'],
    [/([бвгджзклмнпрстфхцчшщ])(а|у|ом|е)$/, '$1'],
  ];
  for (const [pattern, replacement] of rules) {
    if (pattern.test(w)) return w.replace(pattern, replacement);
  }
  return w;
}

/**
 * The same words recur across a registry, so each word's romanization is computed once per
 * spelling. Bounded, and only a cache: results never depend on it.
 */
const romanizedWords = new Map<string, { romanized: string; folded: string }>();

function romanizeWord(word: string, spelling: NameSpelling): { romanized: string; folded: string } {
  const key = `${spelling}:${word}`;
  let known = romanizedWords.get(key);
  if (!known) {
    const romanized = romanizeName(word, spelling);
    known = { romanized, folded: foldNameWord(romanized) };
    if (romanizedWords.size >= 200_000) romanizedWords.clear();
    romanizedWords.set(key, known);
  }
  return known;
}

function isAllCaps(written: string): boolean {
  const letters = written.replace(/[^\p{L}]/gu, '');
  return (
    letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()
  );
}

/**
 * Splits a name into given name, surname and the father's name, in any of the orders lists
 * use: "Given Surname", "SURNAME Given", "Surname Given Patronymic", Armenian "Given Father-i
 * Surname" with the father in the genitive, Azerbaijani "Given Father oğlu Surname".
 *
 * @example
 * parseName('PETROSYAN Hayk').surname?.folded // 'petrosian'
 * parseName('Петросян Айк Арменович').father // 'armen'
 * parseName('Արամ Արմենի Սարգսյան').father // 'armen'
 * parseName('Əli Xəlil oğlu Əliyev').father // 'khalil'
 */
export function parseName(value: string, options: ParseNameOptions = {}): NameParts {
  const spelling = detectNameSpelling(value);
  const written = value
    .normalize('NFC')
    .split(/[\s,;()/]+/)
    .map((w) => w.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, ''))
    .filter((w) => w.length > 0);
  let words: NameWord[] = written.map((w) => {
    const base = options.obliqueCases && spelling === 'russian' ? toNominative(w) : w;
    return { written: w, ...romanizeWord(base, spelling) };
  });
  words = words.filter((w) => w.folded.length > 0);

  // Ter-/Der- written apart belongs to the surname after it.
  for (let i = 0; i < words.length - 1; i++) {
    const word = words[i] as NameWord;
    const next = words[i + 1] as NameWord;
    if (isSurnamePrefix(word.folded)) {
      words.splice(i, 2, {
        written: `${word.written}-${next.written}`,
        romanized: `${word.romanized}-${next.romanized}`,
        folded: word.folded + next.folded,
      });
    }
  }

  let patronymic: NameWord | null = null;
  let father: string | null = null;
  let patronymicIndex = -1;

  const markerIndex = words.findIndex((w, i) => i > 0 && AZERBAIJANI_FATHER_MARKERS.has(w.folded));
  if (markerIndex > 0) {
    patronymic = words[markerIndex - 1] as NameWord;
    father = patronymic.folded;
    patronymicIndex = markerIndex - 1;
    words.splice(markerIndex - 1, 2);
  } else {
    for (let i = words.length - 1; i >= 1; i--) {
      const word = words[i] as NameWord;
      if (looksLikePatronymic(word.folded)) {
        patronymic = word;
        father = fatherFromPatronymic(word.folded);
        patronymicIndex = i;
        words.splice(i, 1);
        break;
      }
    }
  }

  const named = words.filter((w) => w.folded.length > 1);
  const surnameIndex = pickSurname(named, patronymicIndex === words.length && patronymicIndex > 0);
  let surname = surnameIndex >= 0 ? (named[surnameIndex] as NameWord) : null;
  const others = named.filter((_, i) => i !== surnameIndex);

  // Armenian: the father's name in the genitive (-ի, -i) follows the given name.
  if (father === null && surname !== null && others.length === 2) {
    const second = others[1] as NameWord;
    if (
      second.folded.length >= 4 &&
      second.folded.endsWith('i') &&
      surnameLikeness(second.folded) === 0
    ) {
      patronymic = second;
      father = fatherFromGenitive(second.folded);
      others.pop();
    }
  }

  // «Արամ Արմենի» alone: in Armenian script a second word in the genitive is the father, not a
  // surname (in Latin, -i ends surnames and given names too often to tell).
  if (father === null && surname !== null && others.length === 1 && named.length === 2) {
    const last = named[1] as NameWord;
    if (last === surname && /ի$/u.test(last.written) && surnameLikeness(last.folded) === 0) {
      patronymic = last;
      father = fatherFromGenitive(last.folded);
      surname = null;
    }
  }

  const given = others[0] ?? null;
  const middle = [...others.slice(1), ...words.filter((w) => w.folded.length <= 1)];
  let order: NameOrder = 'unknown';
  if (given && surname)
    order = named.indexOf(surname) < named.indexOf(given) ? 'surname-given' : 'given-surname';
  return { given, surname, middle, patronymic, father, order, spelling };
}

/** Index of the surname among the named words, or -1 for a single word that is a given name. */
function pickSurname(named: NameWord[], patronymicLast: boolean): number {
  if (named.length === 0) return -1;
  if (named.length === 1) return surnameLikeness((named[0] as NameWord).folded) > 0 ? 0 : -1;
  const caps = named.map((w, i) => (isAllCaps(w.written) ? i : -1)).filter((i) => i >= 0);
  if (caps.length === 1 && caps.length < named.length) return caps[0] as number;
  const likeness: number[] = named.map((w) => surnameLikeness(w.folded));
  const best = Math.max(...likeness);
  if (best > 0 && likeness.filter((l) => l === best).length === 1) return likeness.indexOf(best);
  // Russian official order puts the patronymic last: "Surname Given Patronymic".
  if (patronymicLast && named.length === 2) return 0;
  // "Surname Given Father-i": an Armenian genitive last means the surname came first.
  const last = named[named.length - 1] as NameWord;
  if (named.length === 3 && last.folded.length >= 4 && last.folded.endsWith('i')) return 0;
  return named.length - 1;
}
