import { AppError } from '@vigil/domain';
import type { Database, DbOrTx } from '@vigil/db';
import { sql } from 'drizzle-orm';
import { fromDrizzle, fromPglite, PgBoss } from 'pg-boss';
import { JOB_NAMES, JOBS, type JobName, type JobPayload } from './catalogue.ts';

/** The queue as the API and the worker see it: enqueue inside a transaction, read its state. */
export interface JobQueue {
  readonly boss: PgBoss;
  /**
   * Enqueues a job inside the caller's transaction: the job exists if and only if the change
   * that caused it commits.
   */
  enqueue<N extends JobName>(tx: DbOrTx, name: N, payload: JobPayload<N>): Promise<void>;
  /** Per queue: how many jobs wait, run, failed. */
  stats(): Promise<{ name: string; queued: number; active: number; failed: number; total: number }[]>;
  isRunning(): boolean;
  stop(): Promise<void>;
}

/**
 * Starts pg-boss on Vigil's own database (in-process PGlite or PostgreSQL), installs its
 * schema and creates every queue in the catalogue with its retry policy.
 */
export async function startJobQueue(database: Database): Promise<JobQueue> {
  const boss =
    database.kind === 'pglite' && database.pglite
      ? new PgBoss({ db: fromPglite(database.pglite), backend: 'pglite', supervise: true })
      : new PgBoss({ connectionString: database.url ?? '', max: 4 });
  boss.on('error', (error) => console.error('[jobs]', error));
  await boss.start();
  let running = true;
  for (const name of JOB_NAMES) {
    if (!(await boss.getQueue(name))) await boss.createQueue(name, { ...JOBS[name].queue });
  }
  return {
    boss,
    async enqueue(tx, name, payload) {
      const parsed = JOBS[name].payload.safeParse(payload);
      if (!parsed.success) throw new AppError('INTERNAL', 'could not schedule background work', { cause: parsed.error });
      await boss.send(name, parsed.data, { db: fromDrizzle(tx as never, sql as never) });
    },
    async stats() {
      const queues = await boss.getQueues(JOB_NAMES);
      return queues.map((q) => ({
        name: q.name,
        queued: q.queuedCount,
        active: q.activeCount,
        failed: q.failedCount,
        total: q.totalCount,
      }));
    },
    isRunning: () => running,
    async stop() {
      running = false;
      await boss.stop({ graceful: true, timeout: 5000, close: database.kind === 'postgres' });
    },
  };
}
