import {
  assertionColumn,
  ClaimsTable,
  reviewColumn,
  type ClaimColumn,
  type ListedClaim,
} from '../claims/claims-table.tsx';
import { Link, paths } from '../router.tsx';
import { CredibilityBadge, ReliabilityBadge } from '../ui/badges.tsx';

const COLUMNS: readonly ClaimColumn[] = [
  assertionColumn,
  {
    header: 'Source',
    cell: (claim) => (
      <>
        <Link to={paths.source(claim.source.id)}>
          {claim.source.title ?? 'A source (title above your clearance)'}
        </Link>
        {claim.source.publisher ? (
          <div className="muted small">{claim.source.publisher}</div>
        ) : null}
      </>
    ),
  },
  {
    header: 'Grading',
    cell: (claim) => (
      <div className="badges">
        {claim.source.reliability ? <ReliabilityBadge grade={claim.source.reliability} /> : null}
        {claim.credibility !== undefined ? <CredibilityBadge grade={claim.credibility} /> : null}
      </div>
    ),
  },
  reviewColumn,
];

/**
 * What sources assert about the person themself. Claims about their part in an event are
 * shown with that event in the timeline instead.
 */
export function PersonClaims({ claims }: { claims: ListedClaim[] }) {
  return (
    <ClaimsTable
      claims={claims.filter((c) => c.subjectType === 'person')}
      columns={COLUMNS}
      empty="No claims about this person yet."
      testId="person-claims"
    />
  );
}
