import { BLOCKING_KEY_BOOSTS, blockingKeysOfPrepared } from './blocking-keys.ts';
import type { ScoredCandidate } from './decide-match.ts';
import type { MatchRecord } from './match-record.schema.ts';
import { prepareMatchRecord } from './prepare-match-record.ts';
import type { PreparedMatchRecord } from './prepare-match-record.ts';
import { scorePreparedPair } from './score-pair.ts';

export interface MatchIndexOptions {
  /** Buckets holding more records than this are skipped while gathering candidates. */
  maxBucket?: number;
  /** Most candidates scored per query. */
  maxCandidates?: number;
}

/**
 * How candidates are gathered, shared by the in-memory index and the database's key index so
 * that both shortlist alike: keys shared by more than `maxBucket` records are skipped (unless
 * nothing else finds anyone), and at most `maxCandidates` records are scored per query.
 */
export const CANDIDATE_LIMITS = { maxBucket: 150, maxCandidates: 60 } as const;

/**
 * What a shared blocking key says about a candidate: its family's boost times its rarity (IDF)
 * in a registry of `total` records.
 *
 * @example
 * blockingKeyWeight('py:aik|petrosian|1990', 2, 100_000) > blockingKeyWeight('w:aik', 900, 100_000) // true
 */
export function blockingKeyWeight(key: string, bucketSize: number, total: number): number {
  return blockingKeyBoost(key) * Math.log(1 + total / bucketSize);
}

/** A blocking key's family boost (see {@link BLOCKING_KEY_BOOSTS}). */
export function blockingKeyBoost(key: string): number {
  return BLOCKING_KEY_BOOSTS[key.slice(0, key.indexOf(':'))] ?? 1;
}

/**
 * The `limit` positions of highest weight, best first (ties by position), without sorting all
 * of them: a query can touch thousands of records through common names.
 */
function topByWeight(positions: number[], weights: Float64Array, limit: number): number[] {
  const better = (x: number, y: number) => {
    const wx = weights[x] ?? 0;
    const wy = weights[y] ?? 0;
    return wx > wy || (wx === wy && x < y);
  };
  if (positions.length > limit * 4) {
    // A min-heap of the best `limit` so far: the root is the weakest of them.
    const heap: number[] = [];
    const siftDown = (from: number) => {
      let i = from;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let weakest = i;
        if (left < heap.length && better(heap[weakest] as number, heap[left] as number))
          weakest = left;
        if (right < heap.length && better(heap[weakest] as number, heap[right] as number))
          weakest = right;
        if (weakest === i) return;
        [heap[i], heap[weakest]] = [heap[weakest] as number, heap[i] as number];
        i = weakest;
      }
    };
    for (const position of positions) {
      if (heap.length < limit) {
        heap.push(position);
        let i = heap.length - 1;
        while (i > 0) {
          const parent = (i - 1) >> 1;
          if (!better(heap[parent] as number, heap[i] as number)) break;
          [heap[i], heap[parent]] = [heap[parent] as number, heap[i] as number];
          i = parent;
        }
      } else if (better(position, heap[0] as number)) {
        heap[0] = position;
        siftDown(0);
      }
    }
    positions = heap;
  }
  return [...positions].sort((x, y) => (better(x, y) ? -1 : better(y, x) ? 1 : 0)).slice(0, limit);
}

/**
 * An in-memory inverted index of blocking keys over the registry, so that each list row is
 * scored against a few dozen candidates instead of every person. A key's weight is its family's
 * boost times its rarity (IDF); keys shared by more than `maxBucket` records are skipped, as
 * OpenSanctions' matcher does, unless nothing else finds a candidate.
 *
 * @example
 * const index = new MatchIndex();
 * index.addAll(registry);
 * const scored = index.search({ id: 'row-1', name: 'Gaik Petrosian', birthDate: '1990' });
 * decide(scored).decision // 'match' | 'review' | 'new'
 */
/** How common a candidate's name, father's name and place are in the registry. */
export interface RegistryStatistics {
  /** Other registry records bearing the candidate's name. */
  namesakes: number;
  /** Registry records naming the candidate's father (null: the candidate names none), and how many name any father. */
  fatherCount: number | null;
  fathersKnown: number;
  /** Registry records with the candidate's place (null: the candidate gives none), and how many give any place. */
  placeCount: number | null;
  placesKnown: number;
}

function share(count: number, known: number): number {
  const PRIOR = 0.02;
  const PRIOR_WEIGHT = 100;
  return (count + PRIOR * PRIOR_WEIGHT) / (known + PRIOR_WEIGHT);
}

/**
 * How many men in the registry's world would agree with the query as the candidate does, by
 * chance: the candidate's namesakes (and himself, standing for namesakes outside the registry),
 * times the chance that the birth date agrees, times how common the agreeing father's name and
 * place are. `decide` matches automatically only when this is small. Shared by the in-memory
 * index and the database's key index, so both decide alike.
 *
 * @example
 * coincidenceOf({ birthDateChance: 1 / 365 }, { namesakes: 30, fatherCount: null, fathersKnown: 0, placeCount: null, placesKnown: 0 }) // 31 / 365
 */
export function coincidenceOf(features: Record<string, number>, stats: RegistryStatistics): number {
  let chance = (stats.namesakes + 1) * (features.birthDateChance ?? 1);
  if ((features.father ?? 0) > 0 && stats.fatherCount !== null)
    chance *= share(stats.fatherCount, stats.fathersKnown);
  if ((features.place ?? 0) > 0 && stats.placeCount !== null)
    chance *= share(stats.placeCount, stats.placesKnown);
  return chance;
}

export class MatchIndex {
  private readonly records: PreparedMatchRecord[] = [];
  /** Per record, the buckets of its full-name keys, whose sizes tell how common its name is. */
  private readonly nameBuckets: number[][][] = [];
  /** Registry positions by blocking key. */
  private readonly postings = new Map<string, number[]>();
  /** How many records name each father (by stripped key) and each place: how telling agreement is. */
  private readonly fatherCounts = new Map<string, number>();
  private readonly placeCounts = new Map<string, number>();
  private fathersKnown = 0;
  private placesKnown = 0;
  private weights = new Float64Array(1024);
  private readonly maxBucket: number;
  private readonly maxCandidates: number;

  constructor(options: MatchIndexOptions = {}) {
    this.maxBucket = options.maxBucket ?? CANDIDATE_LIMITS.maxBucket;
    this.maxCandidates = options.maxCandidates ?? CANDIDATE_LIMITS.maxCandidates;
  }

  /** How many records the index holds. */
  get size(): number {
    return this.records.length;
  }

  /** Adds one registry record. */
  add(record: MatchRecord | PreparedMatchRecord): void {
    const prepared = 'record' in record ? record : prepareMatchRecord(record);
    const position = this.records.length;
    this.records.push(prepared);
    const nameBuckets: number[][] = [];
    for (const key of blockingKeysOfPrepared(prepared)) {
      let bucket = this.postings.get(key);
      if (bucket) bucket.push(position);
      else {
        bucket = [position];
        this.postings.set(key, bucket);
      }
      if (key.charCodeAt(0) === 112 /* p */ && key.charCodeAt(1) === 58 /* : */)
        nameBuckets.push(bucket);
    }
    this.nameBuckets.push(nameBuckets);
    if (prepared.father) {
      this.fathersKnown++;
      this.fatherCounts.set(
        prepared.father.stripped,
        (this.fatherCounts.get(prepared.father.stripped) ?? 0) + 1,
      );
    }
    if (prepared.place) {
      this.placesKnown++;
      this.placeCounts.set(prepared.place, (this.placeCounts.get(prepared.place) ?? 0) + 1);
    }
  }

  /**
   * How many men in the registry's world would agree with the query as the candidate does, by
   * chance: the candidate's namesakes (and himself, standing for namesakes outside the registry),
   * times the chance that the birth date agrees, times how common the agreeing father's name and
   * place are. An automatic match needs this to be small.
   */
  private coincidence(
    candidate: PreparedMatchRecord,
    position: number,
    features: Record<string, number>,
  ): number {
    return coincidenceOf(features, {
      namesakes: this.namesakesOf(position),
      fatherCount: candidate.father
        ? (this.fatherCounts.get(candidate.father.stripped) ?? 0)
        : null,
      fathersKnown: this.fathersKnown,
      placeCount: candidate.place ? (this.placeCounts.get(candidate.place) ?? 0) : null,
      placesKnown: this.placesKnown,
    });
  }

  /**
   * How many other registry records bear the same name as the record at `position` (by sound
   * skeleton): the more namesakes, the more evidence an automatic match needs.
   */
  private namesakesOf(position: number): number {
    let most = 1;
    for (const bucket of this.nameBuckets[position] ?? []) most = Math.max(most, bucket.length);
    return most - 1;
  }

  /** Adds registry records. */
  addAll(records: Iterable<MatchRecord | PreparedMatchRecord>): void {
    for (const record of records) this.add(record);
  }

  /** The registry records that share the most telling keys with the query, best first. */
  candidates(query: PreparedMatchRecord): PreparedMatchRecord[] {
    return this.candidatePositions(query).map(
      (position) => this.records[position] as PreparedMatchRecord,
    );
  }

  private candidatePositions(query: PreparedMatchRecord): number[] {
    const total = this.records.length;
    if (this.weights.length < total)
      this.weights = new Float64Array(Math.max(total, this.weights.length * 2));
    const weights = this.weights;
    const touched: number[] = [];
    const skipped: { bucket: number[]; boost: number }[] = [];
    for (const key of blockingKeysOfPrepared(query)) {
      const bucket = this.postings.get(key);
      if (!bucket) continue;
      if (bucket.length > this.maxBucket) {
        skipped.push({ bucket, boost: blockingKeyBoost(key) });
        continue;
      }
      const weight = blockingKeyWeight(key, bucket.length, total);
      for (const position of bucket) {
        if (weights[position] === 0) touched.push(position);
        weights[position] = (weights[position] ?? 0) + weight;
      }
    }
    // Common names with nothing rarer to go by: take the most specific full buckets, in order.
    if (touched.length < this.maxCandidates && skipped.length > 0) {
      skipped.sort((x, y) => x.bucket.length - y.bucket.length || y.boost - x.boost);
      for (const { bucket, boost } of skipped) {
        for (const position of bucket) {
          if (touched.length >= this.maxCandidates) break;
          if (weights[position] === 0) {
            touched.push(position);
            weights[position] = 1e-6 * boost;
          }
        }
        if (touched.length >= this.maxCandidates) break;
      }
    }
    const chosen = topByWeight(touched, weights, this.maxCandidates);
    for (const position of touched) weights[position] = 0;
    return chosen;
  }

  /**
   * Scores the query against its candidates, best first. The features of the best two also say
   * how many other registry records share their name (`registryNamesakes`) and how many men would
   * agree with the query as well by chance (`coincidence`; see {@link decide}).
   *
   * @example
   * index.search({ id: 'row-1', name: 'Айк Петросян', birthDate: '1990-05-12' })[0]?.score
   */
  search(query: MatchRecord | PreparedMatchRecord): ScoredCandidate[] {
    const prepared = 'record' in query ? query : prepareMatchRecord(query);
    const scored = this.candidatePositions(prepared).map((position) => {
      const candidate = this.records[position] as PreparedMatchRecord;
      const { score, features } = scorePreparedPair(prepared, candidate);
      return { id: candidate.record.id, score, features, position, candidate };
    });
    scored.sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : 1));
    // Only the leading candidates can be matched, so only they need the registry's statistics.
    for (const { features, position, candidate } of scored.slice(0, 2)) {
      features.registryNamesakes = this.namesakesOf(position);
      features.coincidence = this.coincidence(candidate, position, features);
    }
    return scored.map(({ id, score, features }) => ({ id, score, features }));
  }
}
