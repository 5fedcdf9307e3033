import { foldNameWord, strippedKey } from '../matching/fold-name.ts';
import { romanizeName } from '../matching/romanize-name.ts';
import { searchKey } from '../names/search-key.ts';

/** A run of letters in any script: what is romanized; every other character stays as typed. */
const LETTERS = /[\p{L}\p{M}]+/gu;

/** Query words shorter than this are not compared by sound: too many places share them. */
const MIN_SOUND_WORD = 3;

/**
 * A place as lowercase Latin text, the way the registry's name search reads names: each run of
 * letters is romanized (Armenian and Cyrillic by BGN/PCGN-style rules, see `searchKey`), while
 * spaces, digits and punctuation stay as they were, so that «Շուշի», «Шуши» and "Shushi" all
 * read "shushi" but "Old_Mill" is still not "Old Mill".
 *
 * @example
 * placeSearchKey('Շուշի') // 'shushi'
 * placeSearchKey('Шуши, 2-й квартал') // 'shushi, 2-y kvartal'
 */
export function placeSearchKey(place: string): string {
  return place
    .normalize('NFC')
    .toLowerCase()
    .replace(LETTERS, (word) => searchKey(word).replace(/ /g, ''))
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The sound of one word of a place, as the name matcher hears a name word: romanized, folded
 * and reduced to its skeleton without a leading g, so «Гадрут» sounds as "Hadrut", «Джракан» as
 * "Jrakan" and «Кашатаг» as "Kashatagh".
 */
function placeWordSound(word: string): string {
  return strippedKey(foldNameWord(romanizeName(word)));
}

/** The sounds of every word of a place; its words are its runs of letters. */
function placeSounds(place: string): Set<string> {
  return new Set(
    (place.normalize('NFC').match(LETTERS) ?? []).map(placeWordSound).filter((s) => s !== ''),
  );
}

/**
 * The sounds of the words of a query, when it is plain words only (letters, at least three of
 * them each, apart by spaces); `null` otherwise: a query with punctuation or digits means that
 * text, and is matched as written.
 */
function querySounds(query: string): string[] | null {
  const words = query.normalize('NFC').trim().split(/\s+/);
  if (!words.every((word) => /^[\p{L}\p{M}]+$/u.test(word) && word.length >= MIN_SOUND_WORD))
    return null;
  const sounds = words.map(placeWordSound);
  return sounds.every((s) => s !== '') ? sounds : null;
}

/**
 * The registry's place filter: whether a place answers what was typed, across Armenian,
 * Cyrillic and Latin scripts, the way names are found. A place answers when
 *
 * - it holds the typed text, in any case (same script, as typed); or
 * - its {@link placeSearchKey} holds the typed text's key ("Shushi" finds «Շուշի» and «Шуши»,
 *   "stepanakert" finds «Ստեփանակերտ»); or
 * - every word typed sounds like one of the place's words, by the name matcher's folded keys
 *   ("Hadrut" finds «Гадрут», "Jrakan" finds «Джракан»): whole words only, of three letters
 *   or more, and only for a query of plain words.
 *
 * Text that is all spaces answers every place. Build the matcher once per query and call it
 * on each place.
 *
 * @example
 * const matches = placeMatcher('Shushi');
 * matches('Շուշի, Nagorno-Karabakh') // true
 * matches('Шуши') // true
 * matches('Shusha') // false
 */
export function placeMatcher(query: string): (place: string) => boolean {
  const typed = query.normalize('NFC').trim().toLowerCase();
  if (typed === '') return () => true;
  const key = placeSearchKey(typed);
  // A key with no letter or digit left ("%", "--") would be found in many places by accident.
  const byKey = /[a-z0-9]/.test(key) ? key : null;
  const sounds = querySounds(typed);
  return (place) => {
    const text = place.normalize('NFC').toLowerCase();
    if (text.includes(typed)) return true;
    if (byKey !== null && placeSearchKey(text).includes(byKey)) return true;
    if (sounds === null) return false;
    const heard = placeSounds(text);
    return sounds.every((sound) => heard.has(sound));
  };
}
