import { REVIEW_TASK_KINDS } from '@vigil/domain';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useMay } from '../auth/permissions.ts';
import { ScanForDuplicates } from '../duplicates/scan-for-duplicates.tsx';
import { labelOf, REVIEW_STATE_LABELS, REVIEW_TASK_KIND_LABELS } from '../labels.ts';
import { Link, paths } from '../router.tsx';
import { useTRPC } from '../trpc.ts';
import { FilterChoice, SegmentedChoice } from '../ui/form.tsx';
import { EmptyState, ErrorNotice, Loading, LoadMore } from '../ui/query-states.tsx';
import { ReviewTaskCard, type DecidedTask } from './review-task-card.tsx';

type Kind = (typeof REVIEW_TASK_KINDS)[number];

export interface ReviewFilters {
  kind: '' | Kind;
  state: 'open' | 'done';
  assignedToMe: boolean;
}

export const NO_REVIEW_FILTERS: ReviewFilters = { kind: '', state: 'open', assignedToMe: false };

const PAGE_SIZE = 25;

/**
 * Work waiting for a reviewer: claims to assess, possible duplicates, conflicting claims,
 * persons with no proof of life, sources to archive. Oldest first. Everyone may read the
 * queue; roles with the review permission take tasks and decide them.
 */
export function ReviewPage({
  filters,
  onFiltersChange: setFilters,
}: {
  filters: ReviewFilters;
  onFiltersChange: (f: ReviewFilters) => void;
}) {
  const trpc = useTRPC();
  const mayReview = useMay('review');
  const [lastDecision, setLastDecision] = useState<DecidedTask | null>(null);

  const tasks = useInfiniteQuery(
    trpc.review.list.infiniteQueryOptions(
      {
        kind: filters.kind || undefined,
        state: filters.state,
        assignedToMe: filters.assignedToMe || undefined,
        limit: PAGE_SIZE,
      },
      {
        getNextPageParam: (page) => page.nextCursor ?? undefined,
        placeholderData: keepPreviousData,
        staleTime: 0,
      },
    ),
  );
  const items = tasks.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = filters.kind !== '' || filters.assignedToMe;

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Review queue</h1>
          <p className="page-lead">
            Nothing counts until it is reviewed: each decision needs a reason, and whoever entered a
            claim cannot decide it.
          </p>
        </div>
      </div>

      <form
        className="filters"
        aria-label="Filter the review queue"
        onSubmit={(e) => e.preventDefault()}
      >
        <SegmentedChoice
          legend="Tasks"
          name="state"
          value={filters.state}
          onChange={(state) => setFilters({ ...filters, state })}
          choices={['open', 'done'] as const}
          labels={{ open: 'Open', done: 'Decided' }}
        />
        <FilterChoice
          label="Kind"
          any="Every kind"
          value={filters.kind}
          onChange={(kind) => setFilters({ ...filters, kind })}
          choices={REVIEW_TASK_KINDS}
          labels={REVIEW_TASK_KIND_LABELS}
        />
        <label className="checkbox filters-checkbox">
          <input
            type="checkbox"
            checked={filters.assignedToMe}
            onChange={(e) => setFilters({ ...filters, assignedToMe: e.target.checked })}
          />
          Assigned to me
        </label>
      </form>

      {filters.kind === 'duplicate' ? <ScanForDuplicates onQueue /> : null}

      {lastDecision ? (
        <p className="notice notice-good" role="status" data-testid="decision-recorded">
          Decision recorded: <strong>{labelOf(REVIEW_STATE_LABELS, lastDecision.outcome)}</strong>
          {lastDecision.personId ? (
            <>
              {' '}
              — <Link to={paths.person(lastDecision.personId)}>open the person</Link> to see the
              status it gives
            </>
          ) : null}
          .
        </p>
      ) : null}

      {!mayReview ? (
        <p className="notice" data-testid="review-role-notice">
          Your role can read the queue but not decide tasks.
        </p>
      ) : null}

      {tasks.isPending ? (
        <Loading label="Loading the review queue…" />
      ) : tasks.isError && items.length === 0 ? (
        <ErrorNotice
          what="The review queue could not be loaded"
          error={tasks.error}
          onRetry={() => void tasks.refetch()}
        />
      ) : items.length === 0 ? (
        <EmptyState>
          <p>
            {filters.state === 'open'
              ? filtered
                ? 'No open task matches these filters.'
                : 'Nothing is waiting for review.'
              : 'No decided task matches these filters.'}
          </p>
        </EmptyState>
      ) : (
        <>
          <p className="result-count" aria-live="polite">
            {items.length} {items.length === 1 ? 'task' : 'tasks'}
            {tasks.hasNextPage ? ' shown, more available' : ''}
            {tasks.isFetching && !tasks.isFetchingNextPage ? (
              <span className="muted"> · updating…</span>
            ) : null}
          </p>
          <ol className="task-list" aria-busy={tasks.isFetching}>
            {items.map((task) => (
              <ReviewTaskCard
                key={task.id}
                task={task}
                mayReview={mayReview}
                onDecided={setLastDecision}
              />
            ))}
          </ol>
          {tasks.isError ? (
            <ErrorNotice what="More tasks could not be loaded" error={tasks.error} />
          ) : null}
          <LoadMore query={tasks} />
        </>
      )}
    </>
  );
}
