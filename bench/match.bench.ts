/**
 * Benchmark of list matching (issue #4): generates a labelled registry and list of fictional
 * people from the variant classes in MATCHING.md with a seeded PRNG, runs the same code path as
 * `vigil match` (minus reading the files), and reports precision and recall of automatic matches,
 * recall of the true person among the top 5 candidates, false automatic matches on namesakes,
 * and speed.
 *
 *   pnpm bench:match                          full scale: 10,000 list rows vs 100,000 registry
 *   pnpm bench:match --registry 20000 --list 2000 --seed 7
 *   pnpm bench:match --write-readme           also record the results in bench/README.md
 *   pnpm bench:match --errors 20              print up to 20 misses of each kind
 *   pnpm bench:match --list-mix fullDate=0.85,noDate=0.03   lists that carry more (a what-if)
 *
 * Names are built from pools of common given names and surnames combined at random; none is a
 * real detainee's.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { matchRecordsToLines } from '../apps/server/src/cli/match.command.ts';
import {
  decide,
  DECISION_THRESHOLDS,
  explainDecision,
  MatchIndex,
  scorePair,
} from '../packages/domain/src/matching/index.ts';
import type {
  DecisionThresholds,
  MatchRecord,
  ScoredCandidate,
} from '../packages/domain/src/matching/index.ts';

// ---------------------------------------------------------------------------------------------
// Seeded randomness

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let random = mulberry32(1);
const chance = (p: number) => random() < p;
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
function pickWeighted<T>(items: readonly T[], cumulative: Float64Array): T {
  const total = cumulative[cumulative.length - 1] ?? 0;
  const x = random() * total;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cumulative[mid] ?? 0) < x) lo = mid + 1;
    else hi = mid;
  }
  return items[lo] as T;
}
/** Zipf-like popularity: a few names are common, most are not. */
function popularity(count: number, flatten: number): Float64Array {
  const cumulative = new Float64Array(count);
  let sum = 0;
  for (let r = 0; r < count; r++) {
    sum += 1 / (r + flatten);
    cumulative[r] = sum;
  }
  return cumulative;
}

// ---------------------------------------------------------------------------------------------
// Name pools (common given names and surnames, combined at random)

const ARMENIAN_GIVEN =
  `Հայկ Արամ Արմեն Տիգրան Հովհաննես Հակոբ Գրիգոր Պետրոս Սարգիս Գևորգ Կարեն Վարդան Դավիթ
Արթուր Արման Աշոտ Լևոն Նարեկ Սամվել Վահե Գագիկ Հրանտ Հարություն Խաչատուր Մհեր Ռուբեն Սուրեն Զավեն Էդգար
Ռաֆիկ Համլետ Հմայակ Հովսեփ Մկրտիչ Սեդրակ Թադևոս Վազգեն Երվանդ Եղիշե Ղուկաս Արսեն Արտակ Արշակ Գարեգին
Հրաչ Մանվել Վաչագան Ոսկան Ավետիք Բագրատ Գուրգեն Ժիրայր Կամո Համբարձում Հունան Միքայել Նորայր Ներսես
Պողոս Ռազմիկ Սերոբ Սմբատ Տաճատ Ցոլակ Քաջիկ Օհան Աղասի Անդրանիկ Բաբկեն Գառնիկ Մարտին Սևակ Տարոն Մուշեղ
Մովսես Ստեփան Զոհրաբ Ավագ Արա Վահան`
    .split(/\s+/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1));

const ARMENIAN_SURNAMES =
  `Պետրոսյան Հակոբյան Գրիգորյան Սարգսյան Մարտիրոսյան Ղազարյան Հովհաննիսյան Խաչատրյան
Կարապետյան Հարությունյան Մկրտչյան Ավետիսյան Վարդանյան Մանուկյան Մելքոնյան Բաղդասարյան Գասպարյան Դավթյան
Սիմոնյան Աբրահամյան Ստեփանյան Հայրապետյան Առաքելյան Մովսիսյան Թորոսյան Սահակյան Պողոսյան Մինասյան Ասատրյան
Գևորգյան Ավագյան Ալեքսանյան Բաբայան Ներսիսյան Համբարձումյան Հովսեփյան Մարգարյան Զաքարյան Մաթևոսյան
Թադևոսյան Եղիազարյան Օհանյան Ոսկանյան Դանիելյան Սաֆարյան Ղուկասյան Մխիթարյան Շահինյան Ջհանգիրյան
Դարբինյան Նալբանդյան Քոչարյան Չոբանյան Ծատուրյան Տեր-Պետրոսյան Տեր-Գրիգորյան Տեր-Մինասյան Մուրադյան
Զոհրաբյան Ղարիբյան Գալստյան Սողոմոնյան Մանասյան Սարուխանյան Ալավերդյան Բարսեղյան Աղաջանյան Ադամյան Եսայան
Իսրայելյան Կիրակոսյան Հովակիմյան Միրզոյան Նազարյան Շահբազյան Պապոյան Ռոստոմյան Սուքիասյան Տոնոյան Փափազյան
Քալանթարյան Ֆարմանյան Աթայան Ամիրյան Անտոնյան Արզումանյան Արշակյան Բադալյան Բեգլարյան Գաբրիելյան
Գյուլնազարյան Դալլաքյան Դեմիրճյան Եղոյան Զադոյան Թովմասյան Իգիթյան Լալայան Խաչիկյան Կոստանյան Հախվերդյան
Հարոյան Ղահրամանյան Մալխասյան Մաղաքյան Մեսրոպյան Միքայելյան Մկրտումյան Նիկողոսյան Շիրինյան Ոսկերչյան
Չիլինգարյան Պապիկյան Ջանոյան Սաղաթելյան Սեդրակյան Սերոբյան Վանեսյան Տերտերյան Փիլոյան Քեշիշյան Ֆիդանյան
Աղաբեկյան Արամյան Բաբաջանյան Թամազյան Խաչատուրյան Կարախանյան Մանուչարյան Մելիքյան Մնացականյան Շաքարյան
Պետրոսյանց Սահակյանց Գրիգորյանց Ավանեսյան Գրիգորյան Մարտիրոսյան Հովհաննիսյան`.split(/\s+/);

const AZERBAIJANI_GIVEN =
  `Əli Həsən Hüseyn Məmməd Rəşad Elvin Orxan Tural Kamran Vüqar Elçin Ramil Rauf Fərid Cavid
Anar Nicat Emin Elnur Zaur Rövşən Namiq Vaqif Xəlil İlham Mübariz Səbuhi Şahin Tofiq Natiq Ceyhun Aydın Elşən Fuad
Qasım Rüstəm Səməd Yusif Zakir Nazim Vüsal Əhməd Fəxrəddin Cəfər Qurban Teymur Bəxtiyar Sahib Ülvi`.split(
    /\s+/,
  );

const AZERBAIJANI_SURNAMES =
  `Əliyev Həsənov Hüseynov Məmmədov Quliyev İsmayılov Abbasov Cəfərov Rəhimov Bağırov Nəsirov
Qasımov Əhmədov Kərimov Mustafayev İbrahimov Vəliyev Səfərov Süleymanov Rzayev Hacıyev Əsədov Qəhrəmanov Babayev
Musayev Orucov Paşayev Şükürov Xəlilov Zeynalov Heydərov Cavadov Nəbiyev Mehdiyev Əkbərov Salmanov Allahverdiyev
Qurbanov Məhərrəmov İsgəndərov Yusifov Bayramov Əmirov Tağıyev Sadıqov Kazımov Rüstəmov Həmidov Nağıyev Quluzadə
Əlizadə Hüseynli Məmmədli Qasımlı`.split(/\s+/);

const RUSSIAN_GIVEN =
  `Иван Алексей Сергей Дмитрий Андрей Михаил Николай Владимир Александр Евгений Максим Артём
Никита Павел Роман Олег Юрий Виктор Игорь Константин Денис Антон Кирилл Егор Илья Вадим Станислав Григорий Пётр
Фёдор Василий Георгий Борис Леонид Тимур Руслан Глеб Степан Яков Семён`.split(/\s+/);

const RUSSIAN_SURNAMES =
  `Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров Морозов
Волков Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев Макаров Никитин Захаров
Зайцев Соловьёв Борисов Яковлев Григорьев Романов Воробьёв Сергеев Кузьмин Фролов Александров Дмитриев Королёв
Гусев Киселёв Ильин Максимов Поляков Сорокин Виноградов Ковалёв Белов Медведев Антонов Тарасов Жуков Баранов
Филиппов Комаров Давыдов Беляев Герасимов Богданов Осипов Сидоров Матвеев Титов Марков Миронов Крылов Куликов
Карпов Власов Мельников Денисов Гаврилов Тихонов Казаков Афанасьев Данилов Савельев Тимофеев Фомин Чернов Абрамов
Мартынов Ефимов Федотов Щербаков Назаров Калинин Исаев Быков Маслов Родионов Коновалов Лазарев Воронин Климов
Филатов Голубев Кудрявцев Прохоров Наумов Потапов Журавлёв Трофимов Леонов Соболев Ермаков Колесников Гончаров`.split(
    /\s+/,
  );

const ARMENIAN_PLACES =
  `Գյումրի Վանաձոր Երևան Կապան Գորիս Սիսիան Իջևան Դիլիջան Հրազդան Աբովյան Արմավիր Արտաշատ Մասիս
Աշտարակ Գավառ Սևան Ստեփանավան Ալավերդի Սպիտակ Մարտունի Վարդենիս Եղեգնաձոր Ջերմուկ Մեղրի Քաջարան Ճամբարակ
Բերդ Նոյեմբերյան Թալին Վաղարշապատ`.split(/\s+/);
const AZERBAIJANI_PLACES =
  `Bakı Gəncə Sumqayıt Şəki Lənkəran Mingəçevir Şirvan Naxçıvan Quba Qəbələ Şamaxı Ağdam Füzuli
Tovuz Qazax Zaqatala Salyan`.split(/\s+/);
const RUSSIAN_PLACES =
  `Москва Краснодар Волгоград Самара Саратов Воронеж Тула Пенза Омск Томск Курск Тверь Орёл Липецк
Ставрополь Астрахань`.split(/\s+/);

// ---------------------------------------------------------------------------------------------
// Spellings. These tables are the benchmark's own, written apart from the matcher's, with the
// choices real lists make.

const ARMENIAN_VOWELS = 'աեէըիոօ';

/** Armenian script to Eastern Armenian Latin as Armenian lists write it (BGN-like, with variation). */
function easternLatin(word: string): string {
  const east: Record<string, string | string[]> = {
    ա: 'a',
    բ: 'b',
    գ: 'g',
    դ: 'd',
    զ: 'z',
    է: 'e',
    ը: 'y',
    թ: 't',
    ժ: 'zh',
    ի: 'i',
    լ: 'l',
    խ: ['kh', 'kh', 'kh', 'x'],
    ծ: ['ts', 'ts', 'tz'],
    կ: 'k',
    հ: 'h',
    ձ: 'dz',
    ղ: 'gh',
    ճ: 'ch',
    մ: 'm',
    յ: 'y',
    ն: 'n',
    շ: 'sh',
    չ: 'ch',
    պ: 'p',
    ջ: ['j', 'j', 'dj'],
    ռ: ['r', 'r', 'rr'],
    ս: 's',
    վ: 'v',
    տ: 't',
    ր: 'r',
    ց: ['ts', 'ts', 'c', 'tz'],
    ւ: 'v',
    փ: 'p',
    ք: 'k',
    օ: 'o',
    ֆ: 'f',
    '-': '-',
  };
  const lower = word.toLowerCase();
  let out = '';
  for (let i = 0; i < lower.length; i++) {
    const ch = lower[i] as string;
    const rest = lower.slice(i);
    if (/^յանց$/.test(rest)) {
      out += pick(['yants', 'yants', 'iants', 'yanc']);
      break;
    }
    if (/^յան$/.test(rest)) {
      out += pick(['yan', 'yan', 'yan', 'ian', 'ian', 'jan']);
      break;
    }
    if (ch === 'ո' && lower[i + 1] === 'ւ') {
      out += pick(['u', 'u', 'u', 'u', 'ou', 'ow']);
      i++;
    } else if (ch === 'ե')
      out += i === 0 || lower[i - 1] === '-' ? (chance(0.8) ? 'ye' : 'e') : 'e';
    else if (ch === 'ո') out += i === 0 ? (chance(0.85) ? 'vo' : 'o') : 'o';
    else if (ch === 'և') out += i === 0 ? 'yev' : 'ev';
    else {
      const choice = east[ch] ?? ch;
      out += typeof choice === 'string' ? choice : pick(choice);
    }
  }
  return capitalize(out);
}

/** Armenian script to Western Armenian Latin, as the diaspora writes it: voicing swapped. */
function westernLatin(word: string): string {
  const west: Record<string, string> = {
    ա: 'a',
    բ: 'p',
    գ: 'k',
    դ: 't',
    զ: 'z',
    է: 'e',
    ը: 'u',
    թ: 't',
    ժ: 'j',
    ի: 'i',
    լ: 'l',
    խ: 'kh',
    ծ: 'dz',
    կ: 'g',
    հ: 'h',
    ձ: 'ts',
    ղ: 'gh',
    ճ: 'j',
    մ: 'm',
    յ: 'y',
    ն: 'n',
    շ: 'sh',
    չ: 'ch',
    պ: 'b',
    ջ: 'ch',
    ռ: 'r',
    ս: 's',
    վ: 'v',
    տ: 'd',
    ր: 'r',
    ց: 'ts',
    ւ: 'v',
    փ: 'p',
    ք: 'k',
    օ: 'o',
    ֆ: 'f',
    '-': '-',
  };
  const lower = word.toLowerCase();
  let out = '';
  for (let i = 0; i < lower.length; i++) {
    const ch = lower[i] as string;
    const rest = lower.slice(i);
    if (/^յանց?$/.test(rest)) {
      out += chance(0.85) ? 'ian' : 'ean';
      break;
    }
    if (ch === 'ո' && lower[i + 1] === 'ւ') {
      out += 'ou';
      i++;
    } else if (ch === 'ե') out += i === 0 ? 'ye' : 'e';
    else if (ch === 'ո') out += i === 0 ? 'vo' : 'o';
    else if (ch === 'և') out += 'ev';
    else if (ch === 'ս' && lower[i + 1] === 'յ' && chance(0.5)) out += 'ss';
    else out += west[ch] ?? ch;
  }
  if (out.startsWith('ter-')) out = `der-${out.slice(4)}`;
  return capitalize(out);
}

/** Armenian script to Russian Cyrillic, as Soviet and Russian documents write Armenian names. */
function armenianToRussian(word: string): string {
  const ru: Record<string, string | string[]> = {
    ա: 'а',
    բ: 'б',
    գ: 'г',
    դ: 'д',
    զ: 'з',
    է: 'э',
    ը: 'ы',
    թ: 'т',
    ժ: 'ж',
    ի: 'и',
    լ: 'л',
    խ: 'х',
    ծ: 'ц',
    կ: 'к',
    ձ: 'дз',
    ղ: ['г', 'г', 'г', 'к'],
    ճ: 'ч',
    մ: 'м',
    ն: 'н',
    շ: 'ш',
    չ: 'ч',
    պ: 'п',
    ջ: 'дж',
    ռ: 'р',
    ս: 'с',
    վ: 'в',
    տ: 'т',
    ր: 'р',
    ց: 'ц',
    փ: 'п',
    ք: 'к',
    օ: 'о',
    ֆ: 'ф',
    '-': '-',
  };
  const lower = word.toLowerCase();
  let out = '';
  for (let i = 0; i < lower.length; i++) {
    const ch = lower[i] as string;
    const next = lower[i + 1];
    const rest = lower.slice(i);
    const initial = i === 0 || lower[i - 1] === '-';
    if (/^յանց$/.test(rest)) {
      out += 'янц';
      break;
    }
    if (/^յան$/.test(rest)) {
      out += 'ян';
      break;
    }
    if (ch === 'ո' && next === 'ւ') {
      out += 'у';
      i++;
    } else if (ch === 'հ') out += initial ? (chance(0.3) ? 'г' : '') : '';
    else if (ch === 'ե') out += 'е';
    else if (ch === 'ո') out += initial ? 'во' : 'о';
    else if (ch === 'և') out += 'ев';
    else if (ch === 'յ') {
      if (next === 'ա') {
        out += 'я';
        i++;
      } else if (next === 'ե') {
        out += 'е';
        i++;
      } else if (next === 'ո' && lower[i + 2] === 'ւ') {
        out += 'ю';
        i += 2;
      } else out += ARMENIAN_VOWELS.includes(lower[i - 1] ?? '') ? 'й' : 'и';
    } else {
      const choice = ru[ch] ?? ch;
      out += typeof choice === 'string' ? choice : pick(choice);
    }
  }
  return capitalize(out);
}

/** Russian Cyrillic to Latin as passports and English-language lists write it. */
function russianToLatin(word: string): string {
  const scheme = pick(['bgn', 'icao', 'loose'] as const);
  const table: Record<string, string | string[]> = {
    а: 'a',
    б: 'b',
    в: 'v',
    г: 'g',
    д: 'd',
    ж: 'zh',
    з: 'z',
    и: 'i',
    к: 'k',
    л: 'l',
    м: 'm',
    н: 'n',
    о: 'o',
    п: 'p',
    р: 'r',
    с: 's',
    т: 't',
    у: 'u',
    ф: 'f',
    х: scheme === 'loose' ? ['kh', 'h'] : 'kh',
    ц: scheme === 'loose' ? ['ts', 'tz', 'c'] : 'ts',
    ч: 'ch',
    ш: 'sh',
    щ: 'shch',
    ъ: '',
    ы: 'y',
    ь: '',
    э: 'e',
    ю: scheme === 'icao' ? 'iu' : 'yu',
    я: scheme === 'icao' ? 'ia' : 'ya',
    й: scheme === 'icao' ? 'i' : 'y',
    '-': '-',
  };
  const lower = word.toLowerCase();
  let out = '';
  for (let i = 0; i < lower.length; i++) {
    const ch = lower[i] as string;
    const prev = lower[i - 1];
    if (ch === 'е' || ch === 'ё') {
      const glide = i === 0 || (prev !== undefined && 'аеёиоуыэюяьъй'.includes(prev));
      out += glide && scheme !== 'icao' ? 'ye' : ch === 'ё' && scheme === 'bgn' ? 'yo' : 'e';
    } else {
      const choice = table[ch] ?? ch;
      out += typeof choice === 'string' ? choice : pick(choice);
    }
  }
  return capitalize(out);
}

/** Azerbaijani Latin to the plain Latin of English-language lists. */
function azerbaijaniToEnglish(word: string): string {
  const table: Record<string, string> = {
    ə: 'a',
    x: 'kh',
    q: 'g',
    c: 'j',
    ç: 'ch',
    ş: 'sh',
    ğ: 'gh',
    ı: 'i',
    ö: 'o',
    ü: 'u',
    i̇: 'i',
  };
  return capitalize([...word.toLocaleLowerCase('az')].map((ch) => table[ch] ?? ch).join(''));
}

/** Azerbaijani Latin to the Soviet-era Azerbaijani Cyrillic alphabet. */
function azerbaijaniToCyrillic(word: string): string {
  const table: Record<string, string> = {
    a: 'а',
    b: 'б',
    c: 'ҹ',
    ç: 'ч',
    d: 'д',
    e: 'е',
    ə: 'ә',
    f: 'ф',
    g: 'ҝ',
    ğ: 'ғ',
    h: 'һ',
    x: 'х',
    ı: 'ы',
    i: 'и',
    j: 'ж',
    k: 'к',
    q: 'г',
    l: 'л',
    m: 'м',
    n: 'н',
    o: 'о',
    ö: 'ө',
    p: 'п',
    r: 'р',
    s: 'с',
    ş: 'ш',
    t: 'т',
    u: 'у',
    ü: 'ү',
    v: 'в',
    y: 'ј',
    z: 'з',
  };
  return capitalize([...word.toLocaleLowerCase('az')].map((ch) => table[ch] ?? ch).join(''));
}

/** Azerbaijani Latin to Russian Cyrillic, as Russian documents write Azerbaijani names. */
function azerbaijaniToRussian(word: string): string {
  const lower = word.toLocaleLowerCase('az').replace(/(.)\1/g, '$1');
  // Russian mostly writes ə as а; some names take е after the first letter (Мамедов, Ахмед).
  const schwa = chance(0.12) ? 'е' : 'а';
  const table: Record<string, string | string[]> = {
    a: 'а',
    b: 'б',
    c: 'дж',
    ç: 'ч',
    d: 'д',
    e: 'е',
    ə: schwa,
    f: 'ф',
    g: 'г',
    ğ: 'г',
    x: 'х',
    ı: 'ы',
    i: 'и',
    j: 'ж',
    k: 'к',
    q: ['г', 'г', 'к'],
    l: 'л',
    m: 'м',
    n: 'н',
    o: 'о',
    ö: 'ё',
    p: 'п',
    r: 'р',
    s: 'с',
    ş: 'ш',
    t: 'т',
    u: 'у',
    ü: ['у', 'у', 'у', 'ю'],
    v: 'в',
    z: 'з',
  };
  let out = '';
  for (let i = 0; i < lower.length; i++) {
    const ch = lower[i] as string;
    const next = lower[i + 1];
    if (ch === 'h') out += i === 0 ? 'г' : 'х';
    else if (ch === 'ə' && i === 0) out += 'а';
    else if (ch === 'y') {
      if (next === 'e') {
        out += i > 0 && 'aəeiıouöü'.includes(lower[i - 1] ?? '') ? 'е' : 'е';
        i++;
      } else if (next === 'a') {
        out += 'я';
        i++;
      } else if (next === 'u') {
        out += 'ю';
        i++;
      } else out += 'й';
    } else {
      const choice = table[ch] ?? ch;
      out += typeof choice === 'string' ? choice : pick(choice);
    }
  }
  return capitalize(out);
}

function capitalize(word: string): string {
  return word
    .split('-')
    .map((part) =>
      part.length > 0 ? (part[0] as string).toLocaleUpperCase() + part.slice(1) : part,
    )
    .join('-');
}

/** Armenian genitive of a given name: Արմեն → Արմենի, Արա → Արայի, Սարգիս → Սարգսի. */
function armenianGenitive(name: string): string {
  const irregular: Record<string, string> = {
    Սարգիս: 'Սարգսի',
    Խաչատուր: 'Խաչատրի',
    Մկրտիչ: 'Մկրտչի',
  };
  if (irregular[name]) return irregular[name];
  return 'աեէիոօ'.includes(name.slice(-1)) ? `${name}յի` : `${name}ի`;
}

/** Russian patronymic from the father's name in Russian: Армен → Арменович, Сергей → Сергеевич. */
function russianPatronymic(father: string): string {
  if (father.endsWith('ий')) return `${father.slice(0, -2)}ьевич`;
  if (father.endsWith('ей') || father.endsWith('ай')) return `${father.slice(0, -1)}евич`;
  if (father.endsWith('а') || father.endsWith('я')) return `${father.slice(0, -1)}ич`;
  if (father.endsWith('ь')) return `${father.slice(0, -1)}евич`;
  if (/[еоиэ]$/.test(father)) return `${father}евич`;
  return `${father}ович`;
}

/** One typing mistake inside a Latin or Cyrillic word, never its first letter. */
function typo(word: string): string {
  if (word.length < 5) return word;
  const i = 1 + Math.floor(random() * (word.length - 2));
  const kind = Math.floor(random() * 3);
  if (kind === 0) return word.slice(0, i) + word.slice(i + 1);
  if (kind === 1)
    return word.slice(0, i) + (word[i + 1] ?? '') + (word[i] ?? '') + word.slice(i + 2);
  const letters = /[a-z]/i.test(word)
    ? 'aeiourn'
    : /[\u0530-\u058f]/.test(word)
      ? 'աեիոնր'
      : 'аеиоурн';
  return word.slice(0, i) + pick([...letters]) + word.slice(i + 1);
}

// ---------------------------------------------------------------------------------------------
// People and how lists write them

type Origin = 'armenian' | 'azerbaijani' | 'russian';

interface Person {
  id: string;
  origin: Origin;
  given: string;
  surname: string;
  father: string;
  birth: { year: number; month: number; day: number };
  place: string;
}

interface Rendering {
  given: string;
  surname: string;
  father: string;
  patronymic: (father: string) => { before: string; after?: string };
  place: string;
  latin: boolean;
}

/** Picks one way of writing a person: script and transliteration scheme. */
function render(person: Person, forRegistry: boolean): Rendering {
  if (person.origin === 'armenian') {
    const kind = forRegistry
      ? pick(['east', 'east', 'east', 'armenian', 'armenian', 'russian', 'russian'] as const)
      : pick([
          'east',
          'east',
          'armenian',
          'russian',
          'russian',
          'russianLatin',
          'western',
        ] as const);
    const place =
      kind === 'armenian'
        ? person.place
        : kind === 'east' || kind === 'western'
          ? easternLatin(person.place)
          : armenianToRussian(person.place);
    switch (kind) {
      case 'armenian':
        return {
          given: person.given,
          surname: person.surname,
          father: person.father,
          place,
          latin: false,
          patronymic: () => ({ before: armenianGenitive(person.father) }),
        };
      case 'east': {
        return {
          given: easternLatin(person.given),
          surname: easternLatin(person.surname),
          father: easternLatin(person.father),
          place,
          latin: true,
          patronymic: () => ({ before: easternLatin(armenianGenitive(person.father)) }),
        };
      }
      case 'western':
        return {
          given: westernLatin(person.given),
          surname: westernLatin(person.surname),
          father: westernLatin(person.father),
          place,
          latin: true,
          patronymic: () => ({ before: westernLatin(armenianGenitive(person.father)) }),
        };
      case 'russian':
      case 'russianLatin': {
        let surname = armenianToRussian(person.surname);
        // Soviet documents sometimes Russified the ending: Петросян → Петросов.
        if (chance(0.08)) surname = surname.replace(/янц?$/, 'ов');
        const given = armenianToRussian(person.given);
        const father = armenianToRussian(person.father);
        const toScript = kind === 'russian' ? (w: string) => w : russianToLatin;
        return {
          given: toScript(given),
          surname: toScript(surname),
          father: toScript(father),
          place: kind === 'russian' ? place : russianToLatin(place),
          latin: kind === 'russianLatin',
          patronymic: () => ({ before: toScript(russianPatronymic(father)) }),
        };
      }
    }
  }
  if (person.origin === 'azerbaijani') {
    const kind = forRegistry
      ? pick(['az', 'az', 'english', 'russian', 'russian', 'azCyrillic'] as const)
      : pick(['az', 'english', 'english', 'russian', 'russianLatin', 'azCyrillic'] as const);
    const oglu = {
      az: 'oğlu',
      english: 'ogly',
      russian: 'оглы',
      russianLatin: 'ogly',
      azCyrillic: 'оғлу',
    }[kind];
    const place =
      kind === 'az'
        ? person.place
        : kind === 'azCyrillic'
          ? azerbaijaniToCyrillic(person.place)
          : kind === 'english'
            ? azerbaijaniToEnglish(person.place)
            : azerbaijaniToRussian(person.place);
    const write = {
      az: (w: string) => w,
      english: azerbaijaniToEnglish,
      russian: azerbaijaniToRussian,
      russianLatin: (w: string) => russianToLatin(azerbaijaniToRussian(w)),
      azCyrillic: azerbaijaniToCyrillic,
    }[kind];
    const father = write(person.father);
    return {
      given: write(person.given),
      surname: write(person.surname),
      father,
      place: kind === 'russianLatin' ? russianToLatin(place) : place,
      latin: kind === 'az' || kind === 'english' || kind === 'russianLatin',
      patronymic: () =>
        kind === 'russian' && chance(0.3)
          ? { before: russianPatronymic(father) }
          : { before: father, after: oglu },
    };
  }
  const latin = forRegistry ? chance(0.4) : chance(0.5);
  const write = latin ? russianToLatin : (w: string) => w;
  return {
    given: write(person.given),
    surname: write(person.surname),
    father: write(person.father),
    place: write(person.place),
    latin,
    patronymic: () => ({ before: write(russianPatronymic(person.father)) }),
  };
}

/** A full name in one of the orders lists use, with the father's name in it or not. */
function writeName(r: Rendering, withPatronymic: boolean, noisy: boolean): string {
  let { given, surname } = r;
  if (noisy && chance(0.04)) surname = typo(surname);
  if (noisy && chance(0.03)) given = typo(given);
  if (chance(0.2) && r.latin === false && noisy) surname = surname.toLocaleUpperCase();
  if (r.latin && noisy && chance(0.25)) surname = surname.toUpperCase();
  const surnameFirst = chance(noisy ? 0.4 : 0.2);
  if (!withPatronymic) return surnameFirst ? `${surname} ${given}` : `${given} ${surname}`;
  const { before, after } = r.patronymic(r.father);
  const father = after ? `${before} ${after}` : before;
  return surnameFirst ? `${surname} ${given} ${father}` : `${given} ${father} ${surname}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

function randomBirth(): Person['birth'] {
  return {
    year: 1960 + Math.floor(random() * 46),
    month: 1 + Math.floor(random() * 12),
    day: 1 + Math.floor(random() * 28),
  };
}

interface Pools {
  given: Record<Origin, { names: string[]; weights: Float64Array }>;
  surnames: Record<Origin, { names: string[]; weights: Float64Array }>;
  places: Record<Origin, string[]>;
}

function makePools(): Pools {
  const pool = (names: string[], flatten: number) => ({
    names,
    weights: popularity(names.length, flatten),
  });
  return {
    given: {
      armenian: pool(ARMENIAN_GIVEN, 10),
      azerbaijani: pool(AZERBAIJANI_GIVEN, 8),
      russian: pool(RUSSIAN_GIVEN, 8),
    },
    surnames: {
      armenian: pool(ARMENIAN_SURNAMES, 20),
      azerbaijani: pool(AZERBAIJANI_SURNAMES, 10),
      russian: pool(RUSSIAN_SURNAMES, 15),
    },
    places: { armenian: ARMENIAN_PLACES, azerbaijani: AZERBAIJANI_PLACES, russian: RUSSIAN_PLACES },
  };
}

function randomPerson(pools: Pools, id: string, origin?: Origin): Person {
  const o = origin ?? (random() < 0.55 ? 'armenian' : random() < 0.67 ? 'azerbaijani' : 'russian');
  const given = pools.given[o];
  const surnames = pools.surnames[o];
  let father = pickWeighted(given.names, given.weights);
  const self = pickWeighted(given.names, given.weights);
  if (father === self && chance(0.7)) father = pickWeighted(given.names, given.weights);
  return {
    id,
    origin: o,
    given: self,
    surname: pickWeighted(surnames.names, surnames.weights),
    father,
    birth: randomBirth(),
    place: pick(pools.places[o]),
  };
}

/**
 * What the records carry, modelled on official lists from the region: Soviet-style documents
 * nearly always give the father's name (as a patronymic or a column) and usually a full birth
 * date. Recall of automatic matches depends directly on these shares, because a row with only a
 * name and a birth year is never matched automatically.
 */
const REGISTRY_MIX = { fullDate: 0.9, noDate: 0.02, place: 0.75, father: 0.85 };
const LIST_MIX: Record<
  | 'fullDate'
  | 'swappedDate'
  | 'yearMonth'
  | 'noDate'
  | 'patronymicInName'
  | 'fatherColumn'
  | 'place',
  number
> = {
  fullDate: 0.72,
  swappedDate: 0.06,
  yearMonth: 0.03,
  noDate: 0.07,
  patronymicInName: 0.3,
  fatherColumn: 0.45,
  place: 0.6,
};

interface RegistryEntry {
  person: Person;
  record: MatchRecord;
}

/** The registry's own record of a person: one spelling, mostly a full birth date and a father. */
function registryRecord(person: Person): MatchRecord {
  const r = render(person, true);
  const roll = random();
  const { year, month, day } = person.birth;
  const birthDate =
    roll < REGISTRY_MIX.fullDate
      ? `${year}-${pad(month)}-${pad(day)}`
      : roll < 1 - REGISTRY_MIX.noDate
        ? `${year}`
        : null;
  return {
    id: person.id,
    name: writeName(r, false, false),
    birthDate,
    place: chance(REGISTRY_MIX.place) ? r.place : null,
    fatherName: chance(REGISTRY_MIX.father) ? r.father : null,
  };
}

type RowKind = 'known' | 'new' | 'namesake';

interface LabelledRow {
  record: MatchRecord;
  kind: RowKind;
  truth: string | null;
}

/** How a published list writes a person: any script, any order, dates as the source had them. */
function listRecord(person: Person, id: string): MatchRecord {
  const r = render(person, false);
  const { year, month, day } = person.birth;
  const roll = random();
  let birthDate: string | null;
  if (roll < LIST_MIX.fullDate) birthDate = `${year}-${pad(month)}-${pad(day)}`;
  else if (roll < LIST_MIX.fullDate + LIST_MIX.swappedDate) {
    birthDate =
      day <= 12 && day !== month
        ? `${year}-${pad(day)}-${pad(month)}`
        : `${year}-${pad(month)}-${pad(day)}`;
  } else if (roll < LIST_MIX.fullDate + LIST_MIX.swappedDate + LIST_MIX.yearMonth)
    birthDate = `${year}-${pad(month)}`;
  else if (roll < 1 - LIST_MIX.noDate) birthDate = `${year}`;
  else birthDate = null;
  const fatherRoll = random();
  const patronymic = fatherRoll < LIST_MIX.patronymicInName;
  const fatherColumn =
    !patronymic && fatherRoll < LIST_MIX.patronymicInName + LIST_MIX.fatherColumn;
  return {
    id,
    name: writeName(r, patronymic, true),
    birthDate,
    place: chance(LIST_MIX.place) ? r.place : null,
    fatherName: fatherColumn ? r.father : null,
  };
}

/** Generates a labelled registry and list; exported for profiling scripts. */
export function generate(registrySize: number, listSize: number, seed: number) {
  random = mulberry32(seed);
  const pools = makePools();
  const registry: RegistryEntry[] = [];
  for (let i = 0; i < registrySize; i++) {
    const person = randomPerson(pools, `R${i + 1}`);
    registry.push({ person, record: registryRecord(person) });
  }
  const byName = new Map<string, Person[]>();
  for (const { person } of registry) {
    const key = `${person.given}|${person.surname}`;
    byName.set(key, [...(byName.get(key) ?? []), person]);
  }
  const birthKey = (b: Person['birth']) => `${b.year}-${b.month}-${b.day}`;
  const rows: LabelledRow[] = [];
  const used = new Set<number>();
  for (let i = 0; i < listSize; i++) {
    const id = `L${i + 1}`;
    const roll = random();
    if (roll < 0.7) {
      let at = Math.floor(random() * registry.length);
      while (used.has(at)) at = Math.floor(random() * registry.length);
      used.add(at);
      const entry = registry[at] as RegistryEntry;
      rows.push({ record: listRecord(entry.person, id), kind: 'known', truth: entry.person.id });
    } else if (roll < 0.85) {
      rows.push({ record: listRecord(randomPerson(pools, id), id), kind: 'new', truth: null });
    } else {
      // A namesake: same given name and surname as someone in the registry, another man, born on
      // another day than every registry man of that name, with another father than this one's.
      const entry = pick(registry);
      const other = randomPerson(pools, id, entry.person.origin);
      other.given = entry.person.given;
      other.surname = entry.person.surname;
      while (other.father === entry.person.father)
        other.father = pickWeighted(
          pools.given[other.origin].names,
          pools.given[other.origin].weights,
        );
      const taken = new Set(
        (byName.get(`${other.given}|${other.surname}`) ?? []).map((p) => birthKey(p.birth)),
      );
      while (taken.has(birthKey(other.birth))) other.birth = randomBirth();
      rows.push({ record: listRecord(other, id), kind: 'namesake', truth: null });
    }
  }
  return { registry: registry.map((e) => e.record), rows };
}

// ---------------------------------------------------------------------------------------------
// Run and report

/**
 * `--list-mix fullDate=0.85,noDate=0.03` changes what the generated list rows carry, to see how
 * recall depends on the data (the rest of the dates are a birth year only).
 */
function applyListMixArgument(): string | null {
  const at = process.argv.indexOf('--list-mix');
  if (at < 0) return null;
  const text = process.argv[at + 1] ?? '';
  for (const pair of text.split(',')) {
    const [key, value] = pair.split('=');
    if (!key || !(key in LIST_MIX) || !Number.isFinite(Number(value)))
      throw new Error(
        `--list-mix: ${pair} is not one of ${Object.keys(LIST_MIX).join(', ')}=share`,
      );
    LIST_MIX[key as keyof typeof LIST_MIX] = Number(value);
  }
  const dates = LIST_MIX.fullDate + LIST_MIX.swappedDate + LIST_MIX.yearMonth + LIST_MIX.noDate;
  if (dates > 1 || LIST_MIX.patronymicInName + LIST_MIX.fatherColumn > 1)
    throw new Error(
      '--list-mix: the date shares, and the two father shares, must add up to at most 1',
    );
  return text;
}

/** `--thresholds matchEvidence=3,matchMargin=2` overrides decision thresholds, for tuning. */
function thresholdsFromArguments(): DecisionThresholds {
  const at = process.argv.indexOf('--thresholds');
  const thresholds: DecisionThresholds = { ...DECISION_THRESHOLDS };
  if (at < 0) return thresholds;
  for (const pair of (process.argv[at + 1] ?? '').split(',')) {
    const [key, value] = pair.split('=');
    if (key && key in thresholds && Number.isFinite(Number(value)))
      thresholds[key as keyof DecisionThresholds] = Number(value);
  }
  return thresholds;
}

export function argument(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : Number.NaN;
  return Number.isFinite(value) ? value : fallback;
}

interface RowResult {
  id: string;
  decision: 'match' | 'review' | 'new';
  match?: string;
  candidates: { id: string; score: number }[];
}

function main(): void {
  const registrySize = argument('registry', 100_000);
  const listSize = argument('list', 10_000);
  const seed = argument('seed', 20_240_601);
  const showErrors = argument('errors', 0);

  const listMix = applyListMixArgument();
  const generatedAt = performance.now();
  const { registry, rows } = generate(registrySize, listSize, seed);
  const generation = (performance.now() - generatedAt) / 1000;

  const startedAt = performance.now();
  const cpuAtStart = process.cpuUsage();
  const lines = matchRecordsToLines(
    registry,
    rows.map((r) => r.record),
    { thresholds: thresholdsFromArguments() },
  );
  const elapsed = (performance.now() - startedAt) / 1000;
  const cpuUsed = process.cpuUsage(cpuAtStart);
  const cpuSeconds = (cpuUsed.user + cpuUsed.system) / 1e6;

  const results = lines.map((line) => JSON.parse(line) as RowResult);
  const byId = new Map(rows.map((r) => [r.record.id, r]));
  // The same search again, outside the timing, kept to explain misses and to try other policies.
  const thresholds = thresholdsFromArguments();
  const searched = new Map<string, ScoredCandidate[]>();
  {
    const index = new MatchIndex();
    index.addAll(registry);
    for (const row of rows) searched.set(row.record.id, index.search(row.record));
  }
  const explanations = new Map<string, string[]>();
  for (const result of results) {
    const row = byId.get(result.id);
    if (row?.truth && result.decision !== 'match')
      explanations.set(result.id, explainDecision(searched.get(result.id) ?? [], thresholds));
  }
  let matches = 0;
  let correctMatches = 0;
  let known = 0;
  let knownInTop5 = 0;
  let namesakes = 0;
  let namesakesMatched = 0;
  const decisions = {
    known: { match: 0, review: 0, new: 0 },
    new: { match: 0, review: 0, new: 0 },
    namesake: { match: 0, review: 0, new: 0 },
  };
  const misses: string[] = [];
  const unmatched: string[] = [];
  let thinEvidence = 0;
  const unmatchedReasons = new Map<string, number>();
  const falseMatches: string[] = [];
  const registryById = new Map(registry.map((r) => [r.id, r]));
  for (const result of results) {
    const row = byId.get(result.id);
    if (!row) throw new Error(`no row ${result.id}`);
    decisions[row.kind][result.decision]++;
    if (result.decision === 'match') {
      matches++;
      if (result.match === row.truth) correctMatches++;
      else
        falseMatches.push(
          `${row.kind} ${JSON.stringify(row.record)} → ${JSON.stringify(registryById.get(result.match ?? ''))} (truth ${JSON.stringify(registryById.get(row.truth ?? ''))})`,
        );
    }
    if (row.kind === 'namesake') {
      namesakes++;
      if (result.decision === 'match') namesakesMatched++;
    }
    if (row.truth) {
      known++;
      if (result.decision !== 'match') {
        const truth = registryById.get(row.truth) as MatchRecord;
        const { features } = scorePair(row.record, truth);
        if (!hasEvidence(features)) thinEvidence++;
        else {
          const reasons = result.candidates.some((c) => c.id === row.truth)
            ? (explanations.get(row.record.id) ?? ['unknown'])
            : ['not-among-candidates'];
          for (const reason of reasons)
            unmatchedReasons.set(reason, (unmatchedReasons.get(reason) ?? 0) + 1);
        }
        if (hasEvidence(features) && unmatched.length < showErrors) {
          const shown = Object.entries(features)
            .map(([k, v]) => `${k}=${Math.round(v * 100) / 100}`)
            .join(' ');
          const why = (explanations.get(row.record.id) ?? []).join(',');
          unmatched.push(
            `${result.decision} [${why}] ${JSON.stringify(row.record)} ~ ${JSON.stringify(truth)}\n      ${shown}; top ${JSON.stringify(result.candidates.slice(0, 2))}`,
          );
        }
      }
      if (result.candidates.some((c) => c.id === row.truth)) knownInTop5++;
      else
        misses.push(
          `${JSON.stringify(row.record)} ≠ ${JSON.stringify(registryById.get(row.truth))} got ${JSON.stringify(result.candidates.slice(0, 2))}`,
        );
    }
  }
  const precision = matches === 0 ? 1 : correctMatches / matches;
  const recall = known === 0 ? 1 : correctMatches / known;
  const top5 = known === 0 ? 1 : knownInTop5 / known;

  const cpu = readCpuModel();
  const date = new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  const report = [
    `| measure | target | result |`,
    `| --- | --- | --- |`,
    `| precision of \`match\` | ≥ 0.995 | ${precision.toFixed(4)} (${correctMatches} of ${matches}) |`,
    `| recall of \`match\` | ≥ 0.90 | ${recall.toFixed(4)} (${correctMatches} of ${known} rows whose person is in the registry) |`,
    `| true person in the top 5 candidates | ≥ 0.99 | ${top5.toFixed(4)} (${knownInTop5} of ${known}) |`,
    `| namesakes matched automatically | 0 | ${namesakesMatched} of ${namesakes} |`,
    `| time, ${listSize.toLocaleString('en')} rows vs ${registrySize.toLocaleString('en')} registry | ≤ 30 s | ${elapsed.toFixed(1)} s (${Math.round(listSize / elapsed).toLocaleString('en')} rows/s, index build included; ${cpuSeconds.toFixed(1)} s of CPU) |`,
  ].join('\n');
  const detail = [
    `decisions by row kind (match / review / new):`,
    `- person in the registry: ${decisions.known.match} / ${decisions.known.review} / ${decisions.known.new}`,
    `- new person: ${decisions.new.match} / ${decisions.new.review} / ${decisions.new.new}`,
    `- namesake of a registry person: ${decisions.namesake.match} / ${decisions.namesake.review} / ${decisions.namesake.new}`,
    `- rows whose person is in the registry but not matched, with too little besides the name for any automatic match (e.g. only a birth year, or a father's name without a date): ${thinEvidence}; recall of \`match\` among the other rows: ${(correctMatches / Math.max(known - thinEvidence, 1)).toFixed(4)}`,
    `- the other rows whose person is in the registry but not matched, by reason (a row may have several): ${[
      ...unmatchedReasons,
    ]
      .sort((a, b) => b[1] - a[1])
      .map(([r, n]) => `${r} ${n}`)
      .join(', ')}`,
  ].join('\n');

  const tradeOff = [
    `what looser policies would give on the same candidates (recall of \`match\` / precision / namesakes matched):`,
    ...LOOSER_POLICIES.map(({ label, thresholds: looser }) => {
      const outcome = measurePolicy(rows, searched, { ...thresholds, ...looser });
      return `- ${label}: ${outcome.recall.toFixed(4)} / ${outcome.precision.toFixed(4)} / ${outcome.namesakesMatched}`;
    }),
  ].join('\n');

  console.log(
    `seed ${seed}${listMix ? `; list rows carry ${listMix}` : ''}; data generated in ${generation.toFixed(1)} s`,
  );
  const load = `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} while running`;
  console.log(`${cpu}, ${cpus().length} cores, Node ${process.version}, ${date}, ${load}\n`);
  console.log(report);
  console.log(`\n${detail}`);
  console.log(`\n${tradeOff}`);
  if (showErrors > 0) {
    console.log(`\nfalse matches (${falseMatches.length}):`);
    for (const line of falseMatches.slice(0, showErrors)) console.log(`  ${line}`);
    console.log(`\nperson in the registry but not matched (first ${unmatched.length}):`);
    for (const line of unmatched) console.log(`  ${line}`);
    console.log(`\ntrue person not in the top 5 (${misses.length}):`);
    for (const line of misses.slice(0, showErrors)) console.log(`  ${line}`);
  }

  if (process.argv.includes('--write-readme')) {
    if (listMix) throw new Error('--write-readme records the standard data only, not --list-mix');
    const path = new URL('./README.md', import.meta.url);
    const readme = readFileSync(path, 'utf8');
    const section = [
      '<!-- results:start -->',
      `Measured ${date} on ${cpu} (${cpus().length} cores; ${load}, other work shared the machine), Node ${process.version}, seed ${seed}:`,
      '',
      report,
      '',
      detail,
      '',
      tradeOff,
      '<!-- results:end -->',
    ].join('\n');
    writeFileSync(
      path,
      readme.replace(/<!-- results:start -->[\s\S]*<!-- results:end -->/, section),
    );
    console.log('\nbench/README.md updated');
  }
}

/**
 * Policies looser than `decide`'s, each adding to the one before: what recall they would buy and
 * what they would cost in namesakes matched, so that the choice of thresholds can be argued.
 */
const LOOSER_POLICIES: { label: string; thresholds: Partial<DecisionThresholds> }[] = [
  {
    label: 'also a birth year with the place, or a year and month alone',
    thresholds: { matchEvidence: 2.5 },
  },
  {
    label: "also the father's name with the place, without any date",
    thresholds: { matchEvidence: 2.5, matchBirthDate: 0 },
  },
  {
    label: 'also a chance of coincidence up to 0.02',
    thresholds: { matchEvidence: 2.5, matchBirthDate: 0, maxCoincidence: 0.02 },
  },
  {
    label: "also a birth year or a father's name alone, where the chance allows",
    thresholds: { matchEvidence: 1.5, matchBirthDate: 0, maxCoincidence: 0.02, matchLogit: 2.9 },
  },
];

function measurePolicy(
  rows: LabelledRow[],
  searched: Map<string, ScoredCandidate[]>,
  thresholds: DecisionThresholds,
) {
  let matches = 0;
  let correct = 0;
  let known = 0;
  let namesakesMatched = 0;
  for (const row of rows) {
    if (row.truth) known++;
    const decision = decide(searched.get(row.record.id) ?? [], thresholds);
    if (decision.decision !== 'match') continue;
    matches++;
    if (decision.match === row.truth) correct++;
    else if (row.kind === 'namesake') namesakesMatched++;
  }
  return {
    recall: correct / Math.max(known, 1),
    precision: matches === 0 ? 1 : correct / matches,
    namesakesMatched,
  };
}

/** Whether the true pair carries what an automatic match needs besides the name (see decide). */
function hasEvidence(features: Record<string, number>): boolean {
  return (
    (features.evidence ?? 0) >= 3 &&
    ((features.birthDate ?? 0) > 0 || (features.identifiers ?? 0) > 0)
  );
}

export function readCpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    return line
      ? (line.split(':')[1]?.trim() ?? 'unknown CPU')
      : (cpus()[0]?.model ?? 'unknown CPU');
  } catch {
    return cpus()[0]?.model ?? 'unknown CPU';
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
