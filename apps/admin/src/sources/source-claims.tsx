import { CLAIM_PREDICATE_LABELS, claimValueText, labelOf } from '../labels.ts';
import { PersonLink } from '../persons/person-link.tsx';
import type { ApiOutputs } from '../trpc.ts';
import { Badge, CredibilityBadge, ReviewStateBadge } from '../ui/badges.tsx';
import { EmptyState } from '../ui/query-states.tsx';

type SourceClaim = ApiOutputs['claims']['list']['items'][number];

/** What one source asserts about persons and events, each with its review state. */
export function SourceClaims({ claims }: { claims: SourceClaim[] }) {
  if (claims.length === 0) {
    return (
      <EmptyState>
        <p>No claims from this source yet.</p>
      </EmptyState>
    );
  }
  return (
    <div className="table-wrap">
      <table className="table" data-testid="source-claims">
        <thead>
          <tr>
            <th scope="col">About</th>
            <th scope="col">Assertion</th>
            <th scope="col">Credibility</th>
            <th scope="col">Review</th>
          </tr>
        </thead>
        <tbody>
          {claims.map((claim) => (
            <tr key={claim.id}>
              <td>
                {claim.personId ? (
                  <PersonLink personId={claim.personId} />
                ) : (
                  <span className="muted">An event</span>
                )}
              </td>
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
                {claim.credibility !== undefined ? (
                  <CredibilityBadge grade={claim.credibility} />
                ) : null}
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
