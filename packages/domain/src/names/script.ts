import type { Script } from './name.schema.ts';

/**
 * The script a name is written in, from its letters.
 *
 * @example
 * detectScript('Հայկ') // 'armenian'
 */
export function detectScript(value: string): Script {
  let armenian = 0;
  let cyrillic = 0;
  let latin = 0;
  for (const ch of value) {
    const c = ch.codePointAt(0) ?? 0;
    if ((c >= 0x0530 && c <= 0x058f) || (c >= 0xfb13 && c <= 0xfb17)) armenian++;
    else if (c >= 0x0400 && c <= 0x04ff) cyrillic++;
    else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f))
      latin++;
  }
  const max = Math.max(armenian, cyrillic, latin);
  if (max === 0) return 'other';
  return max === armenian ? 'armenian' : max === cyrillic ? 'cyrillic' : 'latin';
}
