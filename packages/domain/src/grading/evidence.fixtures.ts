/**
 * Test fixtures for the grading and status rules: fictional sources, claims and events.
 * Not exported from the package.
 */
import type { EventType } from '../events/event-types.ts';
import type { StatusEvent } from '../status/status.schema.ts';
import type { EvidenceClaim, EvidenceSource } from './evidence.schema.ts';

export const SOURCES = {
  /** A fictional outlet of the state whose nationals are held. */
  northernCourier: {
    id: 'src-northern-courier',
    title: 'Northern Courier report',
    publisher: 'Northern Courier',
    side: 'state_a',
    reliability: 'C',
  },
  stateAMinistry: {
    id: 'src-state-a-ministry',
    title: 'State A ministry statement',
    publisher: 'State A Ministry of Foreign Affairs',
    side: 'state_a',
    reliability: 'B',
  },
  /** Fictional outlets of the detaining state. */
  southernGazette: {
    id: 'src-southern-gazette',
    title: 'Southern Gazette article',
    publisher: 'Southern Gazette',
    side: 'state_b',
    reliability: 'C',
  },
  stateBProsecutor: {
    id: 'src-state-b-prosecutor',
    title: 'State B prosecutor press release',
    publisher: 'State B Prosecutor General',
    side: 'state_b',
    reliability: 'B',
  },
  /** Fictional neutral bodies. */
  neutralMonitor: {
    id: 'src-neutral-monitor',
    title: 'Neutral Monitor briefing',
    publisher: 'Neutral Monitor',
    side: 'independent',
    reliability: 'A',
  },
  observerMission: {
    id: 'src-observer-mission',
    title: 'Observer mission report',
    publisher: 'Observer Mission',
    side: 'third_party',
    reliability: 'B',
  },
  familyTestimony: {
    id: 'src-family-testimony',
    title: 'Testimony of the family',
    publisher: null,
    side: 'unknown',
    reliability: 'F',
  },
} as const satisfies Record<string, EvidenceSource>;

let claimCounter = 0;

/** A claim; accepted, supporting, `occurred`, credibility 2, from the neutral monitor unless told. */
export function claim(
  over: Partial<Omit<EvidenceClaim, 'source'>> & { source?: Partial<EvidenceSource> } = {},
): EvidenceClaim {
  const { source, ...rest } = over;
  return {
    id: `claim-${++claimCounter}`,
    predicate: 'occurred',
    value: null,
    stance: 'supports',
    reviewState: 'accepted',
    credibility: 2,
    ...rest,
    source: { ...SOURCES.neutralMonitor, ...source },
  };
}

/** A claim from one of the named fixture sources. */
export function claimFrom(
  source: keyof typeof SOURCES | EvidenceSource,
  over: Partial<Omit<EvidenceClaim, 'source'>> = {},
): EvidenceClaim {
  return claim({ ...over, source: typeof source === 'string' ? SOURCES[source] : source });
}

let eventCounter = 0;

/** An event with the person as subject, supported by one accepted claim from the neutral monitor unless told. */
export function event(
  type: EventType,
  date: string | null,
  over: Partial<Omit<StatusEvent, 'type' | 'date'>> = {},
): StatusEvent {
  return {
    id: `event-${++eventCounter}`,
    subtype: null,
    role: 'subject',
    claims: [claim()],
    ...over,
    type,
    date,
  };
}
