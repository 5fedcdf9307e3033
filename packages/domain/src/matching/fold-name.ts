/**
 * Folding of romanized name words into comparable keys. Three levels, from strict to loose:
 *
 * - {@link foldNameWord}: one canonical spelling for spelling variants that carry no meaning
 *   (-yan/-ian/-jan/-ean/-yants, y/i, u/ou/ow, ts/tz/c, j/dj/dzh, w/v, doubled letters, Yeghishe/Eghishe).
 * - {@link skeletonKey}: a sound skeleton that also merges what Western Armenian and Russian
 *   renderings change: voiced and voiceless pairs (Petrosyan/Bedrosian, Grigoryan/Krikorian),
 *   gh/k/g (Ghazaryan/Kazarian), every h and kh (Hovhannes/Ovanes, Hakobyan/Akopyan, Rahimov/Rakhimov).
 * - {@link strippedKey}: the skeleton without a leading g, which is how Russian renders
 *   Armenian Հ (Hayk/Гайк/Gaik/Aik, Hrant/Грант).
 */

/**
 * One canonical spelling of a romanized name word.
 *
 * @example
 * foldNameWord('Petrosjan') // 'petrosian'
 * foldNameWord('Martirosyants') // 'martirosian'
 * foldNameWord('Yeghishe') // 'eghishe'
 * foldNameWord('Kouyoumdjian') // 'kuiumjian'
 */
export function foldNameWord(word: string): string {
  let w = word.toLowerCase().replace(/[^a-z]/g, '');
  if (w.length === 0) return w;
  // German-style -djan is -дян (Hakhverdjan), not ջան: read it before dj becomes j.
  w = w.replace(/dj(an[tcsz]*)$/, 'dy$1');
  w = w
    .replace(/dzh|dj|dsch/g, 'j')
    .replace(/tsch|tch/g, 'ch')
    .replace(/tz/g, 'ts')
    .replace(/ck/g, 'k')
    .replace(/ph/g, 'p')
    .replace(/ou|ow/g, 'u')
    .replace(/w/g, 'v');
  // German-style -jan/-janz for -yan/-yants (Petrosjan, Zadojan): the j is a glide.
  if (w.length > 5) w = w.replace(/j(an[tcsz]*)$/, 'y$1');
  // Russian ё after a consonant is written yo or e (Semyonov/Semenov, Fyodor/Fedor).
  w = w.replace(/([bcdfgjklmnprstvz])yo/g, '$1e');
  w = w.replace(/y/g, 'i');
  // -yants/-yanc/-iantz/-ean all fold into -ian.
  w = w.replace(/ian(?:ts|s|c|z)$/, 'ian').replace(/([^aeiou])ean$/, '$1ian');
  w = w.replace(/(.)\1+/g, '$1');
  // Initial ye/ie is a glide on e (Yeghishe/Eghishe, Yegor/Egor).
  w = w.replace(/^ie/, 'e');
  return w;
}

/** Sound units of a folded word: digraphs first, then single letters. */
const UNITS = /kh|gh|ch|sh|zh|ts|dz|th|[a-z]/g;

const SKELETON_UNIT: Record<string, string> = {
  b: 'p',
  p: 'p',
  d: 't',
  t: 't',
  th: 't',
  g: 'k',
  k: 'k',
  gh: 'k',
  q: 'k',
  x: 'k',
  c: 'k',
  // ջ j, ճ/չ ch and ժ zh trade places between Eastern, Western and French spellings (Jirayr/Жирайр).
  j: 'c',
  ch: 'c',
  zh: 'c',
  ts: 'z',
  dz: 'z',
  z: 'z',
  s: 's',
  sh: 'x',
  v: 'v',
  f: 'v',
  // Azerbaijani and Armenian h is Russian х (Rahimov/Рахимов, Mikhail/Mihail): both go.
  h: '',
  kh: '',
  a: 'a',
  e: 'e',
  i: 'i',
  o: 'o',
  u: 'u',
  l: 'l',
  m: 'm',
  n: 'n',
  r: 'r',
};

/**
 * A sound skeleton of a folded word: voicing, gutturals and h no longer count.
 *
 * @example
 * skeletonKey('bedrosian') === skeletonKey('petrosian') // true
 * skeletonKey('hakobian') === skeletonKey('akopian') // true
 * skeletonKey('ghazarian') === skeletonKey('kazarian') // true
 */
export function skeletonKey(folded: string): string {
  let out = '';
  for (const unit of folded.match(UNITS) ?? []) out += SKELETON_UNIT[unit] ?? unit;
  // A y glide between vowels comes and goes (Mikayel/Микаел, Babayan/Бабаян), so does one after
  // a consonant before e or u (Vasilyev/Vasilev, Гюсейн/Guseyn), and so does the v before an
  // initial o (Voskanyan/Oskanian).
  return out
    .replace(/(.)\1+/g, '$1')
    .replace(/([aeou])i(?=[aeou])/g, '$1')
    .replace(/([^aeiou])i(?=[eu])/g, '$1')
    .replace(/^vo/, 'o')
    .replace(/(.)\1+/g, '$1');
}

/**
 * The stripped skeleton with the vowels Azerbaijani names swap in Russian and English spellings
 * made equal: ə is а or е (Məmmədov/Мамедов/Mammadov), ü is у or ю (Hüseynov/Гусейнов/Гюсейнов).
 * Used only when one side is spelled the Azerbaijani way, where these are spellings of one name;
 * Armen and Arman stay apart.
 *
 * @example
 * vowelFoldedKey('gasanov') === vowelFoldedKey('gesanov') // true
 * vowelFoldedKey('giuseinov') === vowelFoldedKey('huseinov') // true
 */
export function vowelFoldedKey(folded: string): string {
  const skeleton = strippedKey(folded)
    .replace(/([^aeiou])i(?=[aeiou])/g, '$1')
    .replace(/e/g, 'a')
    .replace(/(.)\1+/g, '$1');
  return skeleton;
}

/**
 * The consonants of a skeleton, for blocking only: vowels are what Russian, Azerbaijani and
 * English spellings of one name disagree on most (Cəfərov/Джаферов, Nəbiyev/Небиев).
 *
 * @example
 * consonantKey(skeletonKey('jafarov')) === consonantKey(skeletonKey('jaferov')) // true
 */
export function consonantKey(skeleton: string): string {
  return skeleton.replace(/[aeiou]/g, '');
}

/**
 * The skeleton of a folded word without a leading g: Russian writes Armenian Հ as Г
 * (Гайк, Грант, Гасан) or drops it (Айк), and the skeleton already drops h.
 *
 * @example
 * strippedKey('gaik') === strippedKey('haik') // true: both 'aik'
 * strippedKey('grant') // 'rant', as for 'hrant'
 * strippedKey('ghazarian') // 'kazarian': gh is Ղ, not Հ
 */
export function strippedKey(folded: string): string {
  const skeleton = skeletonKey(folded);
  return folded.startsWith('g') && !folded.startsWith('gh') && skeleton.length > 2
    ? skeleton.slice(1)
    : skeleton;
}

/** Surname endings, longest first, as they look after {@link foldNameWord}. */
const SURNAME_SUFFIXES = [
  'skaia',
  'zade',
  'enko',
  'ian',
  'ova',
  'eva',
  'ina',
  'ski',
  'ov',
  'ev',
  'in',
  'li',
  'lu',
] as const;

/** Given names whose ending looks like a surname's. */
const GIVEN_NAMES_LIKE_SURNAMES = new Set([
  'iakov',
  'adrian',
  'damian',
  'kristian',
  'iulian',
  'emilian',
]);

/** Endings that only surnames have. */
const STRONG_SURNAME_ENDING = /(?:ian|ov|ova|ev|eva|ski|skaia|zade|enko)$/;
/** Endings that surnames usually have but some given names share (Garegin, Elvin, Aydin). */
const WEAK_SURNAME_ENDING = /(?:in|ina|[^aeiou]li|[^aeiou]lu)$/;

/**
 * How clearly a folded word ends like a surname: 2 for -yan, -ov, -ev, -sky, -zade, -enko;
 * 1 for endings some given names share (-in, -li); 0 otherwise.
 *
 * @example
 * surnameLikeness('petrosian') // 2
 * surnameLikeness('garegin') // 1
 * surnameLikeness('haik') // 0
 */
export function surnameLikeness(folded: string): 0 | 1 | 2 {
  if (folded.length <= 4 || GIVEN_NAMES_LIKE_SURNAMES.has(folded)) return 0;
  if (STRONG_SURNAME_ENDING.test(folded)) return 2;
  return WEAK_SURNAME_ENDING.test(folded) ? 1 : 0;
}

/** Russian patronymic endings after folding: -ovich, -evich/-yevich, -ich, and feminine forms. */
const PATRONYMIC_ENDING = /(?:ovich|i?evich|ovna|i?evna|ichna|ich)$/;

/**
 * Whether a folded word is a Russian patronymic (Armenovich, Sergeyevich, Aramovna).
 *
 * @example
 * looksLikePatronymic('armenovich') // true
 * looksLikePatronymic('mkrtich') // false — a given name that happens to end in -ich
 */
export function looksLikePatronymic(folded: string): boolean {
  return folded.length > 6 && PATRONYMIC_ENDING.test(folded) && !/^(mkrtich|kirich)$/.test(folded);
}

/**
 * The father's given name inside a Russian patronymic, folded.
 *
 * @example
 * fatherFromPatronymic('armenovich') // 'armen'
 * fatherFromPatronymic('grigorievich') // 'grigor'
 */
export function fatherFromPatronymic(folded: string): string {
  return folded.replace(PATRONYMIC_ENDING, '');
}

/**
 * The father's given name inside an Armenian genitive (Արմենի → Armen, Արայի → Ara).
 *
 * @example
 * fatherFromGenitive('armeni') // 'armen'
 * fatherFromGenitive('araii') // 'ara'
 */
export function fatherFromGenitive(folded: string): string {
  // After folding, y is i: the genitive -yi of names ending in a vowel becomes -ii then -i.
  const bare = folded.replace(/i$/, '');
  return /[aeiou]i$/.test(bare) ? bare.slice(0, -1) : bare;
}

/**
 * A surname without its ending, so that a Russified form (Petrosov) meets the Armenian one
 * (Petrosyan) and -ova meets -ov.
 *
 * @example
 * surnameStem('petrosian') // 'petros'
 * surnameStem('petrosov') // 'petros'
 */
export function surnameStem(folded: string): string {
  for (const suffix of SURNAME_SUFFIXES) {
    if (folded.length - suffix.length >= 3 && folded.endsWith(suffix)) {
      return folded.slice(0, -suffix.length);
    }
  }
  return folded;
}

/** Prefixes of Armenian clerical surnames, written with a hyphen or apart: Ter-Petrosyan, Der Bedrosian. */
const SURNAME_PREFIX = /^(?:ter|der)[-\s]+(?=[a-z])/;

/**
 * A romanized surname without a Ter-/Der- prefix, folded; the folded surname when it has none.
 * Only a prefix set off by a hyphen counts: Terteryan and Terian are surnames of their own.
 *
 * @example
 * withoutSurnamePrefix('ter-petrosyan') // 'petrosian'
 * withoutSurnamePrefix('terteryan') // 'terterian'
 */
export function withoutSurnamePrefix(romanized: string): string {
  return foldNameWord(romanized.toLowerCase().replace(SURNAME_PREFIX, ''));
}

/**
 * Whether a standalone word is the Ter-/Der- prefix of the surname after it.
 *
 * @example
 * isSurnamePrefix('der') // true
 */
export function isSurnamePrefix(folded: string): boolean {
  return folded === 'ter' || folded === 'der';
}
