import anyAscii from 'any-ascii';

/**
 * A lowercase Latin key for searching a name in any script: «Айк Мартиросян» and
 * «Hayk Martirosyan» both become comparable plain letters. The matching module builds finer
 * keys on top; this one is for the registry's search box.
 *
 * @example
 * searchKey('Айк Мартиросян') // 'ayk martirosyan'
 */
export function searchKey(value: string): string {
  return anyAscii(value.normalize('NFC'))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
