import { describeError } from '@vigil/domain';
import { matchKeysCurrent } from '@vigil/db';
import type { JobResult, JobWithMetadata } from 'pg-boss';
import {
  FIND_DUPLICATES_CRON,
  JOB_NAMES,
  JOBS,
  PROOF_OF_LIFE_SWEEP_CRON,
  VERIFY_FILES_CRON,
  type JobName,
} from './catalogue.ts';
import { assessClaimJob } from './claims/assess.handler.ts';
import { StaleAttemptError } from './fencing.ts';
import { applyImportJob, matchListJob } from './imports/apply.handler.ts';
import { findDuplicatesJob } from './matching/find-duplicates.handler.ts';
import { refreshKeysJob } from './matching/refresh-keys.handler.ts';
import type { Handler, JobAttempt, WorkerDeps } from './handler.ts';
import { sweepProofOfLife } from './persons/proof-of-life-sweep.handler.ts';
import { recomputeStatus } from './persons/recompute-status.handler.ts';
import type { JobQueue } from './queue.ts';
import { archiveSource } from './sources/archive.handler.ts';
import { hashSourceFile } from './sources/hash-file.handler.ts';
import { verifySourceFiles } from './sources/verify-files.handler.ts';

export type { Checkpoint, Handler, JobAttempt, WorkerDeps } from './handler.ts';

/** The handler of each job; adding a job means adding a row to the catalogue and one here. */
export const HANDLERS: { [N in JobName]: Handler<N> } = {
  'sources.hash-file': hashSourceFile,
  'claims.assess': assessClaimJob,
  'persons.recompute-status': recomputeStatus,
  'persons.proof-of-life-sweep': sweepProofOfLife,
  'sources.archive': archiveSource,
  'imports.match-list': matchListJob,
  'imports.apply': applyImportJob,
  'matching.find-duplicates': findDuplicatesJob,
  'matching.refresh-keys': refreshKeysJob,
  'sources.verify-files': verifySourceFiles,
};

export interface WorkerOptions {
  /** How often an idle worker asks for new jobs. Default 1 second. */
  pollingIntervalSeconds?: number;
}

/**
 * What a failed attempt leaves in the job's output (shown on the system page for a year): the
 * error's names, codes and messages, without its stack or any value it carried.
 */
function failureOutput(error: unknown) {
  const [message = ''] = describeError(error).split('\n');
  return { name: error instanceof Error ? error.name : 'Error', message };
}

/**
 * Runs one job's handler and says how pg-boss should settle it. A payload that does not match
 * the catalogue can never succeed, so it goes straight to the dead letter queue; any other
 * error fails this attempt, and pg-boss retries it up to the queue's `retryLimit`.
 */
async function runJob(
  name: JobName,
  job: JobWithMetadata<object>,
  deps: WorkerDeps,
): Promise<JobResult> {
  const parsed = JOBS[name].payload.safeParse(job.data);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`)
      .join('; ');
    const message = `the payload does not match the catalogue (${problems})`;
    console.error(`[jobs] ${name} ${job.id}: ${message}`);
    return { id: job.id, status: 'deadletter', output: { name: 'BadPayload', message } };
  }
  const attempt: JobAttempt = {
    name,
    id: job.id,
    retryCount: job.retryCount,
    lastAttempt: job.retryCount >= job.retryLimit,
    signal: job.signal,
  };
  try {
    await deps.checkpoint?.(`${name}:start`);
    const output = await (HANDLERS[name] as Handler<JobName>)(deps, parsed.data, attempt);
    await deps.checkpoint?.(`${name}:handled`);
    return { id: job.id, status: 'completed', output };
  } catch (error) {
    if (error instanceof StaleAttemptError) console.warn(`[jobs] ${error.message}`);
    else
      console.error(
        `[jobs] ${name} ${job.id} attempt ${job.retryCount + 1} failed: ${describeError(error)}`,
      );
    return { id: job.id, status: 'failed', output: failureOutput(error) };
  }
}

/**
 * Registers every handler with pg-boss, schedules the daily proof-of-life sweep, scan for
 * duplicates and check of every stored file, and queues a refresh of the stored match keys if
 * they are out of date. Workers fetch jobs in batches (`batchSize` from the catalogue, fetching
 * again at once while batches come back full) and settle each job on its own, so one failure
 * does not retry its neighbours.
 *
 * @example
 * const queue = await startJobQueue(database);
 * await startWorker(queue, { db: database.db, files });
 */
export async function startWorker(
  queue: JobQueue,
  deps: WorkerDeps,
  options: WorkerOptions = {},
): Promise<void> {
  for (const name of JOB_NAMES) {
    const { batchSize } = JOBS[name];
    await queue.boss.work(
      name,
      {
        batchSize,
        burstWhenBatchFull: batchSize > 1,
        pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1,
        perJobResults: true,
        includeMetadata: true,
      },
      async (jobs: JobWithMetadata<object>[]) => {
        const results: JobResult[] = [];
        for (const job of jobs) results.push(await runJob(name, job, deps));
        return results;
      },
    );
  }
  await queue.boss.schedule(
    'persons.proof-of-life-sweep',
    PROOF_OF_LIFE_SWEEP_CRON,
    {},
    { tz: 'UTC', missed: 'once' },
  );
  await queue.boss.schedule(
    'matching.find-duplicates',
    FIND_DUPLICATES_CRON,
    {},
    { tz: 'UTC', missed: 'once' },
  );
  await queue.boss.schedule(
    'sources.verify-files',
    VERIFY_FILES_CRON,
    {},
    { tz: 'UTC', missed: 'once' },
  );
  // After an upgrade that changed the blocking keys, the stored ones are recomputed once (one
  // job however many workers start: pg-boss keeps a single job per singleton key).
  if (!(await matchKeysCurrent(deps.db)))
    await queue.boss.send('matching.refresh-keys', {}, { singletonKey: 'refresh-keys' });
}
