import type { Side } from '../sources/source.schema.ts';
import { compareText, distinctSources, listSources, SIDE_PHRASES } from './describe-source.ts';
import type { EvidenceClaim, EvidenceSource } from './evidence.schema.ts';

export const CORROBORATION_LEVELS = ['corroborated', 'single_source', 'none'] as const;
export type CorroborationLevel = (typeof CORROBORATION_LEVELS)[number];

export interface Corroboration {
  level: CorroborationLevel;
  /** The largest number of supporting sources that are independent of one another. */
  independentSources: number;
  /** One largest set of mutually independent sources, by source id (the ones the reason names). */
  sourceIds: string[];
  /** Plain English, naming the sources. */
  reason: string;
}

/** The sides that speak for a party to the conflict: their outlets repeat one another. */
const PARTISAN_SIDES: readonly Side[] = ['state_a', 'state_b'];

/**
 * The key that says who published a source: the publisher's name with case and spacing
 * ignored, or the source itself when the publisher is unknown (so two sources of unknown
 * publisher are never taken to be the same outlet, nor the same as any named one).
 *
 * @example
 * publisherKey({ id: 's1', publisher: '  Armenpress ' }) === publisherKey({ id: 's2', publisher: 'ARMENPRESS' }) // true
 * publisherKey({ id: 's1', publisher: null }) // 'source:s1'
 */
export function publisherKey(source: Pick<EvidenceSource, 'id' | 'publisher'>): string {
  const name = (source.publisher ?? '')
    .normalize('NFKC')
    .trim()
    .replace(/\s+/gu, ' ')
    .toLowerCase();
  return name ? `publisher:${name}` : `source:${source.id}`;
}

/**
 * Whether two sources are independent of each other, so that both together corroborate a claim.
 *
 * They are independent when
 * 1. their publishers differ (see {@link publisherKey}), and
 * 2. they do not speak for the same party: two `state_a` sources, or two `state_b` sources, are
 *    one side's statement repeated, however many outlets carry it.
 *
 * `third_party`, `independent` and `unknown` sources speak for no party, so they are
 * independent of any source with a different publisher, including each other and a partisan
 * source. A `state_a` and a `state_b` source are independent: opposing sides agreeing is strong
 * evidence.
 *
 * @example
 * areSourcesIndependent(
 *   { id: 's1', publisher: 'Outlet One', side: 'state_b' },
 *   { id: 's2', publisher: 'Outlet Two', side: 'state_b' },
 * ) // false: the same side repeated
 */
export function areSourcesIndependent(
  a: Pick<EvidenceSource, 'id' | 'publisher' | 'side'>,
  b: Pick<EvidenceSource, 'id' | 'publisher' | 'side'>,
): boolean {
  if (publisherKey(a) === publisherKey(b)) return false;
  return !(a.side === b.side && PARTISAN_SIDES.includes(a.side));
}

/**
 * The largest set of mutually independent sources. Each source is an edge between its
 * publisher and its "voice" (its party for partisan sources, itself otherwise); a set of
 * mutually independent sources is exactly a matching in that bipartite graph, so its largest
 * size is found by augmenting paths (Kuhn). Sources come sorted by id, so the set is stable.
 */
function largestIndependentSet(sources: readonly EvidenceSource[]): EvidenceSource[] {
  const voiceOf = (s: EvidenceSource) =>
    PARTISAN_SIDES.includes(s.side) ? `side:${s.side}` : `own:${s.id}`;
  const edgesByPublisher = new Map<string, EvidenceSource[]>();
  for (const s of sources) {
    const key = publisherKey(s);
    edgesByPublisher.set(key, [...(edgesByPublisher.get(key) ?? []), s]);
  }
  const holderOfVoice = new Map<string, { publisher: string; source: EvidenceSource }>();

  const augment = (publisher: string, seen: Set<string>): boolean => {
    for (const source of edgesByPublisher.get(publisher) ?? []) {
      const voice = voiceOf(source);
      if (seen.has(voice)) continue;
      seen.add(voice);
      const holder = holderOfVoice.get(voice);
      if (!holder || augment(holder.publisher, seen)) {
        holderOfVoice.set(voice, { publisher, source });
        return true;
      }
    }
    return false;
  };
  for (const publisher of [...edgesByPublisher.keys()].sort(compareText))
    augment(publisher, new Set());
  return [...holderOfVoice.values()].map((h) => h.source).sort((a, b) => compareText(a.id, b.id));
}

/**
 * How well the accepted supporting claims among `claims` corroborate what they assert.
 * Pending, rejected and contradicting claims are ignored; pass the claims of one assertion
 * (for an event: its `occurred` and `participated` claims).
 *
 * - `corroborated`: at least two sources independent of each other (see
 *   {@link areSourcesIndependent}) support it;
 * - `single_source`: one source, or several that share a publisher or speak for the same
 *   party, however often repeated;
 * - `none`: no accepted claim supports it.
 *
 * @example
 * corroboration([claimFromStateBOutlet1, claimFromStateBOutlet2]).level // 'single_source'
 * corroboration([claimFromStateBOutlet1, claimFromIcrc]).level          // 'corroborated'
 */
export function corroboration(claims: readonly EvidenceClaim[]): Corroboration {
  const supporting = claims.filter((c) => c.reviewState === 'accepted' && c.stance === 'supports');
  const sources = distinctSources(supporting);
  if (sources.length === 0) {
    return {
      level: 'none',
      independentSources: 0,
      sourceIds: [],
      reason: 'No accepted claim supports it.',
    };
  }
  const independent = largestIndependentSet(sources);
  const sourceIds = independent.map((s) => s.id);
  if (independent.length >= 2) {
    return {
      level: 'corroborated',
      independentSources: independent.length,
      sourceIds,
      reason: `Corroborated by ${independent.length} independent sources: ${listSources(independent)}.`,
    };
  }
  return {
    level: 'single_source',
    independentSources: 1,
    sourceIds,
    reason: singleSourceReason(sources),
  };
}

function singleSourceReason(sources: readonly EvidenceSource[]): string {
  const [only] = sources;
  if (sources.length === 1 && only) return `Single source: ${listSources(sources)}.`;
  const publishers = new Set(sources.map(publisherKey));
  const sides = new Set(sources.map((s) => s.side));
  const [side] = sides;
  const why =
    publishers.size === 1
      ? 'all from the same publisher'
      : sides.size === 1 && side
        ? `all speaking for ${SIDE_PHRASES[side]}`
        : 'none independent of the others (same publisher or same side)';
  return `Single source: ${sources.length} sources support it, ${why}: ${listSources(sources)}.`;
}
