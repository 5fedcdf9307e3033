import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useMay } from '../auth/permissions.ts';
import { labelOf, REVIEW_STATE_LABELS } from '../labels.ts';
import { ReviewTaskCard, type DecidedTask } from '../review/review-task-card.tsx';
import { useTRPC } from '../trpc.ts';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';

/** More open questions than this about one person are left to the review queue. */
const SHOWN = 50;

/**
 * What is still open about one person: claims about them (or their events) waiting for a
 * reviewer, conflicting claims, a lost contact, a possible duplicate. A reviewer decides them
 * here as in the review queue; the person's status follows once the worker has recomputed it.
 */
export function PersonOpenQuestions({ personId }: { personId: string }) {
  const trpc = useTRPC();
  const mayReview = useMay('review');
  const [lastDecision, setLastDecision] = useState<DecidedTask | null>(null);
  const tasks = useQuery(
    trpc.review.list.queryOptions({ personId, state: 'open', limit: SHOWN }, { staleTime: 0 }),
  );

  return (
    <section className="panel" aria-labelledby="open-questions-heading">
      <div className="panel-header">
        <h2 id="open-questions-heading">Open questions</h2>
        <span className="muted small">
          Claims waiting for review, conflicts, lost contact and possible duplicates
        </span>
      </div>
      {lastDecision ? (
        <p className="notice notice-good" role="status">
          Decision recorded: <strong>{labelOf(REVIEW_STATE_LABELS, lastDecision.outcome)}</strong>.
          The status above follows once it is recomputed.
        </p>
      ) : null}
      {tasks.isPending ? (
        <Loading label="Loading the open questions…" />
      ) : tasks.isError ? (
        <ErrorNotice
          what="The open questions could not be loaded"
          error={tasks.error}
          onRetry={() => void tasks.refetch()}
        />
      ) : tasks.data.items.length === 0 ? (
        <p className="muted" data-testid="no-open-questions">
          Nothing about this person is waiting for review.
        </p>
      ) : (
        <>
          <ol className="task-list" data-testid="open-questions">
            {tasks.data.items.map((task) => (
              <ReviewTaskCard
                key={task.id}
                task={task}
                mayReview={mayReview}
                onDecided={setLastDecision}
                headingLevel={3}
              />
            ))}
          </ol>
          {tasks.data.nextCursor ? (
            <p className="notice">
              Only the {SHOWN} oldest are shown; the review queue has the others.
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
