import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { claim, claimFrom } from './evidence.fixtures.ts';
import type { EvidenceClaim } from './evidence.schema.ts';
import { assessEvent, gradeEvent, isEventAccepted } from './grade-event.ts';
import {
  CREDIBILITY_LABELS,
  describeCredibility,
  describeReliability,
  RELIABILITY_LABELS,
} from './grades.ts';

const graded = (
  reliability: EvidenceClaim['source']['reliability'],
  credibility: EvidenceClaim['credibility'],
) =>
  claim({
    credibility,
    source: { id: `single-${reliability}`, publisher: 'Lone Outlet', side: 'unknown', reliability },
  });

describe('grade labels', () => {
  it('labels every reliability grade A to F and credibility grade 1 to 6', () => {
    expect(Object.keys(RELIABILITY_LABELS)).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
    expect(Object.keys(CREDIBILITY_LABELS)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(describeReliability('E')).toBe('E (unreliable)');
    expect(describeCredibility(1)).toBe('1 (confirmed by other sources)');
  });
});

describe('gradeEvent', () => {
  it('is contested when accepted claims both support and contradict it, naming both sides', () => {
    const result = gradeEvent([
      claimFrom('northernCourier'),
      claimFrom('southernGazette', { stance: 'contradicts' }),
    ]);
    expect(result.grade).toBe('contested');
    expect(result.reason).toBe(
      'Contested: “Northern Courier report” (Northern Courier, state A) says it happened; “Southern Gazette article” (Southern Gazette, state B) says it did not.',
    );
    expect(result.supportingSourceIds).toEqual(['src-northern-courier']);
    expect(result.contradictingSourceIds).toEqual(['src-southern-gazette']);
  });

  it('treats a contradicted participation as contesting an event that occurred', () => {
    const result = gradeEvent([
      claimFrom('neutralMonitor', { predicate: 'occurred' }),
      claimFrom('southernGazette', { predicate: 'participated', stance: 'contradicts' }),
    ]);
    expect(result.grade).toBe('contested');
  });

  it('is discounted when only contradicting claims are accepted', () => {
    const result = gradeEvent([
      claimFrom('southernGazette', { stance: 'contradicts' }),
      claimFrom('northernCourier', { reviewState: 'pending' }),
    ]);
    expect(result.grade).toBe('discounted');
    expect(result.reason).toContain('Southern Gazette article');
  });

  it('is discounted when every claim was rejected', () => {
    const result = gradeEvent([
      claimFrom('northernCourier', { reviewState: 'rejected' }),
      claimFrom('neutralMonitor', { reviewState: 'rejected' }),
    ]);
    expect(result.grade).toBe('discounted');
    expect(result.reason).toMatch(/^Discounted: every claim that it happened was rejected/);
  });

  it('is weak when nothing says it happened', () => {
    expect(gradeEvent([])).toMatchObject({
      grade: 'weak',
      reason: 'Weak: no source says it happened.',
    });
  });

  it('is weak while its claims await review, however reliable', () => {
    const result = gradeEvent([
      claimFrom('neutralMonitor', { reviewState: 'pending', credibility: 1 }),
      claimFrom('observerMission', { reviewState: 'needs_evidence', credibility: 1 }),
      claimFrom('southernGazette', { reviewState: 'rejected' }),
    ]);
    expect(result.grade).toBe('weak');
    expect(result.reason).toContain('2 await review');
  });

  it('is confirmed when two independent sources support it', () => {
    const result = gradeEvent([
      claimFrom('northernCourier', { credibility: 6 }),
      claimFrom('southernGazette', { credibility: 6 }),
    ]);
    expect(result.grade).toBe('confirmed');
    expect(result.reason).toMatch(/^Confirmed: corroborated by 2 independent sources/);
    expect(result.corroboration.level).toBe('corroborated');
  });

  it('is not confirmed by two outlets of the same side unless one is strong', () => {
    expect(
      gradeEvent([
        claimFrom('southernGazette', { credibility: 3 }),
        claimFrom('stateBProsecutor', { credibility: 3 }),
      ]).grade,
    ).toBe('fair');
  });

  it.each([
    ['A', 1, 'confirmed'],
    ['A', 2, 'confirmed'],
    ['B', 2, 'confirmed'],
    ['A', 3, 'fair'],
    ['B', 6, 'fair'],
    ['C', 1, 'fair'],
    ['C', 3, 'fair'],
    ['B', 4, 'weak'],
    ['A', 5, 'weak'],
    ['D', 1, 'weak'],
    ['E', 2, 'weak'],
    ['F', 6, 'weak'],
  ] as const)('grades a single %s%i source %s', (reliability, credibility, grade) => {
    expect(gradeEvent([graded(reliability, credibility)]).grade).toBe(grade);
  });

  it('explains a single strong source with its grades', () => {
    expect(gradeEvent([graded('B', 2)]).reason).toBe(
      'Confirmed: a single strong source, “Neutral Monitor briefing” (Lone Outlet, side unknown): reliability B (usually reliable), credibility 2 (probably true).',
    );
  });

  it('uses the strongest of several claims from one source', () => {
    const result = gradeEvent([
      graded('C', 4),
      claim({
        credibility: 2,
        source: { id: 'single-C', publisher: 'Lone Outlet', side: 'unknown', reliability: 'C' },
      }),
    ]);
    expect(result.grade).toBe('fair');
  });

  it('ignores claims about details such as the date or place', () => {
    const result = gradeEvent([
      claimFrom('neutralMonitor', { predicate: 'occurred', credibility: 1 }),
      claimFrom('southernGazette', { predicate: 'date', stance: 'contradicts' }),
      claimFrom('southernGazette', { predicate: 'place', stance: 'contradicts' }),
    ]);
    expect(result.grade).toBe('confirmed');
  });

  it('counts participation claims as saying the event happened to the person', () => {
    expect(
      gradeEvent([claimFrom('neutralMonitor', { predicate: 'participated', credibility: 1 })])
        .grade,
    ).toBe('confirmed');
  });
});

describe('assessEvent and isEventAccepted', () => {
  it('counts an event an accepted claim supports', () => {
    const event = { claims: [graded('E', 5)] };
    expect(assessEvent(event).standing).toBe('counts');
    expect(isEventAccepted(event)).toBe(true);
  });

  it('does not count an event whose claims are pending', () => {
    const event = { claims: [claimFrom('neutralMonitor', { reviewState: 'pending' })] };
    expect(assessEvent(event).standing).toBe('not_counted');
    expect(isEventAccepted(event)).toBe(false);
  });

  it('does not count an event only contradicted', () => {
    expect(
      assessEvent({ claims: [claimFrom('neutralMonitor', { stance: 'contradicts' })] }).standing,
    ).toBe('not_counted');
  });

  it('keeps a disputed event apart as contested rather than dropping it', () => {
    const event = {
      claims: [
        claimFrom('neutralMonitor'),
        claimFrom('southernGazette', { stance: 'contradicts' }),
      ],
    };
    expect(assessEvent(event)).toMatchObject({
      standing: 'contested',
      grading: { grade: 'contested' },
    });
    expect(isEventAccepted(event)).toBe(false);
  });

  it('does not count an event whose only accepted claim is about its place', () => {
    expect(isEventAccepted({ claims: [claimFrom('neutralMonitor', { predicate: 'place' })] })).toBe(
      false,
    );
  });
});

// ── Properties ──────────────────────────────────────────────────────────────────────────

const claimArb: fc.Arbitrary<EvidenceClaim> = fc.record({
  id: fc.uuid(),
  predicate: fc.constantFrom('occurred', 'participated', 'date'),
  value: fc.constant(null),
  stance: fc.constantFrom('supports', 'contradicts'),
  reviewState: fc.constantFrom('pending', 'accepted', 'rejected', 'needs_evidence'),
  credibility: fc.constantFrom(1, 2, 3, 4, 5, 6),
  source: fc.record({
    id: fc.constantFrom('s1', 's2', 's3', 's4'),
    title: fc.constant('A report'),
    publisher: fc.constantFrom(null, 'Alpha', 'Beta'),
    side: fc.constantFrom('state_a', 'state_b', 'third_party', 'independent', 'unknown'),
    reliability: fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F'),
  }),
});
const unreviewedArb = claimArb.chain((c) =>
  fc
    .constantFrom('pending', 'rejected', 'needs_evidence')
    .map((reviewState) => ({ ...c, reviewState })),
);

describe('gradeEvent properties', () => {
  it('does not depend on the order of the claims', () => {
    fc.assert(
      fc.property(
        fc
          .array(claimArb, { maxLength: 8 })
          .chain((claims) =>
            fc.tuple(
              fc.constant(claims),
              fc.shuffledSubarray(claims, { minLength: claims.length }),
            ),
          ),
        ([claims, shuffled]) => {
          expect(gradeEvent(shuffled)).toEqual(gradeEvent(claims));
        },
      ),
    );
  });

  it('never changes whether an event counts when unreviewed or rejected claims are added', () => {
    fc.assert(
      fc.property(
        fc.array(claimArb, { maxLength: 6 }),
        fc.array(unreviewedArb, { maxLength: 4 }),
        (claims, extra) => {
          expect(assessEvent({ claims: [...claims, ...extra] }).standing).toBe(
            assessEvent({ claims }).standing,
          );
        },
      ),
    );
  });

  it('never changes the grade of an event with accepted support when unreviewed claims are added', () => {
    fc.assert(
      fc.property(
        fc.array(claimArb, { maxLength: 6 }),
        fc.array(unreviewedArb, { maxLength: 4 }),
        (claims, extra) => {
          fc.pre(claims.some((c) => c.reviewState === 'accepted' && c.predicate !== 'date'));
          expect(gradeEvent([...claims, ...extra]).grade).toBe(gradeEvent(claims).grade);
        },
      ),
    );
  });
});
