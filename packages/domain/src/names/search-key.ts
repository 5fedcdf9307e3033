import { foldNameWord } from '../matching/fold-name.ts';
import { surnameKeys } from '../matching/prepare-match-record.ts';
import { romanizeName } from '../matching/romanize-name.ts';

/**
 * A lowercase Latin key for searching a name in any script: «Айк Мартиросян» and
 * «Hayk Martirosyan» both become comparable plain letters. Romanized the way lists write names
 * (BGN/PCGN context rules for Armenian, Azerbaijani ə→a, x→kh…), so that «Həsənov» is found as
 * "hasanov" and «Հարությունյան» as "harutyunyan". The matching module builds finer keys on top;
 * this one is for the registry's search box.
 *
 * @example
 * searchKey('Айк Мартиросян') // 'ayk martirosyan'
 * searchKey('Həsən Məmmədov') // 'hasan mammadov'
 */
export function searchKey(value: string): string {
  return romanizeName(value.normalize('NFC'))
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Query words shorter than this are left to the text search: too many names share them. */
const MIN_SOUND_WORD = 3;
/** Words of a query looked up by sound, at most (a name with its patronymic and a prefix). */
const MAX_SOUND_WORDS = 4;

/**
 * The registry search by sound: for each word of a query, the blocking keys (`w:`, see
 * `blockingKeysOfPrepared`) that a person bearing that word as a given name or surname holds,
 * in whatever script and spelling it was written. A person answers when, for every word, they
 * hold one of its keys; so «Haik», «Gayk» and «Айк» find Hayk, «Hakobian» finds Hakobyan and
 * «Акопян», «Petrossian» finds Petrosyan. Empty when no word is long enough to say anything.
 *
 * @example
 * nameSoundKeys('Gayk Hakobian') // [['w:aik', …], ['w:akopian', 'w:akop', …]]
 */
export function nameSoundKeys(query: string): string[][] {
  return romanizeName(query.normalize('NFC'))
    .split(/[\s,;.()]+/)
    .filter((word) => word.replace(/[^a-z]/g, '').length >= MIN_SOUND_WORD)
    .slice(0, MAX_SOUND_WORDS)
    .map((word) => {
      // The keys the matcher gives a name word read as a given name or as a surname.
      const keys = surnameKeys(foldNameWord(word), word);
      return [...new Set([keys.stripped, keys.skeleton, keys.stem, keys.strippedStem])]
        .filter((key) => key.length > 0)
        .map((key) => `w:${key}`);
    });
}
