import { findDuplicatePairs, openDuplicateTasks } from '@vigil/db';
import { runFenced } from '../fencing.ts';
import type { JobAttempt, WorkerDeps } from '../handler.ts';

/** Scheduled: opens a review task for each likely duplicate pair nobody has judged yet. */
export async function findDuplicatesJob(
  { db }: WorkerDeps,
  _payload: Record<string, never>,
  attempt: JobAttempt,
) {
  const pairs = await findDuplicatePairs(db);
  const opened = await runFenced(db, attempt, (tx) => openDuplicateTasks(tx, pairs));
  return { pairs: pairs.length, opened };
}
