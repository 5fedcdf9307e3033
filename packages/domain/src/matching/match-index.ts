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
 * The share of records with a given father's name or place, pulled towards a typical 2% while the
 * registry is small, so that a registry of three does not make one name look like a third of all.
 */
function share(count: number, known: number): number {
  const PRIOR = 0.02;
  const PRIOR_WEIGHT = 100;
  return (count + PRIOR * PRIOR_WEIGHT) / (known + PRIOR_WEIGHT);
}

interface Posting {
  records: number[];
  boost: number;
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
export class MatchIndex {
  private readonly records: PreparedMatchRecord[] = [];
  /** Per record, the buckets of its full-name keys, whose sizes tell how common its name is. */
  private readonly nameBuckets: Posting[][] = [];
  private readonly postings = new Map<string, Posting>();
  /** How many records name each father (by stripped key) and each place: how telling agreement is. */
  private readonly fatherCounts = new Map<string, number>();
  private readonly placeCounts = new Map<string, number>();
  private fathersKnown = 0;
  private placesKnown = 0;
  private weights = new Float64Array(1024);
  private readonly maxBucket: number;
  private readonly maxCandidates: number;

  constructor(options: MatchIndexOptions = {}) {
    this.maxBucket = options.maxBucket ?? 150;
    this.maxCandidates = options.maxCandidates ?? 60;
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
    const nameBuckets: Posting[] = [];
    for (const key of blockingKeysOfPrepared(prepared)) {
      let posting = this.postings.get(key);
      if (!posting) {
        posting = { records: [], boost: BLOCKING_KEY_BOOSTS[key.slice(0, key.indexOf(':'))] ?? 1 };
        this.postings.set(key, posting);
      }
      posting.records.push(position);
      if (key.startsWith('p:')) nameBuckets.push(posting);
    }
    this.nameBuckets.push(nameBuckets);
    if (prepared.father) {
      this.fathersKnown++;
      this.fatherCounts.set(prepared.father.stripped, (this.fatherCounts.get(prepared.father.stripped) ?? 0) + 1);
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
  private coincidence(candidate: PreparedMatchRecord, position: number, features: Record<string, number>): number {
    let chance = (this.namesakesOf(position) + 1) * (features.birthDateChance ?? 1);
    if ((features.father ?? 0) > 0 && candidate.father) {
      chance *= share(this.fatherCounts.get(candidate.father.stripped) ?? 0, this.fathersKnown);
    }
    if ((features.place ?? 0) > 0 && candidate.place) {
      chance *= share(this.placeCounts.get(candidate.place) ?? 0, this.placesKnown);
    }
    return chance;
  }

  /**
   * How many other registry records bear the same name as the record at `position` (by sound
   * skeleton): the more namesakes, the more evidence an automatic match needs.
   */
  private namesakesOf(position: number): number {
    let most = 1;
    for (const posting of this.nameBuckets[position] ?? []) most = Math.max(most, posting.records.length);
    return most - 1;
  }

  /** Adds registry records. */
  addAll(records: Iterable<MatchRecord | PreparedMatchRecord>): void {
    for (const record of records) this.add(record);
  }

  /** The registry records that share the most telling keys with the query, best first. */
  candidates(query: PreparedMatchRecord): PreparedMatchRecord[] {
    return this.candidatePositions(query).map((position) => this.records[position] as PreparedMatchRecord);
  }

  private candidatePositions(query: PreparedMatchRecord): number[] {
    const total = this.records.length;
    if (this.weights.length < total) this.weights = new Float64Array(Math.max(total, this.weights.length * 2));
    const weights = this.weights;
    const touched: number[] = [];
    const skipped: Posting[] = [];
    for (const key of blockingKeysOfPrepared(query)) {
      const posting = this.postings.get(key);
      if (!posting) continue;
      if (posting.records.length > this.maxBucket) {
        skipped.push(posting);
        continue;
      }
      const weight = posting.boost * Math.log(1 + total / posting.records.length);
      for (const position of posting.records) {
        if (weights[position] === 0) touched.push(position);
        weights[position] = (weights[position] ?? 0) + weight;
      }
    }
    // Common names with nothing rarer to go by: take the most specific full buckets, in order.
    if (touched.length < this.maxCandidates && skipped.length > 0) {
      skipped.sort((x, y) => x.records.length - y.records.length || y.boost - x.boost);
      for (const posting of skipped) {
        for (const position of posting.records) {
          if (touched.length >= this.maxCandidates) break;
          if (weights[position] === 0) {
            touched.push(position);
            weights[position] = 1e-6 * posting.boost;
          }
        }
        if (touched.length >= this.maxCandidates) break;
      }
    }
    touched.sort((x, y) => (weights[y] ?? 0) - (weights[x] ?? 0) || x - y);
    const chosen = touched.slice(0, this.maxCandidates);
    for (const position of touched) weights[position] = 0;
    return chosen;
  }

  /**
   * Scores the query against its candidates, best first. Each candidate's features also say how
   * many other registry records share its name (`registryNamesakes`) and how many men would agree
   * with the query as well as it does by chance (`coincidence`; see {@link decide}).
   *
   * @example
   * index.search({ id: 'row-1', name: 'Айк Петросян', birthDate: '1990-05-12' })[0]?.score
   */
  search(query: MatchRecord | PreparedMatchRecord): ScoredCandidate[] {
    const prepared = 'record' in query ? query : prepareMatchRecord(query);
    return this.candidatePositions(prepared)
      .map((position) => {
        const candidate = this.records[position] as PreparedMatchRecord;
        const { score, features } = scorePreparedPair(prepared, candidate);
        features.registryNamesakes = this.namesakesOf(position);
        features.coincidence = this.coincidence(candidate, position, features);
        return { id: candidate.record.id, score, features };
      })
      .sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : 1));
  }
}
