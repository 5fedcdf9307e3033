import type { EvidenceClaim, EvidenceSource } from '@vigil/domain';
import { describe, expect, it } from 'vitest';
import { assessClaimEvidence } from './claim-assessment.ts';

const SOURCES = {
  northernCourier: {
    id: 'src-nc',
    title: 'Northern Courier report',
    publisher: 'Northern Courier',
    side: 'state_a',
    reliability: 'C',
  },
  southernGazette: {
    id: 'src-sg',
    title: 'Southern Gazette article',
    publisher: 'Southern Gazette',
    side: 'state_b',
    reliability: 'C',
  },
  stateBMinistry: {
    id: 'src-sbm',
    title: 'State B ministry reply',
    publisher: 'State B Ministry',
    side: 'state_b',
    reliability: 'B',
  },
  neutralMonitor: {
    id: 'src-nm',
    title: 'Neutral Monitor briefing',
    publisher: 'Neutral Monitor',
    side: 'independent',
    reliability: 'A',
  },
} as const satisfies Record<string, EvidenceSource>;

let counter = 0;
function claim(source: keyof typeof SOURCES, over: Partial<EvidenceClaim> = {}): EvidenceClaim {
  return {
    id: `claim-${String(++counter).padStart(3, '0')}`,
    predicate: 'occurred',
    value: null,
    stance: 'supports',
    reviewState: 'accepted',
    credibility: 3,
    source: SOURCES[source],
    ...over,
  };
}

const capture = { kind: 'event', eventLabel: 'capture on 13 Dec 2020' } as const;

describe('assessClaimEvidence', () => {
  it('grades a pending event claim as it stands and as it would stand if accepted', () => {
    const pending = claim('neutralMonitor', { reviewState: 'pending', credibility: 2 });
    const { text, conflict } = assessClaimEvidence(pending, capture, [pending]);
    expect(text.split('\n')).toEqual([
      '“Neutral Monitor briefing” (Neutral Monitor, independent) says the capture on 13 Dec 2020 happened (source reliability A (completely reliable), information credibility 2 (probably true)).',
      'The capture on 13 Dec 2020 now: Weak: no claim that it happened is accepted yet; 1 awaits review (“Neutral Monitor briefing” (Neutral Monitor, independent)).',
      'If this claim is accepted: Confirmed: a single strong source, “Neutral Monitor briefing” (Neutral Monitor, independent): reliability A (completely reliable), credibility 2 (probably true).',
      'No other claim on the capture on 13 Dec 2020 is on record.',
    ]);
    expect(conflict).toBeNull();
  });

  it('says when accepting the claim would corroborate the event by an independent source', () => {
    const accepted = claim('southernGazette');
    const pending = claim('northernCourier', { reviewState: 'pending' });
    const { text } = assessClaimEvidence(pending, capture, [accepted, pending]);
    expect(text).toContain(
      'If this claim is accepted: Confirmed: corroborated by 2 independent sources',
    );
    expect(text).toContain('Other claims on the capture on 13 Dec 2020: 1 accepted.');
  });

  it('keeps one side’s outlets single-source however many say it', () => {
    const accepted = claim('southernGazette');
    const pending = claim('stateBMinistry', { reviewState: 'pending', credibility: 3 });
    const { text } = assessClaimEvidence(pending, capture, [accepted, pending]);
    expect(text).not.toContain('Confirmed: corroborated');
    expect(text).toMatch(
      /If this claim is accepted: Fair: a single reliable source, .*; not corroborated by an independent source\./,
    );
  });

  it('finds a conflict when accepted claims say the event both happened and did not', () => {
    const says = claim('southernGazette');
    const denies = claim('neutralMonitor', { stance: 'contradicts' });
    const { text, conflict } = assessClaimEvidence(denies, capture, [says, denies]);
    expect(text.split('\n')[0]).toContain(
      'says it is not true that the capture on 13 Dec 2020 happened',
    );
    expect(conflict).toMatch(
      /^Accepted claims disagree on whether the capture on 13 Dec 2020 happened\. Contested: /,
    );
    expect(text).toContain(`Conflict: ${conflict}`);
  });

  it('sees no conflict while the contradicting claim still awaits review', () => {
    const says = claim('southernGazette');
    const denies = claim('neutralMonitor', { stance: 'contradicts', reviewState: 'pending' });
    expect(assessClaimEvidence(denies, capture, [says, denies]).conflict).toBeNull();
  });

  it('speaks of the person’s part in an event for a participation claim', () => {
    const pending = claim('northernCourier', { predicate: 'participated', reviewState: 'pending' });
    const { text } = assessClaimEvidence(
      pending,
      { kind: 'participation', eventLabel: 'capture on 13 Dec 2020' },
      [pending],
    );
    expect(text).toContain('says the person was part of the capture on 13 Dec 2020');
  });

  it('weighs an event detail by the sources giving the same value, and lists other accepted values', () => {
    const place = claim('southernGazette', { predicate: 'place', value: 'near the river' });
    const pending = claim('northernCourier', {
      predicate: 'place',
      value: 'in the village',
      reviewState: 'pending',
    });
    const { text, conflict } = assessClaimEvidence(pending, capture, [place, pending]);
    expect(text).toContain('says the place is “in the village” of the capture on 13 Dec 2020');
    expect(text).toContain('Support for this value now: No accepted claim supports it.');
    expect(text).toContain('If this claim is accepted: Single source: “Northern Courier report”');
    expect(text).toContain(
      'Other values accepted: “near the river” (“Southern Gazette article” (Southern Gazette, state B)).',
    );
    expect(conflict).toBeNull();
  });

  describe('person claims', () => {
    const person = { kind: 'person' } as const;

    it('corroborates a birth date given by two independent sources', () => {
      const first = claim('southernGazette', { predicate: 'birth_date', value: '1990-05' });
      const pending = claim('northernCourier', {
        predicate: 'birth_date',
        value: '1990-05',
        reviewState: 'pending',
      });
      const { text, conflict } = assessClaimEvidence(pending, person, [first, pending]);
      expect(text).toContain('says the birth date is “1990-05”');
      expect(text).toContain('Support for this value now: Single source');
      expect(text).toContain('If this claim is accepted: Corroborated by 2 independent sources');
      expect(conflict).toBeNull();
    });

    it('finds a conflict in accepted birth dates that cannot both be right, but not in a vaguer one that fits', () => {
      const may = claim('southernGazette', { predicate: 'birth_date', value: '1990-05' });
      const year = claim('neutralMonitor', { predicate: 'birth_date', value: '1990' });
      expect(assessClaimEvidence(year, person, [may, year]).conflict).toBeNull();
      const other = claim('northernCourier', { predicate: 'birth_date', value: '1991-02-03' });
      expect(assessClaimEvidence(other, person, [may, year, other]).conflict).toMatch(
        /^Accepted claims disagree on the birth date of this person: they give the birth dates that cannot both be right: “1990-05” .*“1990” .*“1991-02-03”/,
      );
    });

    it('does not take several accepted names or legal categories for a conflict', () => {
      const latin = claim('southernGazette', { predicate: 'name', value: 'Aram Testyan' });
      const cyrillic = claim('northernCourier', { predicate: 'name', value: 'Арам Тестян' });
      expect(assessClaimEvidence(cyrillic, person, [latin, cyrillic]).conflict).toBeNull();
      const pow = claim('southernGazette', {
        predicate: 'legal_category',
        value: 'prisoner_of_war',
      });
      const pow2 = claim('neutralMonitor', {
        predicate: 'legal_category',
        value: 'prisoner_of_war',
      });
      const hostage = claim('northernCourier', { predicate: 'legal_category', value: 'hostage' });
      const { text, conflict } = assessClaimEvidence(hostage, person, [pow, pow2, hostage]);
      expect(conflict).toBeNull();
      expect(text).toContain('says the legal category is “hostage”');
    });

    it('finds a conflict when a value is both asserted and disputed by accepted claims', () => {
      const says = claim('southernGazette', { predicate: 'identifier', value: 'SN-0001' });
      const disputes = claim('neutralMonitor', {
        predicate: 'identifier',
        value: 'SN-0001',
        stance: 'contradicts',
      });
      const { text, conflict } = assessClaimEvidence(disputes, person, [says, disputes]);
      expect(text).toContain('says the identifier “SN-0001” is wrong');
      expect(conflict).toBe(
        'Accepted claims disagree on the identifier of this person: “SN-0001” is asserted by “Southern Gazette article” (Southern Gazette, state B) and disputed by “Neutral Monitor briefing” (Neutral Monitor, independent).',
      );
    });

    it('finds a conflict in statements of the detaining state that cannot be ordered', () => {
      const acknowledged = claim('stateBMinistry', {
        predicate: 'acknowledgement',
        value: 'acknowledged',
      });
      const cannotIdentify = claim('southernGazette', {
        predicate: 'acknowledgement',
        value: 'cannot_identify',
      });
      const { text, conflict } = assessClaimEvidence(cannotIdentify, person, [
        acknowledged,
        cannotIdentify,
      ]);
      expect(text).toContain('says the answer of the detaining state is “cannot identify”');
      expect(conflict).toMatch(
        /statements of the detaining state cannot be ordered by date and disagree/,
      );
    });
  });
});
