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
