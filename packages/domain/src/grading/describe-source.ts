import type { Side } from '../sources/source.schema.ts';
import type { EvidenceClaim, EvidenceSource } from './evidence.schema.ts';

/** How each side reads inside a sentence. Internal: the admin app has its own labels. */
export const SIDE_PHRASES = {
  state_a: 'state A',
  state_b: 'state B',
  third_party: 'third party',
  independent: 'independent',
  unknown: 'side unknown',
} as const satisfies Record<Side, string>;

/** `“Title” (Publisher, state B)`: enough to find the source again. */
export function describeSource(source: EvidenceSource): string {
  return `“${source.title}” (${source.publisher?.trim() || 'publisher unknown'}, ${SIDE_PHRASES[source.side]})`;
}

/** Distinct sources of some claims, ordered by id so that every text built from them is stable. */
export function distinctSources(claims: readonly EvidenceClaim[]): EvidenceSource[] {
  const byId = new Map<string, EvidenceSource>();
  for (const claim of [...claims].sort((a, b) => compareText(a.id, b.id))) {
    if (!byId.has(claim.source.id)) byId.set(claim.source.id, claim.source);
  }
  return [...byId.values()].sort((a, b) => compareText(a.id, b.id));
}

/** Lists sources in a sentence, naming at most `max` and counting the rest. */
export function listSources(sources: readonly EvidenceSource[], max = 4): string {
  const named = sources.slice(0, max).map(describeSource);
  const rest = sources.length - named.length;
  return rest > 0 ? `${named.join('; ')} and ${rest} more` : named.join('; ');
}

/** Code-unit order, independent of the runtime's locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
