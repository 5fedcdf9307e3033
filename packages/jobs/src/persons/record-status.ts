import { persons, recomputePersonStatus, reviewTasks, type Tx } from '@vigil/db';
import { and, eq, inArray } from 'drizzle-orm';
import { auditWorkerChange } from '../audit.ts';

/** The review tasks `recomputePersonStatus` may open for a person, by their deduplication keys. */
const statusTaskKeys = (personId: string) => [`conflict:${personId}`, `contact_lost:${personId}`];

async function openStatusTasks(tx: Tx, personId: string) {
  return tx
    .select({ id: reviewTasks.id, kind: reviewTasks.kind, dedupeKey: reviewTasks.dedupeKey })
    .from(reviewTasks)
    .where(
      and(inArray(reviewTasks.dedupeKey, statusTaskKeys(personId)), eq(reviewTasks.state, 'open')),
    );
}

export interface RecordedStatus {
  /** The new summary label, or `null` when there is no such person. */
  summary: string | null;
  summaryChanged: boolean;
  contactLost: boolean;
  /** Review tasks this run opened (conflict, contact lost). */
  tasksOpened: number;
}

/**
 * Recomputes a person's derived status inside a job's fenced transaction and audits what it
 * changed: the summary label, and each review task it opened. Idempotent: a second run at the
 * same moment finds the same status and the tasks already open, and audits nothing.
 */
export async function recordPersonStatus(
  tx: Tx,
  personId: string,
  now: Date,
): Promise<RecordedStatus> {
  const [person] = await tx
    .select({ statusSummary: persons.statusSummary })
    .from(persons)
    .where(eq(persons.id, personId))
    .for('update');
  if (!person) return { summary: null, summaryChanged: false, contactLost: false, tasksOpened: 0 };
  const tasksBefore = new Set((await openStatusTasks(tx, personId)).map((t) => t.id));
  const status = await recomputePersonStatus(tx, personId, now);
  if (!status) return { summary: null, summaryChanged: false, contactLost: false, tasksOpened: 0 };
  const summaryChanged = person.statusSummary !== status.summary;
  if (summaryChanged) {
    await auditWorkerChange(tx, 'update', 'person', personId, {
      statusSummary: [person.statusSummary, status.summary],
    });
  }
  const opened = (await openStatusTasks(tx, personId)).filter((t) => !tasksBefore.has(t.id));
  for (const task of opened) {
    await auditWorkerChange(tx, 'create', 'review_task', task.id, {
      kind: [null, task.kind],
      dedupeKey: [null, task.dedupeKey],
      personId: [null, personId],
    });
  }
  return {
    summary: status.summary,
    summaryChanged,
    contactLost: status.flags.contactLost,
    tasksOpened: opened.length,
  };
}
