import { CLAIM_PREDICATE_LABELS, claimValueText, labelOf } from '../labels.ts';
import { Link, paths } from '../router.tsx';
import type { ApiOutputs } from '../trpc.ts';
import { Badge, CredibilityBadge, ReliabilityBadge, ReviewStateBadge } from '../ui/badges.tsx';
import { EmptyState } from '../ui/query-states.tsx';

type PersonClaim = ApiOutputs['claims']['list']['items'][number];

/**
 * What sources assert about the person themself. Claims about their part in an event are
 * shown with that event in the timeline instead.
 */
export function PersonClaims({ claims }: { claims: PersonClaim[] }) {
  const own = claims.filter((c) => c.subjectType === 'person');
  if (own.length === 0) {
    return (
      <EmptyState>
        <p>No claims about this person yet.</p>
      </EmptyState>
    );
  }
  return (
    <div className="table-wrap">
      <table className="table" data-testid="person-claims">
        <thead>
          <tr>
            <th scope="col">Assertion</th>
            <th scope="col">Source</th>
            <th scope="col">Grading</th>
            <th scope="col">Review</th>
          </tr>
        </thead>
        <tbody>
          {own.map((claim) => (
            <tr key={claim.id}>
              <td>
                <div className="claim-predicate">
                  {labelOf(CLAIM_PREDICATE_LABELS, claim.predicate)}
                </div>
                <div className="claim-value">
                  {claim.stance === 'contradicts' ? <Badge tone="bad">Disputes</Badge> : null}{' '}
                  {claimValueText(claim.predicate ?? '', claim.value)}
                </div>
                {claim.excerpt ? (
                  <blockquote className="excerpt">{claim.excerpt}</blockquote>
                ) : null}
                {claim.locator ? <div className="muted small">At: {claim.locator}</div> : null}
              </td>
              <td>
                <Link to={paths.source(claim.source.id)}>{claim.source.title}</Link>
                {claim.source.publisher ? (
                  <div className="muted small">{claim.source.publisher}</div>
                ) : null}
              </td>
              <td>
                <div className="badges">
                  <ReliabilityBadge grade={claim.source.reliability} />
                  {claim.credibility !== undefined ? (
                    <CredibilityBadge grade={claim.credibility} />
                  ) : null}
                </div>
              </td>
              <td>
                <ReviewStateBadge state={claim.reviewState} />
                {claim.reviewReason ? (
                  <div className="muted small">{claim.reviewReason}</div>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
