import { findPersonsToSweep } from '@vigil/db';
import { runFenced } from '../fencing.ts';
import type { Handler } from '../handler.ts';
import { recordPersonStatus } from './record-status.ts';

/** How many persons one fenced transaction recomputes. */
export const SWEEP_BATCH_SIZE = 100;

/**
 * `persons.proof-of-life-sweep` (daily): recomputes the status of everyone held, of unknown
 * liberty or never computed, a batch per fenced transaction, so that a "contact lost" task
 * opens for each person whose last proof of life is now older than the window. A retry starts
 * again from the first batch; recomputing is idempotent, so it only finishes the work.
 */
export const sweepProofOfLife: Handler<'persons.proof-of-life-sweep'> = async (
  { db, now },
  _payload,
  attempt,
) => {
  const at = now?.() ?? new Date();
  let after: string | null = null;
  let persons = 0;
  let contactLost = 0;
  let tasksOpened = 0;
  for (;;) {
    const batch = await findPersonsToSweep(db, { after, limit: SWEEP_BATCH_SIZE });
    if (batch.length === 0) break;
    await runFenced(db, attempt, async (tx) => {
      for (const personId of batch) {
        const recorded = await recordPersonStatus(tx, personId, at);
        if (recorded.contactLost) contactLost++;
        tasksOpened += recorded.tasksOpened;
      }
    });
    persons += batch.length;
    after = batch.at(-1) ?? null;
    if (batch.length < SWEEP_BATCH_SIZE) break;
  }
  return { persons, contactLost, tasksOpened };
};
