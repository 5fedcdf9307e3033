import { distance } from 'fastest-levenshtein';

/**
 * Edit distance counting a swap of two neighbouring letters as one edit (optimal string
 * alignment), the commonest typing mistake in names (Roamn, Dvait).
 *
 * @example
 * transpositionDistance('roman', 'roamn') // 1
 */
export function transpositionDistance(a: string, b: string): number {
  const la = a.length;
  const lb = b.length;
  if (la === 0) return lb;
  if (lb === 0) return la;
  // Rows two back, one back and current, each lb + 1 long.
  let twoBack = new Array<number>(lb + 1).fill(0);
  let oneBack = Array.from({ length: lb + 1 }, (_, j) => j);
  let current = new Array<number>(lb + 1).fill(0);
  for (let i = 1; i <= la; i++) {
    current[0] = i;
    for (let j = 1; j <= lb; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let best = Math.min(
        (oneBack[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (oneBack[j - 1] as number) + cost,
      );
      if (
        i > 1 &&
        j > 1 &&
        a.charCodeAt(i - 1) === b.charCodeAt(j - 2) &&
        a.charCodeAt(i - 2) === b.charCodeAt(j - 1)
      ) {
        best = Math.min(best, (twoBack[j - 2] as number) + 1);
      }
      current[j] = best;
    }
    [twoBack, oneBack, current] = [oneBack, current, twoBack];
  }
  return oneBack[lb] as number;
}

/**
 * Jaro-Winkler similarity of two strings, 0..1; rewards a shared beginning, which is where
 * spellings of the same name agree most.
 *
 * @example
 * jaroWinkler('martirosian', 'martirosian') // 1
 * jaroWinkler('martha', 'marhta') // ≈ 0.961
 */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  const matchedA = new Uint8Array(la);
  const matchedB = new Uint8Array(lb);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(lb - 1, i + window);
    for (let j = from; j <= to; j++) {
      if (matchedB[j] === 0 && a.charCodeAt(i) === b.charCodeAt(j)) {
        matchedA[i] = 1;
        matchedB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (matchedA[i] === 0) continue;
    while (matchedB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++;
    k++;
  }
  const m = matches;
  const jaro = (m / la + m / lb + (m - transpositions / 2) / m) / 3;
  let prefix = 0;
  const maxPrefix = Math.min(4, la, lb);
  while (prefix < maxPrefix && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/**
 * One minus the edit distance over the longer length, 0..1; a swap of neighbouring letters
 * counts as one edit.
 *
 * @example
 * levenshteinSimilarity('petrosian', 'petrosan') // ≈ 0.889
 * levenshteinSimilarity('roman', 'roamn') // 0.8
 */
export function levenshteinSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const longer = Math.max(a.length, b.length);
  if (longer === 0) return 1;
  // Long texts (places with several words) use the fast plain distance.
  const edits = longer > 24 ? distance(a, b) : transpositionDistance(a, b);
  return 1 - edits / longer;
}

/**
 * Similarity of two spellings of one name word: the mean of Jaro-Winkler (lenient with
 * endings) and edit similarity (strict with length), so that one typo in a long surname scores
 * about 0.93 while a different surname with the same start stays below 0.85.
 *
 * @example
 * nameWordSimilarity('martirosian', 'martirosian') // 1
 * nameWordSimilarity('martirosian', 'martikian') < 0.85 // true
 */
export function nameWordSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  return (jaroWinkler(a, b) + levenshteinSimilarity(a, b)) / 2;
}

/**
 * Whether two spellings differ by one typing slip that does not make another name: two
 * neighbouring letters swapped, or one letter dropped or doubled, after the first letter, in
 * words of four letters or more. A changed letter is not a slip here: Armen and Arman are two
 * names (and may be twins).
 *
 * @example
 * isTypingSlip('tural', 'tuarl') // true
 * isTypingSlip('narek', 'nark') // true
 * isTypingSlip('armen', 'arman') // false
 */
export function isTypingSlip(a: string, b: string): boolean {
  if (a === b || Math.min(a.length, b.length) < 4) return false;
  if (a.length === b.length) {
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    return (
      i > 0 &&
      i < a.length - 1 &&
      a[i] === b[i + 1] &&
      a[i + 1] === b[i] &&
      a.slice(i + 2) === b.slice(i + 2)
    );
  }
  const [longer, shorter] = a.length > b.length ? [a, b] : [b, a];
  if (longer.length !== shorter.length + 1) return false;
  let i = 0;
  while (i < shorter.length && longer[i] === shorter[i]) i++;
  // Not the first letter: names that differ there are other names (Azaryan, Kazaryan, Nazaryan).
  return i > 0 && longer.slice(i + 1) === shorter.slice(i);
}

/**
 * Whether two spellings of a surname differ by one typing slip: those of {@link isTypingSlip},
 * or one letter changed after the first. Unlike a given name (Armen and Arman may be twins), a
 * surname one letter off is the same family mistyped far more often than another family.
 *
 * @example
 * isSurnameSlip('karpov', 'kareov') // true
 * isSurnameSlip('kazimov', 'qasimov') // false: the first letter differs
 */
export function isSurnameSlip(a: string, b: string): boolean {
  if (isTypingSlip(a, b)) return true;
  if (a.length !== b.length || a.length < 5) return false;
  let differences = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    if (i === 0 || ++differences > 1) return false;
  }
  return differences === 1;
}
