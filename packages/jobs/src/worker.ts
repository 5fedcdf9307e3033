import { recomputePersonStatus, type Db, type FileStore } from '@vigil/db';
import type { Job } from 'pg-boss';
import { JOBS, type JobName, type JobPayload } from './catalogue.ts';
import type { JobQueue } from './queue.ts';
import { hashSourceFile } from './sources/hash-file.handler.ts';

export interface WorkerDeps {
  db: Db;
  files: FileStore;
}

type Handler<N extends JobName> = (deps: WorkerDeps, payload: JobPayload<N>) => Promise<unknown>;

/** The handler of each job; adding a job means adding a row to the catalogue and one here. */
export const HANDLERS: { [N in JobName]: Handler<N> } = {
  'sources.hash-file': hashSourceFile,
  'claims.assess': async () => undefined,
  'persons.recompute-status': ({ db }, { personId }) => recomputePersonStatus(db, personId),
  'persons.proof-of-life-sweep': async () => undefined,
  'sources.archive': async () => undefined,
};

/**
 * Registers every handler with pg-boss. A handler that throws fails its job, which pg-boss
 * retries up to the queue's `retryLimit` and then leaves in the `failed` state.
 */
export async function startWorker(queue: JobQueue, deps: WorkerDeps): Promise<void> {
  for (const name of Object.keys(HANDLERS) as JobName[]) {
    await queue.boss.work(
      name,
      { batchSize: 10, pollingIntervalSeconds: 1 },
      async (jobs: Job<object>[]) => {
        for (const job of jobs) {
          const payload = JOBS[name].payload.parse(job.data);
          await (HANDLERS[name] as Handler<JobName>)(deps, payload as never);
        }
      },
    );
  }
}
