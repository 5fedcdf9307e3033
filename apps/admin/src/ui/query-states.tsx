import type { ReactNode } from 'react';
import { describeError } from '../trpc.ts';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}

/** A failed request, in words a staff member can act on, with a way to try again. */
export function ErrorNotice({
  error,
  onRetry,
  what,
}: {
  error: unknown;
  onRetry?: () => void;
  what?: string;
}) {
  return (
    <div className="state state-error" role="alert">
      <p>
        {what ? <strong>{what}: </strong> : null}
        {describeError(error)}
      </p>
      {onRetry ? (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <div className="state state-empty">{children}</div>;
}

/**
 * The button that reads the next page of a paged list (`useInfiniteQuery`), while there is one.
 *
 * @example
 * <LoadMore query={sources} />
 */
export function LoadMore({
  query,
  label = 'Load more',
}: {
  query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown };
  label?: string;
}) {
  if (!query.hasNextPage) return null;
  return (
    <div className="load-more">
      <button
        type="button"
        className="button button-secondary"
        onClick={() => void query.fetchNextPage()}
        disabled={query.isFetchingNextPage}
      >
        {query.isFetchingNextPage ? 'Loading…' : label}
      </button>
    </div>
  );
}
