import type { MatchRecord } from './match-record.schema.ts';
import { prepareMatchRecord } from './prepare-match-record.ts';
import type {
  BirthDate,
  NameKeys,
  PreparedMatchRecord,
  SurnameKeys,
} from './prepare-match-record.ts';
import { isSurnameSlip, isTypingSlip, nameWordSimilarity } from './string-similarity.ts';

/** Similarity of two spellings one typing slip apart (Tuarl/Tural): a name part that agrees, inexactly. */
const TYPING_SLIP_SIMILARITY = 0.91;

/** Similarity of two spellings of one name that no rule takes for a slip (Petrosov/Petrosyan). */
const SAME_NAME_SPELLING = 0.93;

/** How alike two records are, 0..1, and the features that made the score, for review and learning. */
export interface PairScore {
  score: number;
  features: Record<string, number>;
}

/**
 * Weights of evidence, in log-odds. A name alone never carries a pair past the match threshold:
 * namesakes are common, so the birth date, the father's name or an identifier must agree too.
 */
export const MATCH_WEIGHTS = {
  /** Log-odds before any evidence. */
  prior: -3,
  birthDateSame: 5.5,
  birthDateDayMonthSwapped: 3.5,
  birthYearMonthSame: 2.5,
  birthYearSame: 1.5,
  birthDaySameMonthDiffers: -2,
  birthYearSameRestDiffers: -3,
  birthYearOffByOne: -4,
  birthYearDiffers: -8,
  fatherSame: 2,
  fatherDiffers: -6,
  placeSame: 1,
  placeDiffers: -1,
  identifierShared: 8,
  identifiersDisjoint: -1,
} as const;

/** Name similarity (0..1) to log-odds: steep, because near-misses between names are different people. */
const NAME_CURVE: [number, number][] = [
  [0, -12],
  [0.7, -6],
  [0.8, -3],
  [0.85, -0.5],
  [0.9, 2],
  [0.95, 3.5],
  [1, 4.5],
];

function interpolate(curve: [number, number][], x: number): number {
  let previous = curve[0] as [number, number];
  for (const point of curve) {
    if (x <= point[0]) {
      const span = point[0] - previous[0];
      return span === 0
        ? point[1]
        : previous[1] + ((x - previous[0]) / span) * (point[1] - previous[1]);
    }
    previous = point;
  }
  return previous[1];
}

/**
 * Similarity of two name words across spellings: exact folded spelling 1, same sound skeleton
 * 0.97 (Bedrosian/Petrosyan), same skeleton without a leading g 0.95 (Gaik/Hayk), otherwise the
 * best string similarity of those keys with the same discounts.
 *
 * @example
 * nameWordKeysSimilarity(nameKeys('gaik'), nameKeys('haik')) // 0.95
 */
export function nameWordKeysSimilarity(
  a: NameKeys,
  b: NameKeys,
  azerbaijaniVowels = false,
): number {
  if (a.folded === b.folded) return 1;
  if (a.skeleton === b.skeleton) return 0.97;
  if (a.stripped === b.stripped) return 0.95;
  const similarity = remembered(wordSimilarities, a, b, () => {
    const bySound = Math.max(
      0.97 * nameWordSimilarity(a.skeleton, b.skeleton),
      a.stripped === a.skeleton && b.stripped === b.skeleton
        ? 0
        : 0.95 * nameWordSimilarity(a.stripped, b.stripped),
    );
    // Words far apart in sound are far apart in spelling too; spare the finer comparisons.
    if (bySound < 0.6) return bySound;
    return Math.max(
      bySound,
      nameWordSimilarity(a.folded, b.folded),
      // A slip of the keyboard in a short name scores like a spelling, not like another name.
      isTypingSlip(a.folded, b.folded) || isTypingSlip(a.skeleton, b.skeleton)
        ? TYPING_SLIP_SIMILARITY
        : 0,
    );
  });
  return azerbaijaniVowels && a.vowelFolded === b.vowelFolded
    ? Math.max(similarity, SAME_NAME_SPELLING)
    : similarity;
}

/**
 * Comparisons of the same two name words recur across a list (common names), so they are
 * remembered by the words' interned ids. Bounded, and only a cache: results never depend on it.
 */
const wordSimilarities: Memory = new Map();
const surnameSimilarities: Memory = new Map();
const fatherSimilarities: Memory = new Map();
const REMEMBERED_LIMIT = 2_000_000;

type Memory = Map<number, Map<number, number>>;
let rememberedCount = 0;

function remembered(memory: Memory, a: NameKeys, b: NameKeys, compute: () => number): number {
  const [low, high] = a.id <= b.id ? [a.id, b.id] : [b.id, a.id];
  let row = memory.get(high);
  if (!row) {
    row = new Map();
    memory.set(high, row);
  }
  let value = row.get(low);
  if (value === undefined) {
    value = compute();
    if (++rememberedCount >= REMEMBERED_LIMIT) {
      rememberedCount = 0;
      wordSimilarities.clear();
      surnameSimilarities.clear();
      fatherSimilarities.clear();
      row = new Map();
      memory.set(high, row);
    }
    row.set(low, value);
  }
  return value;
}

/**
 * Endings that make one surname: the Russified -ov of an Armenian -yan (Petrosov/Petrosyan) and
 * feminine forms. Azerbaijani -li and -zade are other surnames than -ov (Hüseynli/Hüseynov).
 */
const SAME_SURNAME_ENDINGS = new Set([
  'ian|ov',
  'ian|ev',
  'ov|ova',
  'ev|eva',
  'in|ina',
  'ski|skaia',
]);

function endingsAgree(a: string, b: string): boolean {
  return a === b || SAME_SURNAME_ENDINGS.has(a < b ? `${a}|${b}` : `${b}|${a}`);
}

/** Surnames: also the same stem with another ending (Petrosov/Petrosyan) and Ter- on one side only. */
function surnameSimilarity(a: SurnameKeys, b: SurnameKeys, azerbaijaniVowels: boolean): number {
  if (a.folded === b.folded) return 1;
  const similarity = remembered(surnameSimilarities, a, b, () => {
    let best = nameWordKeysSimilarity(a, b);
    const sameStem = a.stem.length >= 3 && (a.stem === b.stem || a.strippedStem === b.strippedStem);
    if (sameStem && endingsAgree(a.ending, b.ending)) best = Math.max(best, SAME_NAME_SPELLING);
    if (isSurnameSlip(a.folded, b.folded) || isSurnameSlip(a.skeleton, b.skeleton))
      best = Math.max(best, TYPING_SLIP_SIMILARITY);
    if (a.unprefixed || b.unprefixed) {
      best = Math.max(best, 0.92 * nameWordKeysSimilarity(a.unprefixed ?? a, b.unprefixed ?? b));
    }
    return best;
  });
  if (azerbaijaniVowels) return Math.max(similarity, nameWordKeysSimilarity(a, b, true));
  // Neither side is spelled the Azerbaijani way, yet a Turkic surname may be (Safarov/Сеферов,
  // Isgandarov/Исгендеров, all from ə): the same vowel-folded key is the same surname, so another
  // registry man spelled like the row is its namesake, not a closer name. Twins share a surname,
  // so this never joins Armen and Arman.
  return TURKIC_ENDINGS.has(a.ending) && a.vowelFolded === b.vowelFolded
    ? Math.max(similarity, SAME_NAME_SPELLING)
    : similarity;
}

/** Surname endings of Azerbaijani names as Russian and English lists write them. */
const TURKIC_ENDINGS = new Set(['ov', 'ev', 'li', 'zade']);

/** One name similarity from the surname's and the given name's, the surname weighted more. */
function combineNameParts(surname: number, given: number): number {
  return 0.6 * surname + 0.4 * given;
}

interface NameComparison {
  name: number;
  surname: number;
  given: number;
  swapped: number;
}

const AZERBAIJANI_SPELLINGS = new Set(['azerbaijani-latin', 'azerbaijani-cyrillic']);

/** Name similarity of two prepared records, with the surname weighted more than the given name. */
function compareNames(a: PreparedMatchRecord, b: PreparedMatchRecord): NameComparison {
  const vowels = AZERBAIJANI_SPELLINGS.has(a.spelling) || AZERBAIJANI_SPELLINGS.has(b.spelling);
  if (a.given && a.surname && b.given && b.surname) {
    const surname = surnameSimilarity(a.surname, b.surname, vowels);
    const given = nameWordKeysSimilarity(a.given, b.given, vowels);
    const direct = combineNameParts(surname, given);
    // One side may have its order misread ("Aram Davit" has no surname ending to go by); a
    // crossed reading can only win when the direct one is poor.
    if (direct >= 0.9) return { name: direct, surname, given, swapped: 0 };
    const crossSurname = nameWordKeysSimilarity(a.surname, b.given, vowels);
    const crossGiven = nameWordKeysSimilarity(a.given, b.surname, vowels);
    // Each cross pair compares a surname with a given name, so both weigh the same (and the
    // score stays symmetric).
    const swapped = (0.97 * (crossSurname + crossGiven)) / 2;
    return swapped > direct
      ? { name: swapped, surname: crossSurname, given: crossGiven, swapped: 1 }
      : { name: direct, surname, given, swapped: 0 };
  }
  // A single name word on either side is weak evidence whatever it matches.
  const wordsA = [a.surname, a.given].filter((w): w is NonNullable<typeof w> => w !== null);
  const wordsB = [b.surname, b.given].filter((w): w is NonNullable<typeof w> => w !== null);
  let best = 0;
  for (const x of wordsA)
    for (const y of wordsB) best = Math.max(best, nameWordKeysSimilarity(x, y, vowels));
  return { name: 0.8 * best, surname: 0, given: 0, swapped: 0 };
}

/**
 * Log-odds of the birth dates: exact, day and month swapped, year only, or different.
 *
 * @example
 * birthDateEvidence(parseBirthDate('1990-05-12'), parseBirthDate('1990-12-05')) // MATCH_WEIGHTS.birthDateDayMonthSwapped
 */
export function birthDateEvidence(a: BirthDate | null, b: BirthDate | null): number {
  const w = MATCH_WEIGHTS;
  if (!a || !b) return 0;
  const yearGap = Math.abs(a.year - b.year);
  if (yearGap > 1) return w.birthYearDiffers;
  if (a.month !== null && b.month !== null && a.day !== null && b.day !== null) {
    if (yearGap === 1)
      return a.month === b.month && a.day === b.day ? w.birthYearOffByOne : w.birthYearDiffers;
    if (a.month === b.month && a.day === b.day) return w.birthDateSame;
    if (a.month === b.day && a.day === b.month) return w.birthDateDayMonthSwapped;
    if (a.month === b.month) return w.birthDaySameMonthDiffers;
    return w.birthYearSameRestDiffers;
  }
  if (yearGap === 1) return w.birthYearOffByOne;
  if (a.month !== null && b.month !== null) {
    if (a.month === b.month) return w.birthYearMonthSame;
    // A year-month on one side may be a swapped day-month on the other.
    const swapped = (a.day !== null && a.day === b.month) || (b.day !== null && b.day === a.month);
    return swapped ? w.birthYearSame : w.birthYearSameRestDiffers;
  }
  return w.birthYearSame;
}

/**
 * How likely two different men's birth dates agree as these do, by chance: a full date 1 in
 * ~16,800 (46 birth years of 365 days), a year 1 in 46. 1 when the dates do not agree or are missing.
 *
 * @example
 * birthDateChance({ year: 1990, month: null, day: null }, { year: 1990, month: 5, day: 12 }) // ≈ 0.022
 */
export function birthDateChance(a: BirthDate | null, b: BirthDate | null): number {
  const YEARS = 46;
  switch (birthDateEvidence(a, b)) {
    case MATCH_WEIGHTS.birthDateSame:
      return 1 / (YEARS * 365);
    case MATCH_WEIGHTS.birthDateDayMonthSwapped:
      return 2 / (YEARS * 365);
    case MATCH_WEIGHTS.birthYearMonthSame:
      return 1 / (YEARS * 12);
    case MATCH_WEIGHTS.birthYearSame:
      return 1 / YEARS;
    default:
      return 1;
  }
}

/** Whether `longer` is `shorter` with one vowel more: the Armenian genitive drops one (Sargis/Sargsi). */
function differsByOneVowel(longer: string, shorter: string): boolean {
  if (longer.length !== shorter.length + 1) return false;
  for (let i = 0; i < longer.length; i++) {
    if (
      'aeiou'.includes(longer[i] as string) &&
      longer.slice(0, i) + longer.slice(i + 1) === shorter
    )
      return true;
  }
  return false;
}

/**
 * Similarity of two fathers' names, 0..1; the Armenian genitive's dropped vowel (Sargis/Sargsi)
 * counts as the same name.
 *
 * @example
 * fatherSimilarity(nameKeys('sargis'), nameKeys('sargs')) // 0.95
 */
export function fatherSimilarity(a: NameKeys, b: NameKeys): number {
  if (a.folded === b.folded) return 1;
  return remembered(fatherSimilarities, a, b, () => {
    const similarity = nameWordKeysSimilarity(a, b);
    if (similarity >= 0.95) return similarity;
    const [longer, shorter] = a.skeleton.length >= b.skeleton.length ? [a, b] : [b, a];
    return differsByOneVowel(longer.skeleton, shorter.skeleton) ? 0.95 : similarity;
  });
}

function fatherEvidence(a: NameKeys | null, b: NameKeys | null): number {
  if (!a || !b) return 0;
  const similarity = fatherSimilarity(a, b);
  if (similarity >= 0.93) return MATCH_WEIGHTS.fatherSame;
  if (similarity >= 0.85) return 0;
  return MATCH_WEIGHTS.fatherDiffers;
}

const placeSimilarities = new Map<string, number>();

function placeEvidence(a: string | null, b: string | null): number {
  if (!a || !b) return 0;
  if (a === b || a.includes(b) || b.includes(a)) return MATCH_WEIGHTS.placeSame;
  const key = a < b ? `${a}|${b}` : `${b}|${a}`;
  let similarity = placeSimilarities.get(key);
  if (similarity === undefined) {
    similarity = nameWordSimilarity(a, b);
    if (placeSimilarities.size >= REMEMBERED_LIMIT) placeSimilarities.clear();
    placeSimilarities.set(key, similarity);
  }
  if (similarity >= 0.9) return MATCH_WEIGHTS.placeSame;
  return similarity < 0.7 ? MATCH_WEIGHTS.placeDiffers : 0;
}

function identifierEvidence(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  return a.some((id) => b.includes(id))
    ? MATCH_WEIGHTS.identifierShared
    : MATCH_WEIGHTS.identifiersDisjoint;
}

/**
 * Scores two prepared records. `features.logit` is the summed log-odds; `features.evidence` is
 * the part that does not come from names (birth date, father, place, identifiers), which
 * {@link decide} requires before matching automatically.
 *
 * @example
 * scorePreparedPair(prepareMatchRecord(a), prepareMatchRecord(b)).score
 */
export function scorePreparedPair(a: PreparedMatchRecord, b: PreparedMatchRecord): PairScore {
  const names = compareNames(a, b);
  const nameEvidence = interpolate(NAME_CURVE, names.name);
  const birthDate = birthDateEvidence(a.birth, b.birth);
  const father = fatherEvidence(a.father, b.father);
  const place = placeEvidence(a.place, b.place);
  const identifiers = identifierEvidence(a.identifiers, b.identifiers);
  const logit = MATCH_WEIGHTS.prior + nameEvidence + birthDate + father + place + identifiers;
  return {
    score: 1 / (1 + Math.exp(-logit)),
    features: {
      name: names.name,
      surname: names.surname,
      given: names.given,
      swapped: names.swapped,
      weakestNamePart: Math.min(names.surname, names.given),
      nameEvidence,
      birthDate,
      father,
      place,
      identifiers,
      evidence: birthDate + father + place + identifiers,
      birthDateChance: birthDateChance(a.birth, b.birth),
      logit,
    },
  };
}

/**
 * Scores whether two records describe the same person, 0..1, with the features behind the score.
 *
 * @example
 * scorePair(
 *   { id: 'a', name: 'Հայկ Մարտիրոսյան', birthDate: '1990-05-12' },
 *   { id: 'b', name: 'Gaik Martirosian', birthDate: '1990-12-05' },
 * ).score // ≈ 0.98: same name across scripts, day and month swapped
 */
export function scorePair(a: MatchRecord, b: MatchRecord): PairScore {
  return scorePreparedPair(prepareMatchRecord(a), prepareMatchRecord(b));
}
