import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, type ReactNode } from 'react';
import { useMay } from '../auth/permissions.ts';
import { dateTimeText } from '../labels.ts';
import { Link, paths } from '../router.tsx';
import { describeError, useTRPC, type ApiOutputs } from '../trpc.ts';
import { useSubmitGuard } from '../ui/form.tsx';

/** How often the scan's state is asked while it waits or runs. */
const STATUS_POLL_MS = 2_000;

const WAITING = new Set(['queued', 'running']);

/**
 * "Scan for duplicates now", for roles that may review, with where the latest scan stands:
 * waiting for the worker, running, or finished with how many pairs it put in the review queue.
 * `matching.scan` only queues the job that also runs every night; `matching.scanStatus` follows it.
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
  const status = useQuery(
    trpc.matching.scanStatus.queryOptions(undefined, {
      enabled: mayReview,
      staleTime: 0,
      refetchInterval: (query) =>
        query.state.data && WAITING.has(query.state.data.state) ? STATUS_POLL_MS : false,
    }),
  );
  const scan = useMutation(
    trpc.matching.scan.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.matching.scanStatus.queryFilter()),
    }),
  );
  const sendScan = useSubmitGuard(scan);
  // When a scan ends after the page first looked, the queue shows its pairs without a reload:
  // told by its end time, since a quick worker can queue, run and finish a scan between two looks.
  const state = status.data?.state;
  const endedAt = status.data ? String(status.data.endedAt ?? '') : undefined;
  const lastEndedAt = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (endedAt === undefined) return;
    if (lastEndedAt.current !== undefined && endedAt && endedAt !== lastEndedAt.current)
      void queryClient.invalidateQueries(trpc.review.list.pathFilter());
    if (endedAt || lastEndedAt.current === undefined) lastEndedAt.current = endedAt;
  }, [endedAt, queryClient, trpc]);
  if (!mayReview) return null;
  const busy = scan.isPending || (state !== undefined && WAITING.has(state));
  const where = onQueue ? (
    'below'
  ) : (
    <>
      in the <Link to={paths.review()}>review queue</Link>
    </>
  );
  return (
    <section className="panel" aria-labelledby="scan-heading" data-testid="duplicate-scan">
      <div className="panel-header">
        <h2 id="scan-heading">
          {onQueue ? 'Look for more duplicates' : 'Other possible duplicates'}
        </h2>
        <button
          type="button"
          className="button button-secondary button-small"
          disabled={busy}
          onClick={() => sendScan()}
        >
          {scan.isPending
            ? 'Queuing the scan…'
            : busy
              ? 'Scan in progress…'
              : 'Scan for duplicates now'}
        </button>
      </div>
      <p className="muted small">
        Vigil looks through the registry for likely duplicates every night. A scan does the same
        now; pairs someone has already judged are not suggested again.
      </p>
      {status.data ? (
        <ScanState status={status.data} where={where} />
      ) : status.isError ? (
        <p className="form-error" role="alert">
          Could not read where the latest scan stands: {describeError(status.error)}
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

function ScanState({
  status,
  where,
}: {
  status: ApiOutputs['matching']['scanStatus'];
  where: ReactNode;
}) {
  switch (status.state) {
    case 'none':
      return (
        <p className="muted small" data-testid="scan-result">
          No scan is on record from the last week.
        </p>
      );
    case 'queued':
      return (
        <p className="notice" role="status" data-testid="scan-result">
          Scan queued at {dateTimeText(status.requestedAt)}, waiting for the worker…
        </p>
      );
    case 'running':
      return (
        <p className="notice" role="status" data-testid="scan-result">
          Scanning the registry since {dateTimeText(status.startedAt)}… The pairs it finds appear{' '}
          {where} as “Possible duplicate”.
        </p>
      );
    case 'finished':
      return (
        <p className="notice notice-good" role="status" data-testid="scan-result">
          Last scan finished at {dateTimeText(status.endedAt)}:{' '}
          {status.opened === 0
            ? 'no new possible duplicates.'
            : `${status.opened} new possible ${status.opened === 1 ? 'duplicate' : 'duplicates'}`}
          {status.opened ? <>, {where}.</> : null}
        </p>
      );
    case 'failed':
      return (
        <p className="form-error" role="alert" data-testid="scan-result">
          The last scan, queued at {dateTimeText(status.requestedAt)}, failed. An admin can see why
          on the system page; you can start another.
        </p>
      );
  }
}
