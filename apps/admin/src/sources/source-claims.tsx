import {
  assertionColumn,
  ClaimsTable,
  reviewColumn,
  type ClaimColumn,
  type ListedClaim,
} from '../claims/claims-table.tsx';
import { PersonLink } from '../persons/person-link.tsx';
import { CredibilityBadge } from '../ui/badges.tsx';

const COLUMNS: readonly ClaimColumn[] = [
  {
    header: 'About',
    cell: (claim) =>
      claim.personId ? (
        <PersonLink personId={claim.personId} />
      ) : (
        <span className="muted">An event</span>
      ),
  },
  assertionColumn,
  {
    header: 'Credibility',
    cell: (claim) =>
      claim.credibility !== undefined ? <CredibilityBadge grade={claim.credibility} /> : null,
  },
  reviewColumn,
];

/** What one source asserts about persons and events, each with its review state. */
export function SourceClaims({ claims }: { claims: ListedClaim[] }) {
  return (
    <ClaimsTable
      claims={claims}
      columns={COLUMNS}
      empty="No claims from this source yet."
      testId="source-claims"
    />
  );
}
