import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SIDES, type Side } from '../sources/source.schema.ts';
import { areSourcesIndependent, corroboration, publisherKey } from './corroboration.ts';
import { claim, claimFrom, SOURCES } from './evidence.fixtures.ts';
import type { EvidenceClaim, EvidenceSource } from './evidence.schema.ts';

describe('corroboration', () => {
  it('is none when there are no claims', () => {
    expect(corroboration([])).toMatchObject({
      level: 'none',
      independentSources: 0,
      sourceIds: [],
    });
  });

  it.each(['pending', 'rejected', 'needs_evidence'] as const)(
    'ignores %s claims',
    (reviewState) => {
      const result = corroboration([
        claimFrom('neutralMonitor', { reviewState }),
        claimFrom('observerMission', { reviewState }),
      ]);
      expect(result.level).toBe('none');
    },
  );

  it('ignores accepted claims that contradict', () => {
    const result = corroboration([
      claimFrom('neutralMonitor', { stance: 'contradicts' }),
      claimFrom('observerMission', { stance: 'contradicts' }),
    ]);
    expect(result.level).toBe('none');
    expect(result.reason).toBe('No accepted claim supports it.');
  });

  it('is single-source with one claim, and names the source', () => {
    const result = corroboration([claimFrom('southernGazette')]);
    expect(result).toMatchObject({
      level: 'single_source',
      independentSources: 1,
      sourceIds: ['src-southern-gazette'],
    });
    expect(result.reason).toBe(
      'Single source: “Southern Gazette article” (Southern Gazette, state B).',
    );
  });

  it('keeps a claim single-source when the same source is cited twice', () => {
    expect(corroboration([claimFrom('neutralMonitor'), claimFrom('neutralMonitor')]).level).toBe(
      'single_source',
    );
  });

  it('keeps a claim single-source when both sources are the same side', () => {
    const result = corroboration([claimFrom('southernGazette'), claimFrom('stateBProsecutor')]);
    expect(result.level).toBe('single_source');
    expect(result.independentSources).toBe(1);
    expect(result.reason).toContain('all speaking for state B');
    expect(result.reason).toContain('Southern Gazette article');
    expect(result.reason).toContain('State B prosecutor press release');
  });

  it('keeps one side single-source however often it is repeated', () => {
    const outlets = Array.from({ length: 8 }, (_, i) =>
      claim({
        source: {
          id: `state-a-${i}`,
          title: `Outlet ${i}`,
          publisher: `Outlet ${i}`,
          side: 'state_a',
        },
      }),
    );
    expect(corroboration(outlets)).toMatchObject({ level: 'single_source', independentSources: 1 });
  });

  it('keeps a claim single-source when two sources share a publisher, ignoring case and spacing', () => {
    const result = corroboration([
      claim({ source: { id: 'a', publisher: 'Neutral  Monitor', side: 'independent' } }),
      claim({ source: { id: 'b', publisher: ' neutral monitor ', side: 'third_party' } }),
    ]);
    expect(result.level).toBe('single_source');
    expect(result.reason).toContain('all from the same publisher');
  });

  it('corroborates a claim supported by both parties', () => {
    const result = corroboration([claimFrom('northernCourier'), claimFrom('southernGazette')]);
    expect(result).toMatchObject({ level: 'corroborated', independentSources: 2 });
    expect(result.reason).toBe(
      'Corroborated by 2 independent sources: “Northern Courier report” (Northern Courier, state A); “Southern Gazette article” (Southern Gazette, state B).',
    );
  });

  it('corroborates one side with a neutral source', () => {
    expect(corroboration([claimFrom('southernGazette'), claimFrom('neutralMonitor')]).level).toBe(
      'corroborated',
    );
  });

  it.each([
    ['independent', 'independent'],
    ['third_party', 'third_party'],
    ['unknown', 'unknown'],
    ['independent', 'unknown'],
  ] as const)('treats two %s and %s sources of different publishers as independent', (a, b) => {
    const result = corroboration([
      claim({ source: { id: 'a', publisher: 'First', side: a } }),
      claim({ source: { id: 'b', publisher: 'Second', side: b } }),
    ]);
    expect(result.level).toBe('corroborated');
  });

  it('treats sources of unknown publisher as distinct from each other and from named ones', () => {
    const result = corroboration([
      claim({ source: { id: 'a', publisher: null, side: 'unknown' } }),
      claim({ source: { id: 'b', publisher: null, side: 'unknown' } }),
    ]);
    expect(result.level).toBe('corroborated');
    expect(publisherKey({ id: 'a', publisher: null })).toBe('source:a');
    expect(publisherKey({ id: 'a', publisher: '   ' })).toBe('source:a');
  });

  it('still counts two state B sources of unknown publisher once', () => {
    const result = corroboration([
      claim({ source: { id: 'a', publisher: null, side: 'state_b' } }),
      claim({ source: { id: 'b', publisher: null, side: 'state_b' } }),
    ]);
    expect(result.level).toBe('single_source');
  });

  it('counts each party once and each neutral publisher once', () => {
    const result = corroboration([
      claimFrom('southernGazette'),
      claimFrom('stateBProsecutor'),
      claimFrom('northernCourier'),
      claimFrom('stateAMinistry'),
      claimFrom('neutralMonitor'),
      claimFrom('observerMission'),
    ]);
    expect(result.independentSources).toBe(4);
  });

  it('finds the largest independent set when one publisher speaks both for a party and for itself', () => {
    // "a" and "b" share a publisher; "a" and "c" share a side. Taking "a" would leave one source;
    // taking "b" and "c" gives two.
    const result = corroboration([
      claim({ source: { id: 'a', publisher: 'Shared', side: 'state_b' } }),
      claim({ source: { id: 'b', publisher: 'Shared', side: 'independent' } }),
      claim({ source: { id: 'c', publisher: 'Other', side: 'state_b' } }),
    ]);
    expect(result).toMatchObject({
      level: 'corroborated',
      independentSources: 2,
      sourceIds: ['b', 'c'],
    });
  });

  it('names at most four sources and counts the rest', () => {
    const claims = Array.from({ length: 6 }, (_, i) =>
      claim({
        source: {
          id: `s${i}`,
          title: `Report ${i}`,
          publisher: `Publisher ${i}`,
          side: 'independent',
        },
      }),
    );
    expect(corroboration(claims).reason).toMatch(/“Report 3” .*and 2 more\.$/);
  });
});

describe('areSourcesIndependent', () => {
  it('says sources of opposing parties are independent', () => {
    expect(areSourcesIndependent(SOURCES.northernCourier, SOURCES.southernGazette)).toBe(true);
  });
  it('says two outlets of one party are not', () => {
    expect(areSourcesIndependent(SOURCES.northernCourier, SOURCES.stateAMinistry)).toBe(false);
  });
  it('says one publisher is never independent of itself, whatever the sides', () => {
    expect(
      areSourcesIndependent(
        { id: 'a', publisher: 'Same', side: 'independent' },
        { id: 'b', publisher: 'SAME', side: 'state_a' },
      ),
    ).toBe(false);
  });
});

// ── Properties ──────────────────────────────────────────────────────────────────────────

const sourceArb: fc.Arbitrary<EvidenceSource> = fc.record({
  id: fc.constantFrom('s1', 's2', 's3', 's4', 's5', 's6'),
  title: fc.constant('A report'),
  publisher: fc.constantFrom(null, 'Alpha', 'alpha ', 'Beta', 'Gamma', 'Delta'),
  side: fc.constantFrom<Side>(...SIDES),
  reliability: fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F'),
});
const claimArb: fc.Arbitrary<EvidenceClaim> = fc.record({
  id: fc.uuid(),
  predicate: fc.constant('occurred'),
  value: fc.constant(null),
  stance: fc.constantFrom('supports', 'contradicts'),
  reviewState: fc.constantFrom('pending', 'accepted', 'rejected', 'needs_evidence'),
  credibility: fc.constantFrom(1, 2, 3, 4, 5, 6),
  source: sourceArb,
});
/** Claims whose source ids each stand for one source (as in the database). */
const claimsArb = fc.array(claimArb, { maxLength: 8 }).map((claims) => {
  const first = new Map<string, EvidenceSource>();
  return claims.map((c) => {
    const source = first.get(c.source.id) ?? c.source;
    first.set(c.source.id, source);
    return { ...c, source };
  });
});

function bruteForceIndependent(claims: readonly EvidenceClaim[]): number {
  const sources = [
    ...new Map(
      claims
        .filter((c) => c.reviewState === 'accepted' && c.stance === 'supports')
        .map((c) => [c.source.id, c.source]),
    ).values(),
  ];
  let best = 0;
  for (let mask = 0; mask < 1 << sources.length; mask++) {
    const chosen = sources.filter((_, i) => mask & (1 << i));
    const mutual = chosen.every((a, i) =>
      chosen.slice(i + 1).every((b) => areSourcesIndependent(a, b)),
    );
    if (mutual) best = Math.max(best, chosen.length);
  }
  return best;
}

describe('corroboration properties', () => {
  it('counts exactly the largest set of mutually independent supporting sources', () => {
    fc.assert(
      fc.property(claimsArb, (claims) => {
        expect(corroboration(claims).independentSources).toBe(bruteForceIndependent(claims));
      }),
    );
  });

  it('does not depend on the order of the claims', () => {
    fc.assert(
      fc.property(
        claimsArb.chain((claims) =>
          fc.tuple(fc.constant(claims), fc.shuffledSubarray(claims, { minLength: claims.length })),
        ),
        ([claims, shuffled]) => {
          expect(corroboration(shuffled)).toEqual(corroboration(claims));
        },
      ),
    );
  });

  it('never lowers the count when a claim is added', () => {
    fc.assert(
      fc.property(claimsArb, claimArb, (claims, extra) => {
        const withExtra = [...claims, { ...extra, source: { ...extra.source, id: 'new-source' } }];
        expect(corroboration(withExtra).independentSources).toBeGreaterThanOrEqual(
          corroboration(claims).independentSources,
        );
      }),
    );
  });

  it('never corroborates what only one party says', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Side>('state_a', 'state_b'),
        fc.array(fc.string(), { minLength: 1, maxLength: 10 }),
        (side, publishers) => {
          const claims = publishers.map((publisher, i) =>
            claim({ source: { id: `s${i}`, publisher, side } }),
          );
          expect(corroboration(claims).level).toBe('single_source');
        },
      ),
    );
  });

  it('says independence is symmetric', () => {
    fc.assert(
      fc.property(sourceArb, sourceArb, (a, b) => {
        expect(areSourcesIndependent(a, b)).toBe(areSourcesIndependent(b, a));
      }),
    );
  });
});
