import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useMay } from '../auth/permissions.ts';
import { dateTimeText } from '../labels.ts';
import { Link, paths } from '../router.tsx';
import { describeError, useTRPC } from '../trpc.ts';

/**
 * "Scan for duplicates now", for roles that may review. `matching.scan` does not search while
 * the button waits: it queues the same job that runs every night and answers at once, so the
 * message says the scan was queued and where its pairs will appear, not how many it found.
 */
export function ScanForDuplicates() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const mayReview = useMay('review');
  const [queuedAt, setQueuedAt] = useState<Date | null>(null);
  const scan = useMutation(
    trpc.matching.scan.mutationOptions({
      onMutate: () => setQueuedAt(null),
      onSuccess: async () => {
        setQueuedAt(new Date());
        // Pairs the job has opened by now show at once; later ones on the queue's next load.
        await queryClient.invalidateQueries(trpc.review.list.pathFilter());
      },
    }),
  );
  if (!mayReview) return null;
  return (
    <section className="panel" aria-labelledby="scan-heading" data-testid="duplicate-scan">
      <div className="panel-header">
        <h2 id="scan-heading">Other possible duplicates</h2>
        <button
          type="button"
          className="button button-secondary button-small"
          disabled={scan.isPending}
          onClick={() => scan.mutate()}
        >
          {scan.isPending ? 'Queuing the scan…' : 'Scan for duplicates now'}
        </button>
      </div>
      <p className="muted small">
        Vigil looks through the registry for likely duplicates every night. A scan does the same
        now; pairs someone has already judged are not suggested again.
      </p>
      {queuedAt ? (
        <p className="notice notice-good" role="status" data-testid="scan-result">
          Scan queued at {dateTimeText(queuedAt)}. It runs in the background: the pairs it finds
          appear in the <Link to={paths.review()}>review queue</Link> as “Possible duplicate” when
          it has finished.
        </p>
      ) : null}
      {scan.isError ? (
        <p className="form-error" role="alert" data-testid="scan-error">
          The scan was not queued: {describeError(scan.error)}
        </p>
      ) : null}
    </section>
  );
}
