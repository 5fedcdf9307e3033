import { doubleMetaphone } from 'double-metaphone';

/**
 * Double Metaphone codes of a folded name word, plus those of the word without a leading h or g
 * (Hakobyan → Akopyan, Gaik → Aik), deduplicated. Double Metaphone already groups most Western
 * Armenian spellings with the Eastern ones (Petrosyan/Bedrosian, Hakobyan/Hagopian).
 *
 * @example
 * phoneticKeys('hakobian') // ['HKPN', 'AKPN']: the last is the code of the word without h or g
 * phoneticKeys('akopian') // ['AKPN']
 */
export function phoneticKeys(folded: string): string[] {
  if (folded.length === 0) return [];
  const known = remembered.get(folded);
  if (known) return known;
  const keys = computePhoneticKeys(folded);
  if (remembered.size >= 200_000) remembered.clear();
  remembered.set(folded, keys);
  return keys;
}

/** Name words recur, so their codes are computed once. Bounded, and only a cache. */
const remembered = new Map<string, string[]>();

function computePhoneticKeys(folded: string): string[] {
  const keys = new Set<string>(doubleMetaphone(folded));
  const bare = folded.replace(/^(?:h|g(?!h))(?=[a-z]{2})/, '');
  // The bare word's primary code goes last, where blocking takes it from.
  const [primary, secondary] = doubleMetaphone(bare);
  keys.add(secondary);
  keys.delete(primary);
  keys.add(primary);
  keys.delete('');
  return [...keys];
}
