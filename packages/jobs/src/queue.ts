import { AppError, describeError } from '@vigil/domain';
import type { Database, DbOrTx } from '@vigil/db';
import { sql } from 'drizzle-orm';
import { fromDrizzle, fromPglite, PgBoss, type QueueOptions } from 'pg-boss';
import { DEAD_LETTER_QUEUE, JOB_NAMES, JOBS, type JobName, type JobPayload } from './catalogue.ts';
import { PGBOSS_SCHEMA } from './fencing.ts';

/** One queue's jobs by state, for the admin app's system page. */
export interface QueueCounts {
  name: string;
  /** Waiting to run: new, or failed and waiting for their next attempt. */
  queued: number;
  active: number;
  /** Failed their last attempt (kept for a week; see {@link JobQueue.failedJobs}). */
  failed: number;
  total: number;
}

/** A job that failed every attempt, as the admin app's system page lists it. */
export interface FailedJob {
  name: string;
  id: string;
  /** How many times it was tried: once, plus every retry. */
  attempts: number;
  /** The message of the error its last attempt ended with. */
  lastError: string | null;
  failedAt: Date;
}

/** The newest job of one name: whether it waits, runs, finished or failed, and when. */
export interface LatestJob {
  id: string;
  state: 'queued' | 'running' | 'finished' | 'failed';
  /** When it was enqueued, started (its latest attempt), and finished or failed. */
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
}

/** pg-boss's job states as {@link LatestJob} reports them. */
const LATEST_JOB_STATE: Record<string, LatestJob['state']> = {
  created: 'queued',
  retry: 'queued',
  active: 'running',
  completed: 'finished',
  failed: 'failed',
  cancelled: 'failed',
};

/** The queue as the API and the worker see it: enqueue inside a transaction, read its state. */
export interface JobQueue {
  readonly boss: PgBoss;
  /**
   * Enqueues a job inside the caller's transaction: the job exists if and only if the change
   * that caused it commits.
   */
  enqueue<N extends JobName>(
    tx: DbOrTx,
    name: N,
    payload: JobPayload<N>,
    options?: EnqueueOptions,
  ): Promise<boolean>;
  /** Per queue: how many jobs wait, run, failed; counted now, not from pg-boss's cache. */
  stats(): Promise<QueueCounts[]>;
  /** The jobs that failed every attempt, latest first (kept for a year). */
  failedJobs(limit?: number): Promise<FailedJob[]>;
  /** The newest job of this name still in pg-boss's table (finished jobs are kept a week); null if none. */
  latestJob(name: JobName): Promise<LatestJob | null>;
  isRunning(): boolean;
  stop(): Promise<void>;
}

/** How one job is enqueued. */
export interface EnqueueOptions {
  /**
   * At most one job of this name per this many seconds (a time slot): a second request in the
   * same slot is dropped, and `enqueue` answers false.
   */
  singletonSeconds?: number;
}

export interface JobQueueOptions {
  /** Changes to the catalogue's queue policy, by job (tests use short expiry and no delay). */
  queues?: Partial<Record<JobName, QueueOptions>>;
  /**
   * How often pg-boss expires attempts that outlived `expireInSeconds` (so that they are
   * retried) and deletes old jobs. Default 60 seconds.
   */
  superviseIntervalSeconds?: number;
}

/** How long the dead letter queue keeps a failed job's copy. */
const DEAD_LETTER_RETENTION_SECONDS = 365 * 24 * 3600;

/** A failed job's `output`, as pg-boss stored the error: `{ name, message, stack }` or a value. */
function errorMessageOf(output: unknown): string | null {
  if (
    output &&
    typeof output === 'object' &&
    'message' in output &&
    typeof output.message === 'string'
  ) {
    return output.message;
  }
  return output == null ? null : JSON.stringify(output);
}

/**
 * Starts pg-boss on Vigil's own database (in-process PGlite or PostgreSQL), installs its
 * schema, and creates every queue in the catalogue with its retry policy (or brings an existing
 * queue's policy up to date), each sending its finally failed jobs to {@link DEAD_LETTER_QUEUE}.
 *
 * @example
 * const queue = await startJobQueue(database);
 * await db.transaction(async (tx) => queue.enqueue(tx, 'claims.assess', { claimId }));
 */
export async function startJobQueue(
  database: Database,
  options: JobQueueOptions = {},
): Promise<JobQueue> {
  const interval = options.superviseIntervalSeconds ?? 60;
  const timing = {
    supervise: true,
    superviseIntervalSeconds: interval,
    monitorIntervalSeconds: interval,
  };
  const boss =
    database.kind === 'pglite' && database.pglite
      ? new PgBoss({
          db: fromPglite(database.pglite),
          backend: 'pglite',
          schema: PGBOSS_SCHEMA,
          ...timing,
        })
      : new PgBoss({
          connectionString: database.url ?? '',
          max: 4,
          schema: PGBOSS_SCHEMA,
          ...timing,
        });
  boss.on('error', (error) => console.error(`[jobs] ${describeError(error)}`));
  await boss.start();
  let running = true;

  const deadLetterPolicy = { retentionSeconds: DEAD_LETTER_RETENTION_SECONDS };
  if (await boss.getQueue(DEAD_LETTER_QUEUE))
    await boss.updateQueue(DEAD_LETTER_QUEUE, deadLetterPolicy);
  else await boss.createQueue(DEAD_LETTER_QUEUE, deadLetterPolicy);
  for (const name of JOB_NAMES) {
    const policy = {
      ...JOBS[name].queue,
      ...options.queues?.[name],
      deadLetter: DEAD_LETTER_QUEUE,
    };
    if (await boss.getQueue(name)) await boss.updateQueue(name, policy);
    else await boss.createQueue(name, policy);
  }

  const query = async <Row>(text: string, values: unknown[]) =>
    (await boss.getDb().executeSql(text, values)).rows as Row[];

  return {
    boss,
    async enqueue(tx, name, payload, enqueueOptions = {}) {
      const parsed = JOBS[name].payload.safeParse(payload);
      if (!parsed.success)
        throw new AppError('INTERNAL', 'could not schedule background work', {
          cause: parsed.error,
        });
      const id = await boss.send(name, parsed.data, {
        db: fromDrizzle(tx as never, sql as never),
        ...(enqueueOptions.singletonSeconds
          ? { singletonSeconds: enqueueOptions.singletonSeconds }
          : {}),
      });
      return id !== null;
    },
    async stats() {
      const rows = await query<{ name: string; state: string; n: string | number }>(
        `SELECT name, state::text AS state, count(*) AS n FROM ${PGBOSS_SCHEMA}.job
         WHERE name = ANY($1::text[]) GROUP BY name, state`,
        [JOB_NAMES],
      );
      return JOB_NAMES.map((name) => {
        const count = (...states: string[]) =>
          rows
            .filter((r) => r.name === name && states.includes(r.state))
            .reduce((sum, r) => sum + Number(r.n), 0);
        return {
          name,
          queued: count('created', 'retry'),
          active: count('active'),
          failed: count('failed'),
          total: rows.filter((r) => r.name === name).reduce((sum, r) => sum + Number(r.n), 0),
        };
      });
    },
    async failedJobs(limit = 100) {
      const rows = await query<{
        source_name: string | null;
        source_id: string | null;
        source_retry_count: number | null;
        source_output: unknown;
        created_on: Date | string;
      }>(
        `SELECT source_name, source_id, source_retry_count, source_output, created_on FROM ${PGBOSS_SCHEMA}.job
         WHERE name = $1 ORDER BY created_on DESC, id DESC LIMIT $2`,
        [DEAD_LETTER_QUEUE, Math.max(1, Math.min(1000, Math.trunc(limit)))],
      );
      return rows.map((r) => ({
        name: r.source_name ?? 'unknown',
        id: r.source_id ?? '',
        attempts: (r.source_retry_count ?? 0) + 1,
        lastError: errorMessageOf(r.source_output),
        failedAt: new Date(r.created_on),
      }));
    },
    async latestJob(name) {
      const [row] = await query<{
        id: string;
        state: string;
        created_on: Date | string;
        started_on: Date | string | null;
        completed_on: Date | string | null;
      }>(
        `SELECT id, state::text AS state, created_on, started_on, completed_on FROM ${PGBOSS_SCHEMA}.job
         WHERE name = $1 ORDER BY created_on DESC, id DESC LIMIT 1`,
        [name],
      );
      if (!row) return null;
      const dateOf = (value: Date | string | null) => (value === null ? null : new Date(value));
      return {
        id: row.id,
        state: LATEST_JOB_STATE[row.state] ?? 'queued',
        createdAt: new Date(row.created_on),
        startedAt: dateOf(row.started_on),
        endedAt: dateOf(row.completed_on),
      };
    },
    isRunning: () => running,
    async stop() {
      running = false;
      await boss.stop({ graceful: true, timeout: 5000, close: database.kind === 'postgres' });
    },
  };
}
