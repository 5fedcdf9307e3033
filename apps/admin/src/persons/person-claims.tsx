import { useState } from 'react';
import { useMay } from '../auth/permissions.ts';
import { correctionNote, CorrectClaimForm } from '../claims/claim-form.tsx';
import {
  assertionColumn,
  ClaimsTable,
  reviewColumn,
  type ClaimColumn,
  type ListedClaim,
} from '../claims/claims-table.tsx';
import { CLAIM_PREDICATE_LABELS, claimValueText, labelOf } from '../labels.ts';
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
 * shown with that event in the timeline instead. Staff who may write correct a claim in place,
 * one at a time; a claim already decided goes back to review when corrected, as its button says.
 */
export function PersonClaims({ claims }: { claims: ListedClaim[] }) {
  const mayWrite = useMay('write');
  // The id of the claim whose correction is open, if any.
  const [open, setOpen] = useState<string | null>(null);
  const close = () => setOpen(null);
  const correctColumn: ClaimColumn = {
    header: 'Actions',
    actions: true,
    cell: (claim) => (
      <button
        type="button"
        className="button button-secondary button-small"
        aria-label={`Correct the claim: ${labelOf(CLAIM_PREDICATE_LABELS, claim.predicate ?? '')} ${claimValueText(claim.predicate ?? '', claim.value)}`.trim()}
        title={correctionNote(claim.reviewState) ?? undefined}
        onClick={() => setOpen(claim.id)}
      >
        Correct
      </button>
    ),
  };
  return (
    <ClaimsTable
      claims={claims.filter((c) => c.subjectType === 'person')}
      columns={mayWrite ? [...COLUMNS, correctColumn] : COLUMNS}
      empty="No claims about this person yet."
      testId="person-claims"
      formFor={(claim) =>
        mayWrite && open === claim.id ? <CorrectClaimForm claim={claim} onClose={close} /> : null
      }
    />
  );
}
