import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useMay } from '../auth/permissions.ts';
import { dateTimeText } from '../labels.ts';
import { Link, paths } from '../router.tsx';
import { describeError, useTRPC } from '../trpc.ts';

/** How often, and for how long, the review queue reloads after a scan was queued. */
const RELOAD_EVERY_MS = 5_000;
const RELOAD_FOR_MS = 120_000;

/**
 * "Scan for duplicates now", for roles that may review. `matching.scan` does not search while
 * the button waits: it queues the same job that runs every night and answers at once, so the
 * message says the scan was queued and where its pairs will appear, not how many it found.
 */
export function ScanForDuplicates({
  onQueue = false,
}: {
  /** Shown on the review queue itself, where the pairs it finds will be listed. */
  onQueue?: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const mayReview = useMay('review');
  const [queuedAt, setQueuedAt] = useState<Date | null>(null);
  // False when the request joined a scan someone queued within the last minute.
  const [isNewScan, setIsNewScan] = useState(true);
  const scan = useMutation(
    trpc.matching.scan.mutationOptions({
      onMutate: () => setQueuedAt(null),
      onSuccess: ({ queued }) => {
        setIsNewScan(queued);
        setQueuedAt(new Date());
      },
    }),
  );
  // The job runs in the background: reload the queue now and then for a while, so that the
  // pairs it opens appear without the reviewer reloading the page.
  useEffect(() => {
    if (!queuedAt) return;
    const refresh = () => void queryClient.invalidateQueries(trpc.review.list.pathFilter());
    refresh();
    const timer = setInterval(refresh, RELOAD_EVERY_MS);
    const stop = setTimeout(() => clearInterval(timer), RELOAD_FOR_MS);
    return () => {
      clearInterval(timer);
      clearTimeout(stop);
    };
  }, [queuedAt, queryClient, trpc]);
  if (!mayReview) return null;
  return (
    <section className="panel" aria-labelledby="scan-heading" data-testid="duplicate-scan">
      <div className="panel-header">
        <h2 id="scan-heading">
          {onQueue ? 'Look for more duplicates' : 'Other possible duplicates'}
        </h2>
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
          {isNewScan
            ? `Scan queued at ${dateTimeText(queuedAt)}.`
            : 'A scan was already queued in the last minute; this request joins it.'}{' '}
          It runs in the background: the pairs it finds appear{' '}
          {onQueue ? (
            'below'
          ) : (
            <>
              in the <Link to={paths.review()}>review queue</Link>
            </>
          )}{' '}
          as “Possible duplicate” when it has finished.
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
