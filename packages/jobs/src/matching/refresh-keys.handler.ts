import { markMatchKeysCurrent, matchKeysCurrent, refreshAllMatchKeys } from '@vigil/db';
import { BLOCKING_KEYS_VERSION } from '@vigil/domain';
import { auditWorkerChange } from '../audit.ts';
import { runFenced } from '../fencing.ts';
import type { JobAttempt, WorkerDeps } from '../handler.ts';

/**
 * Queued when a worker starts and finds the stored match keys older than the code's blocking
 * keys: recomputes every person's keys, so that imports and the scan for duplicates find in the
 * database what the matcher would find in memory. Idempotent; audited once it is done.
 */
export async function refreshKeysJob(
  { db }: WorkerDeps,
  _payload: Record<string, never>,
  attempt: JobAttempt,
) {
  if (await matchKeysCurrent(db)) return { refreshed: 0 };
  const refreshed = await refreshAllMatchKeys(db);
  await runFenced(db, attempt, async (tx) => {
    await markMatchKeysCurrent(tx);
    await auditWorkerChange(tx, 'update', 'match_keys', String(BLOCKING_KEYS_VERSION), {
      persons: [null, refreshed],
    });
  });
  return { refreshed };
}
