import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { CLAIM_PREDICATE_LABELS, claimValueText, labelOf } from '../labels.ts';
import type { ApiOutputs } from '../trpc.ts';
import { Badge, ReviewStateBadge } from '../ui/badges.tsx';
import { EmptyState, ErrorNotice, Loading } from '../ui/query-states.tsx';

type ClaimsPage = ApiOutputs['claims']['list'];

/** A claim as `claims.list` gives it, with its source. */
export type ListedClaim = ClaimsPage['items'][number];

/** One column of a claims table: its heading and what it shows for a claim. */
export interface ClaimColumn {
  header: string;
  /** A column of buttons: its heading is for screen readers only, its cells fit the buttons. */
  actions?: boolean;
  cell: (claim: ListedClaim) => ReactNode;
}

/** What the claim asserts, the source's own words for it and where they are. */
export const assertionColumn: ClaimColumn = {
  header: 'Assertion',
  cell: (claim) => (
    <>
      <div className="claim-predicate">{labelOf(CLAIM_PREDICATE_LABELS, claim.predicate)}</div>
      <div className="claim-value">
        {claim.stance === 'contradicts' ? <Badge tone="bad">Disputes</Badge> : null}{' '}
        {claimValueText(claim.predicate ?? '', claim.value)}
      </div>
      {claim.excerpt ? <blockquote className="excerpt">{claim.excerpt}</blockquote> : null}
      {claim.locator ? <div className="muted small">At: {claim.locator}</div> : null}
    </>
  ),
};

/** Where the claim is in review, and the reviewer's reason once decided. */
export const reviewColumn: ClaimColumn = {
  header: 'Review',
  cell: (claim) => (
    <>
      <ReviewStateBadge state={claim.reviewState} />
      {claim.reviewReason ? <div className="muted small">{claim.reviewReason}</div> : null}
    </>
  ),
};

/**
 * Claims, one a row, in the given columns; `empty` is said instead when there are none.
 *
 * @example
 * <ClaimsTable claims={claims} columns={[assertionColumn, reviewColumn]}
 *   empty="No claims yet." testId="claims" />
 */
export function ClaimsTable({
  claims,
  columns,
  empty,
  testId,
  formFor,
}: {
  claims: readonly ListedClaim[];
  columns: readonly ClaimColumn[];
  empty: string;
  testId: string;
  /** A form open in place of a claim's row (its correction), or `null` for the row itself. */
  formFor?: (claim: ListedClaim) => ReactNode;
}) {
  if (claims.length === 0) {
    return (
      <EmptyState>
        <p>{empty}</p>
      </EmptyState>
    );
  }
  return (
    <div className="table-wrap">
      <table className="table" data-testid={testId}>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.header} scope="col">
                {column.actions ? (
                  <span className="visually-hidden">{column.header}</span>
                ) : (
                  column.header
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {claims.map((claim) => {
            const form = formFor?.(claim);
            return form ? (
              <tr key={claim.id} data-testid="claim-correction">
                <td colSpan={columns.length}>{form}</td>
              </tr>
            ) : (
              <tr key={claim.id}>
                {columns.map((column) => (
                  <td key={column.header} className={column.actions ? 'cell-actions' : undefined}>
                    {column.cell(claim)}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/**
 * What a `claims.list` query asked for up to `limit` claims has come to: a wait, a failure to
 * try again, or the claims (shown by `children`) with a notice when there were more.
 *
 * @example
 * <LoadedClaims query={claims} limit={500}>
 *   {(items) => <SourceClaims claims={items} />}
 * </LoadedClaims>
 */
export function LoadedClaims({
  query,
  limit,
  children,
}: {
  query: UseQueryResult<ClaimsPage, unknown>;
  limit: number;
  children: (claims: ListedClaim[]) => ReactNode;
}) {
  if (query.isPending) return <Loading label="Loading claims…" />;
  if (query.isError) {
    return (
      <ErrorNotice
        what="Claims could not be loaded"
        error={query.error}
        onRetry={() => void query.refetch()}
      />
    );
  }
  return (
    <>
      {children(query.data.items)}
      {query.data.nextCursor ? (
        <p className="notice">Only the first {limit} claims are shown.</p>
      ) : null}
    </>
  );
}
