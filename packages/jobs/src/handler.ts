import type { Db, FileStore } from '@vigil/db';
import type { JobName, JobPayload } from './catalogue.ts';
import type { SnapshotFetchOptions } from './sources/fetch-snapshot.ts';

/**
 * One attempt at a job, as pg-boss handed it to a worker. pg-boss raises `retryCount` each time
 * it hands the job out again, so `(id, retryCount)` names the attempt; see `runFenced`.
 */
export interface JobAttempt {
  name: JobName;
  id: string;
  retryCount: number;
  /** Whether pg-boss gives up on the job if this attempt fails (its queue's `retryLimit` is reached). */
  lastAttempt: boolean;
  /** Aborted by pg-boss when this attempt's claim on the job lapses (expiry, shutdown). */
  signal?: AbortSignal | undefined;
}

/**
 * Named points inside the handlers where a test can pause a worker (to kill it there) or make
 * it fail. Production passes no hook.
 */
export type Checkpoint =
  | `${JobName}:start`
  | `${JobName}:handled`
  | 'sources.hash-file:stored'
  | 'sources.hash-file:recorded';

/** What the handlers need; the worker's entry point builds it (and alone reads the environment). */
export interface WorkerDeps {
  db: Db;
  files: FileStore;
  /**
   * Network archiving of source URLs (`VIGIL_ARCHIVE_FETCH=1`). Absent: sources with a URL
   * stay `pending` and a reviewer is asked to save a copy.
   */
  archiveFetch?: SnapshotFetchOptions | undefined;
  /** The current time; tests pass a fixed clock. */
  now?: (() => Date) | undefined;
  /** Test-only: awaited at each {@link Checkpoint}; may pause forever or throw. */
  checkpoint?: ((point: Checkpoint) => Promise<void>) | undefined;
}

/**
 * A job's handler: idempotent (a retry after a crash at any point has the effect of one run),
 * and every database write goes through `runFenced(deps.db, attempt, …)`. What it resolves
 * with is stored as the job's output.
 */
export type Handler<N extends JobName> = (
  deps: WorkerDeps,
  payload: JobPayload<N>,
  attempt: JobAttempt,
) => Promise<Record<string, unknown>>;
