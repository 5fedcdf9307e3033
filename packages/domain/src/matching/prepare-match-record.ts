import {
  fatherFromPatronymic,
  foldNameWord,
  looksLikePatronymic,
  skeletonKey,
  strippedKey,
  surnameStem,
  vowelFoldedKey,
  withoutSurnamePrefix,
} from './fold-name.ts';
import type { MatchRecord } from './match-record.schema.ts';
import { parseName } from './parse-name.ts';
import type { NameOrder } from './parse-name.ts';
import { detectNameSpelling, romanizeName } from './romanize-name.ts';
import type { NameSpelling } from './romanize-name.ts';

/** One name word in the three keys that matching compares. */
export interface NameKeys {
  /** The same for every record with this folded word, so that comparisons can be remembered. */
  id: number;
  folded: string;
  skeleton: string;
  stripped: string;
  /** Vowels made equal the way Azerbaijani names vary; see {@link vowelFoldedKey}. */
  vowelFolded: string;
}

/** A surname's keys, with the stem's skeleton (no -yan/-ov ending) and the keys without Ter-/Der-. */
export interface SurnameKeys extends NameKeys {
  stem: string;
  /** The stem's skeleton without a leading g (Гакобов/Hakobyan). */
  strippedStem: string;
  /** The ending the stem was cut from: 'ian', 'ov', 'li', … or '' when none. */
  ending: string;
  /** The surname without its Ter-/Der- prefix; null when it has none. */
  unprefixed: NameKeys | null;
}

/** A birth date as far as it is known. */
export interface BirthDate {
  year: number;
  month: number | null;
  day: number | null;
}

/**
 * A record with every key matching needs computed once: the registry is prepared when the
 * index is built and each list row once, not once per comparison.
 */
export interface PreparedMatchRecord {
  record: MatchRecord;
  /** How the name is spelled; Azerbaijani spellings make {@link vowelFoldedKey} count. */
  spelling: NameSpelling;
  given: NameKeys | null;
  surname: SurnameKeys | null;
  middle: NameKeys[];
  father: NameKeys | null;
  order: NameOrder;
  birth: BirthDate | null;
  place: string | null;
  identifiers: string[];
}

/**
 * The keys of one folded name word.
 *
 * @example
 * nameKeys('gaik') // { folded: 'gaik', skeleton: 'kaik', stripped: 'aik' }
 */
export function nameKeys(folded: string): NameKeys {
  let keys = internedNameKeys.get(folded);
  if (!keys) {
    if (internedNameKeys.size >= INTERNED_LIMIT) internedNameKeys.clear();
    keys = {
      id: nextNameKeysId++,
      folded,
      skeleton: skeletonKey(folded),
      stripped: strippedKey(folded),
      vowelFolded: vowelFoldedKey(folded),
    };
    internedNameKeys.set(folded, keys);
  }
  return keys;
}

/**
 * Name words repeat across a registry (a few thousand given names and surnames for a hundred
 * thousand people), so their keys are computed once and shared. Bounded, and only a cache:
 * results never depend on it.
 */
const INTERNED_LIMIT = 200_000;
const internedNameKeys = new Map<string, NameKeys>();
let nextNameKeysId = 0;

/**
 * The keys of one folded surname.
 *
 * @example
 * surnameKeys('terpetrosian', 'ter-petrosyan').unprefixed?.folded // 'petrosian'
 * surnameKeys('petrosov').stem === surnameKeys('petrosian').stem // true
 */
export function surnameKeys(folded: string, romanized: string = folded): SurnameKeys {
  const unprefixed = withoutSurnamePrefix(romanized);
  const internKey = unprefixed === folded ? folded : `${folded}|${unprefixed}`;
  let keys = internedSurnameKeys.get(internKey);
  if (!keys) {
    if (internedSurnameKeys.size >= INTERNED_LIMIT) internedSurnameKeys.clear();
    const stem = surnameStem(unprefixed);
    keys = {
      ...nameKeys(folded),
      stem: skeletonKey(stem),
      strippedStem: strippedKey(stem),
      ending: unprefixed.slice(stem.length),
      unprefixed: unprefixed === folded ? null : nameKeys(unprefixed),
    };
    internedSurnameKeys.set(internKey, keys);
  }
  return keys;
}

const internedSurnameKeys = new Map<string, SurnameKeys>();

/**
 * The father's given name as compared: folded, without a final -i, so that a name (Grigori,
 * Sergei), a Russian patronymic (Grigoryevich, Sergeyevich) and an Armenian genitive (Grigori)
 * give the same key.
 *
 * @example
 * fatherKey('grigori') // 'grigor'
 */
export function fatherKey(folded: string): string {
  return folded.length > 3 ? folded.replace(/i$/, '') : folded;
}

/**
 * The father's given name from a `fatherName` field: a name in any script, or a patronymic.
 *
 * @example
 * fatherNameFromField('Արմեն') // 'armen'
 * fatherNameFromField('Armenovich') // 'armen'
 */
export function fatherNameFromField(value: string, nameSpelling?: NameSpelling): string | null {
  const words = romanizeName(value, contextSpelling(value, nameSpelling))
    .split(/[\s-]+/)
    .map(foldNameWord)
    .filter((w) => w.length > 1);
  const patronymic = words.find(looksLikePatronymic);
  if (patronymic) return fatherFromPatronymic(patronymic);
  return words[0] ?? null;
}

/**
 * How to read a short field (father's name, place) that has no telling letters of its own: as
 * the person's name is spelled. «Cavid» beside «Həsən Əkbərov» is Azerbaijani (Javid).
 */
function contextSpelling(value: string, nameSpelling: NameSpelling | undefined): NameSpelling {
  const own = detectNameSpelling(value);
  if (own !== 'latin' || nameSpelling === undefined) return own;
  return nameSpelling === 'azerbaijani-latin' ? nameSpelling : own;
}

const BIRTH_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/**
 * A birth date from `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; null when empty or unreadable.
 *
 * @example
 * parseBirthDate('1990-05') // { year: 1990, month: 5, day: null }
 */
export function parseBirthDate(value: string | null | undefined): BirthDate | null {
  const m = BIRTH_DATE.exec(value?.trim() ?? '');
  if (!m) return null;
  const month = m[2] === undefined ? null : Number(m[2]);
  const day = m[3] === undefined ? null : Number(m[3]);
  return {
    year: Number(m[1]),
    month: month !== null && month >= 1 && month <= 12 ? month : null,
    day: day !== null && day >= 1 && day <= 31 && month !== null ? day : null,
  };
}

/**
 * A place name folded like a name, words in order, for comparing places across scripts.
 *
 * @example
 * foldPlace('Գյումրի') === foldPlace('Gyumri') // true
 */
export function foldPlace(value: string, nameSpelling?: NameSpelling): string {
  const spelling = contextSpelling(value, nameSpelling);
  const key = `${spelling}:${value}`;
  const known = foldedPlaces.get(key);
  if (known !== undefined) return known;
  const folded = romanizeName(value, spelling)
    .split(/[\s-]+/)
    .map((w) => skeletonKey(foldNameWord(w)))
    .filter((w) => w.length > 0)
    .join(' ');
  if (foldedPlaces.size >= INTERNED_LIMIT) foldedPlaces.clear();
  foldedPlaces.set(key, folded);
  return folded;
}

const foldedPlaces = new Map<string, string>();

/**
 * An identifier (document or service number) without spaces, dashes and case.
 *
 * @example
 * normalizeIdentifier('ab 12-34') // 'AB1234'
 */
export function normalizeIdentifier(value: string): string {
  return value.toUpperCase().replace(/[\s\-./]+/g, '');
}

/**
 * Computes every key of a record once, for {@link scorePreparedPair} and the {@link MatchIndex}.
 *
 * @example
 * prepareMatchRecord({ id: 'r1', name: 'Петросян Айк Арменович', birthDate: '1990' }).father?.folded // 'armen'
 */
export function prepareMatchRecord(record: MatchRecord): PreparedMatchRecord {
  const parts = parseName(record.name);
  const fromField = record.fatherName
    ? fatherNameFromField(record.fatherName, parts.spelling)
    : null;
  const father = fromField ?? parts.father;
  const place = record.place ? foldPlace(record.place, parts.spelling) : '';
  return {
    record,
    spelling: parts.spelling,
    given: parts.given ? nameKeys(parts.given.folded) : null,
    surname: parts.surname ? surnameKeys(parts.surname.folded, parts.surname.romanized) : null,
    middle: parts.middle.map((w) => nameKeys(w.folded)),
    father: father ? nameKeys(fatherKey(father)) : null,
    order: parts.order,
    birth: parseBirthDate(record.birthDate),
    place: place.length > 0 ? place : null,
    identifiers: (record.identifiers ?? []).map(normalizeIdentifier).filter((i) => i.length > 0),
  };
}
