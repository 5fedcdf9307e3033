import { consonantKey } from './fold-name.ts';
import type { MatchRecord } from './match-record.schema.ts';
import { phoneticKeys } from './phonetic-keys.ts';
import { prepareMatchRecord } from './prepare-match-record.ts';
import type { PreparedMatchRecord } from './prepare-match-record.ts';

/**
 * The version of the blocking keys (and the statistic keys stored beside them). The database
 * keeps every person's keys; bump this whenever {@link blockingKeysOfPrepared} or the name
 * folding behind it changes, and the worker recomputes the stored keys of every person once.
 */
export const BLOCKING_KEYS_VERSION = 1;

/**
 * How much a shared key of each family says, before its rarity (IDF) is counted. A key's
 * family is the text before its first colon.
 */
export const BLOCKING_KEY_BOOSTS: Readonly<Record<string, number>> = {
  /** Both name words, order-free, by sound skeleton. */
  p: 3,
  /** Surname stem (no -yan/-ov, no Ter-) and given name. */
  ps: 2.5,
  /** Both name words and the birth year. */
  py: 4,
  /** One name word, whichever part it is, and the birth year: the other may be misspelled. */
  wy: 1.5,
  /** One name word and the father's name. */
  wf: 1.5,
  /** Both name words by Double Metaphone. */
  m: 1.5,
  /** Both name words with Azerbaijani vowel variants made equal (Гасанов/Гесанов, Гусейнов/Гюсейнов). */
  v: 1.5,
  /** Consonants of both name words, and of the surname with the year or the father. */
  c: 1.5,
  cy: 1.5,
  cf: 1.5,
  /** One name word alone; useful only for rare names, dropped when its bucket is full. */
  w: 1,
  /** A document or service number. */
  id: 6,
};

function pairKey(family: string, a: string, b: string): string {
  return a <= b ? `${family}:${a}|${b}` : `${family}:${b}|${a}`;
}

/**
 * Blocking keys of a prepared record: records that share no key are never compared. Keys do not
 * depend on which word was read as the surname, so a misread order still meets its match.
 *
 * @example
 * blockingKeysOfPrepared(prepareMatchRecord({ id: 'x', name: 'Hayk Petrosyan', birthDate: '1990' }))
 * // ['p:aik|petrosian', …, 'py:aik|petrosian|1990', …]
 */
export function blockingKeysOfPrepared(record: PreparedMatchRecord): string[] {
  const keys = new Set<string>();
  const { given, surname, father, birth } = record;
  const year = birth ? String(birth.year) : null;
  const givenKeys = given ? unique([given.stripped, given.skeleton]) : [];
  const surnameKeys = surname ? unique([surname.stripped, surname.skeleton]) : [];
  const stems = surname ? unique([surname.stem, surname.strippedStem]) : [];
  const fatherKey = father?.stripped ?? null;

  for (const g of givenKeys) {
    for (const s of surnameKeys) {
      keys.add(pairKey('p', g, s));
      if (year) keys.add(`${pairKey('py', g, s)}|${year}`);
    }
    if (surname)
      for (const stem of unique([surname.stem, surname.strippedStem]))
        keys.add(pairKey('ps', stem, g));
  }
  // Each word on its own, with what else is known: the other word may be misspelled.
  for (const word of unique([given?.stripped ?? '', ...stems])) {
    if (year) keys.add(`wy:${word}|${year}`);
    if (fatherKey) keys.add(`wf:${word}|${fatherKey}`);
    keys.add(`w:${word}`);
  }
  // Consonants only, for spellings that differ in vowels in both words (Гюсейн Джаферов/Hüseyn Cəfərov).
  const surnameConsonants = surname ? consonantKey(surname.strippedStem) : '';
  if (surnameConsonants.length >= 2) {
    if (given) keys.add(pairKey('c', consonantKey(given.stripped), surnameConsonants));
    if (year) keys.add(`cy:${surnameConsonants}|${year}`);
    if (fatherKey) keys.add(`cf:${surnameConsonants}|${consonantKey(fatherKey)}`);
  }
  if (given && surname) {
    // Double Metaphone of the words without a leading h or g, the last codes phoneticKeys gives.
    const givenCode = phoneticKeys(given.folded).at(-1);
    const surnameCode = phoneticKeys(surname.unprefixed?.folded ?? surname.folded).at(-1);
    if (givenCode && surnameCode) keys.add(pairKey('m', givenCode, surnameCode));
    keys.add(
      pairKey('v', given.vowelFolded, surname.unprefixed?.vowelFolded ?? surname.vowelFolded),
    );
  }
  for (const identifier of record.identifiers) keys.add(`id:${identifier}`);
  return [...keys];
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter((v) => v.length > 0))];
}

/**
 * Blocking keys of a record: name words by sound, with the birth year and the father's name,
 * and identifiers.
 *
 * @example
 * blockingKeys({ id: 'x', name: 'Hayk Petrosyan' }).includes('p:aik|petrosian') // true
 */
export function blockingKeys(record: MatchRecord): string[] {
  return blockingKeysOfPrepared(prepareMatchRecord(record));
}
