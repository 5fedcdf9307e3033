import { useQuery } from '@tanstack/react-query';
import { dateTimeText } from '../labels.ts';
import { useTRPC, type ApiOutputs } from '../trpc.ts';
import { Badge } from '../ui/badges.tsx';
import { EmptyState, ErrorNotice, Loading } from '../ui/query-states.tsx';
import { AuditEntries } from './audit-entries.tsx';

type AuditCheck = ApiOutputs['system']['verifyAudit'];

/** How often the queue counts refresh while the page is open. */
const QUEUE_POLL_MS = 5000;
const FAILED_SHOWN = 50;

/** For administrators: the audit chain and its entries, the job queues, jobs that failed for good. */
export function SystemPage() {
  return (
    <>
      <div className="page-header">
        <div>
          <h1>System</h1>
          <p className="page-lead">Background jobs and the integrity of the audit log.</p>
        </div>
      </div>
      <AuditChain />
      <AuditEntries />
      <Queues />
      <FailedJobs />
    </>
  );
}

function Queues() {
  const trpc = useTRPC();
  const jobs = useQuery(
    trpc.system.jobs.queryOptions(undefined, { refetchInterval: QUEUE_POLL_MS, staleTime: 0 }),
  );
  return (
    <section className="panel" aria-labelledby="queues-heading">
      <div className="panel-header">
        <h2 id="queues-heading">Job queues</h2>
        <span className="muted small">Counted now; refreshed every few seconds</span>
      </div>
      {jobs.isPending ? (
        <Loading label="Counting jobs…" />
      ) : jobs.isError ? (
        <ErrorNotice
          what="The queues could not be read"
          error={jobs.error}
          onRetry={() => void jobs.refetch()}
        />
      ) : (
        <div className="table-scroll">
          <table className="table table-compact table-numbers" data-testid="queues">
            <thead>
              <tr>
                <th scope="col">Queue</th>
                <th scope="col" className="number">
                  Waiting
                </th>
                <th scope="col" className="number">
                  Running
                </th>
                <th scope="col" className="number">
                  Failed
                </th>
                <th scope="col" className="number">
                  All kept
                </th>
              </tr>
            </thead>
            <tbody>
              {jobs.data.map((queue) => (
                <tr key={queue.name}>
                  <th scope="row">
                    <code>{queue.name}</code>
                  </th>
                  <td className="number">{queue.queued}</td>
                  <td className="number">{queue.active}</td>
                  <td className="number">
                    {queue.failed > 0 ? <Badge tone="bad">{queue.failed}</Badge> : 0}
                  </td>
                  <td className="number muted">{queue.total}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function FailedJobs() {
  const trpc = useTRPC();
  const failed = useQuery(
    trpc.system.failedJobs.queryOptions({ limit: FAILED_SHOWN }, { staleTime: 0 }),
  );
  return (
    <section className="panel" aria-labelledby="failed-heading">
      <div className="panel-header">
        <h2 id="failed-heading">Jobs that failed every attempt</h2>
        <span className="muted small">Latest first</span>
      </div>
      {failed.isPending ? (
        <Loading label="Loading failed jobs…" />
      ) : failed.isError ? (
        <ErrorNotice
          what="Failed jobs could not be read"
          error={failed.error}
          onRetry={() => void failed.refetch()}
        />
      ) : failed.data.length === 0 ? (
        <EmptyState>
          <p>No job has failed.</p>
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="table table-compact" data-testid="failed-jobs">
            <thead>
              <tr>
                <th scope="col">Job</th>
                <th scope="col">Failed at</th>
                <th scope="col" className="number">
                  Attempts
                </th>
                <th scope="col">Last error</th>
              </tr>
            </thead>
            <tbody>
              {failed.data.map((job) => (
                <tr key={job.id}>
                  <td>
                    <code>{job.name}</code>
                    <div className="muted small hash">{job.id}</div>
                  </td>
                  <td className="nowrap">{dateTimeText(job.failedAt)}</td>
                  <td className="number">{job.attempts}</td>
                  <td className="prewrap break">{job.lastError ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function AuditChain() {
  const trpc = useTRPC();
  const check = useQuery(
    trpc.system.verifyAudit.queryOptions(undefined, { staleTime: 0, retry: false }),
  );
  return (
    <section className="panel" aria-labelledby="audit-heading">
      <div className="panel-header">
        <h2 id="audit-heading">Audit log</h2>
        <span className="muted small">
          Every change is chained to the one before by its hash; a changed or missing entry breaks
          the chain
        </span>
        <button
          type="button"
          className="button button-secondary button-small panel-action"
          onClick={() => void check.refetch()}
          disabled={check.isFetching}
        >
          {check.isFetching ? 'Verifying…' : 'Verify again'}
        </button>
      </div>
      {check.isPending ? (
        <Loading label="Walking the audit chain…" />
      ) : check.isError ? (
        <ErrorNotice what="The audit chain could not be verified" error={check.error} />
      ) : (
        <AuditResult result={check.data} />
      )}
    </section>
  );
}

function AuditResult({ result }: { result: AuditCheck }) {
  if (result.ok) {
    return (
      <p className="audit-result audit-ok" data-testid="audit-result">
        <Badge tone="good">Chain intact</Badge> {result.entries}{' '}
        {result.entries === 1 ? 'entry' : 'entries'} verified
        {result.head ? (
          <>
            ; latest is entry {result.head.seq}, hash{' '}
            <code className="hash">{result.head.hash}</code>
          </>
        ) : null}
        .
      </p>
    );
  }
  return (
    <p className="audit-result audit-broken" role="alert" data-testid="audit-result">
      <Badge tone="bad">Chain broken</Badge> at entry {result.brokenAt}: {result.problem} (
      {result.entries} entries read).
    </p>
  );
}
