import { duplicateTaskOf, findDuplicatePairs } from '@vigil/db';
import { runFenced } from '../fencing.ts';
import type { JobAttempt, WorkerDeps } from '../handler.ts';
import { openOrUpdateTask } from '../review-tasks.ts';

/**
 * Scheduled, or requested by a reviewer: opens a review task for each likely duplicate pair
 * nobody has judged yet (audited, as every task a job opens), and brings the score of a pair's
 * open task up to date.
 */
export async function findDuplicatesJob(
  { db }: WorkerDeps,
  _payload: Record<string, never>,
  attempt: JobAttempt,
) {
  const pairs = await findDuplicatePairs(db);
  const opened = await runFenced(db, attempt, async (tx) => {
    let count = 0;
    for (const pair of pairs)
      if ((await openOrUpdateTask(tx, duplicateTaskOf(pair))).change === 'opened') count++;
    return count;
  });
  return { pairs: pairs.length, opened };
}
