import { runFenced } from '../fencing.ts';
import type { Handler } from '../handler.ts';
import { recordPersonStatus } from './record-status.ts';

/**
 * `persons.recompute-status`: recomputes and stores one person's derived status (opening the
 * conflict and contact-lost tasks it calls for), in one fenced, audited transaction.
 */
export const recomputeStatus: Handler<'persons.recompute-status'> = async (
  { db, now },
  { personId },
  attempt,
) => {
  const at = now?.() ?? new Date();
  const recorded = await runFenced(db, attempt, (tx) => recordPersonStatus(tx, personId, at));
  return { ...recorded };
};
