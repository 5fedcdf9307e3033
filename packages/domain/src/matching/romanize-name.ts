import anyAscii from 'any-ascii';

/**
 * The language a name's spelling follows, as far as its letters tell. Azerbaijani matters
 * because its Latin alphabet gives c, q, x values English readers do not expect (Cavid = Javid,
 * Quliyev = Guliyev, Xəlil = Khalil).
 */
export type NameSpelling =
  'armenian' | 'russian' | 'azerbaijani-cyrillic' | 'azerbaijani-latin' | 'latin';

const ARMENIAN = /[\u0531-\u058f\ufb13-\ufb17]/;
const CYRILLIC = /[\u0400-\u04ff]/;
/** Letters only the Soviet-era Azerbaijani Cyrillic alphabet uses. */
const AZERBAIJANI_CYRILLIC = /[ӘәҸҹҺһЈјҒғӨөҮүҜҝ]/;
/** Letters that, in a Latin name from this region, mean Azerbaijani (or Turkish) spelling. */
const AZERBAIJANI_LATIN = /[əƏıİçÇşŞğĞ]/;
const AZERBAIJANI_WORD =
  /(?:^|\s)(?:o[gğq]lu|ogly|q[iı]z[iı]|kyzy|k[iı]z[iı])(?:\s|$)|zad[eə](?:\s|$)/i;
const AZERBAIJANI_ENDING = /(?:ov|ova|ev|eva|li|lı|lu|zad[eə])(?:\s|$)/i;

/**
 * Tells which spelling rules a name follows, from its letters alone.
 *
 * @example
 * detectNameSpelling('Հայկ Մարտիրոսյան') // 'armenian'
 * detectNameSpelling('Cəfər Quliyev') // 'azerbaijani-latin'
 * detectNameSpelling('Ҹәфәр Гулијев') // 'azerbaijani-cyrillic'
 */
export function detectNameSpelling(value: string): NameSpelling {
  if (ARMENIAN.test(value)) return 'armenian';
  if (CYRILLIC.test(value))
    return AZERBAIJANI_CYRILLIC.test(value) ? 'azerbaijani-cyrillic' : 'russian';
  if (AZERBAIJANI_LATIN.test(value) || AZERBAIJANI_WORD.test(value)) return 'azerbaijani-latin';
  // Without special letters, q, c or x beside an -ov/-ev/-li ending is Azerbaijani Latin
  // ("Quliyev", "Cavid Mammadov", "Axundov"); Alexei and Maxim keep an English x.
  // Russian scientific spelling writes ц as c: Kuznecov, Lisicyn.
  const letters = value.replace(
    /ale(?:x|ks)|max|c(?=(?:ov|ev|ova|eva|yn|yna|in|ina)(?:\s|$))/gi,
    '',
  );
  if (/q|x|c(?!h|k)/i.test(letters) && AZERBAIJANI_ENDING.test(value)) return 'azerbaijani-latin';
  return 'latin';
}

/**
 * Context rules of BGN/PCGN romanization that any-ascii does not apply, per Armenian word:
 * ու is u, ե and ո take a glide at the start of a word, և is "ev", ռ is a plain r.
 */
function romanizeArmenianWord(word: string): string {
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const ch = word[i] as string;
    const next = word[i + 1];
    const initial = i === 0;
    if (ch === 'ո' && next === 'ւ') {
      out += 'u';
      i++;
    } else if (ch === 'ե') out += initial ? 'ye' : 'e';
    else if (ch === 'ո') out += initial && next !== 'վ' ? 'vo' : 'o';
    else if (ch === 'և') out += initial ? 'yev' : 'ev';
    else if (ch === 'ւ') out += 'v';
    else if (ch === 'ռ') out += 'r';
    else if (ch === 'ը') out += 'e';
    else out += ch;
  }
  return out;
}

const RUSSIAN_VOWELS = 'аеёиоуыэюяьъй';

/** BGN/PCGN: е and ё take a "y" at the start of a word and after a vowel or a sign. */
function romanizeRussianWord(word: string): string {
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const ch = word[i] as string;
    const prev = word[i - 1];
    const glide = i === 0 || (prev !== undefined && RUSSIAN_VOWELS.includes(prev));
    if (ch === 'е' || ch === 'ё') out += glide ? 'ye' : 'e';
    else if (ch === 'ь' || ch === 'ъ') out += '';
    else out += ch;
  }
  return out;
}

/** Soviet-era Azerbaijani Cyrillic to its modern Latin letters, read then as Azerbaijani Latin. */
const AZERBAIJANI_CYRILLIC_TO_LATIN: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'q',
  ғ: 'ğ',
  д: 'd',
  е: 'e',
  ә: 'ə',
  ж: 'j',
  з: 'z',
  и: 'i',
  ы: 'ı',
  ј: 'y',
  к: 'k',
  ҝ: 'g',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  ө: 'ö',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ү: 'ü',
  ф: 'f',
  х: 'x',
  һ: 'h',
  ч: 'ç',
  ҹ: 'c',
  ш: 'ş',
  й: 'y',
  ю: 'yu',
  я: 'ya',
  ё: 'yo',
  э: 'e',
  ц: 'ts',
  щ: 'şç',
  ь: '',
  ъ: '',
};

/**
 * Azerbaijani Latin to the plain Latin used by English-language lists: ə→a, x→kh, q→g (k at the
 * end of a word), c→j, ç→ch, ş→sh, ğ→gh, ı→i, ö→o, ü→u. Azerbaijani "j" is the sound of French j.
 */
function romanizeAzerbaijaniWord(word: string): string {
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const ch = word[i] as string;
    const last = i === word.length - 1;
    switch (ch) {
      case 'ə':
        out += 'a';
        break;
      case 'x':
        out += 'kh';
        break;
      case 'q':
        out += last ? 'k' : 'g';
        break;
      case 'c':
        out += 'j';
        break;
      case 'ç':
        out += 'ch';
        break;
      case 'ş':
        out += 'sh';
        break;
      case 'ğ':
        out += 'gh';
        break;
      case 'ı':
        out += 'i';
        break;
      case 'j':
        out += 'zh';
        break;
      default:
        out += ch;
    }
  }
  return out;
}

/**
 * Latin spellings from scientific and informal schemes: č š ž ġ carry their digraphs,
 * c alone is ts (Tadevosyanc), q is k and x is kh (informal Armenian: Qocharyan, Xachatryan),
 * except in Alex- and Max-.
 */
function romanizeLatinWord(word: string): string {
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const ch = word[i] as string;
    const next = word[i + 1];
    switch (ch) {
      case 'č':
        out += 'ch';
        break;
      case 'š':
        out += 'sh';
        break;
      case 'ž':
        out += 'zh';
        break;
      case 'ġ':
        out += 'gh';
        break;
      case 'c':
        out += next === 'h' || next === 'k' ? 'c' : next === 'z' ? 't' : 'ts';
        break;
      case 'q':
        out += next === 'u' ? 'q' : 'k';
        break;
      case 'x':
        // Informal Armenian and Azerbaijani x is kh (Xachatryan, Saruxanyan); Alex and Max keep ks.
        out += /^(?:ale|ma)$/.test(word.slice(0, i)) ? 'ks' : 'kh';
        break;
      default:
        out += ch;
    }
  }
  return out;
}

const WORD = /[\p{L}\p{M}]+/gu;

/**
 * Romanizes a name in Armenian, Russian or Azerbaijani (Latin or Soviet-era Cyrillic) script into
 * lowercase Latin following BGN/PCGN-style rules, keeping spaces and hyphens between words.
 * any-ascii does most of the work; this adds the context rules it lacks.
 *
 * @example
 * romanizeName('Եղիշե Ոսկանյան') // 'yeghishe voskanyan'
 * romanizeName('Ҹәфәр Һүсејнов') // 'jafar huseynov'
 * romanizeName('Xəlil Məmmədov') // 'khalil mammadov'
 * romanizeName('Евгений Алиев') // 'yevgeniy aliyev'
 */
export function romanizeName(
  value: string,
  spelling: NameSpelling = detectNameSpelling(value),
): string {
  const text = value.normalize('NFC').toLowerCase();
  const romanized = text.replace(WORD, (word) => {
    switch (spelling) {
      case 'armenian':
        return ARMENIAN.test(word) ? romanizeArmenianWord(word) : word;
      case 'russian':
        return CYRILLIC.test(word) ? romanizeRussianWord(word) : romanizeLatinWord(word);
      case 'azerbaijani-cyrillic':
        return romanizeAzerbaijaniWord(
          [...word].map((ch) => AZERBAIJANI_CYRILLIC_TO_LATIN[ch] ?? ch).join(''),
        );
      case 'azerbaijani-latin':
        return romanizeAzerbaijaniWord(word);
      case 'latin':
        return romanizeLatinWord(word);
    }
  });
  return anyAscii(romanized)
    .toLowerCase()
    .replace(/['`’ʼ]/g, '')
    .replace(/[^a-z0-9\s-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
