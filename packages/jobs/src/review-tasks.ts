import {
  findOpenReviewTask,
  openReviewTask,
  reviewTasks,
  type ReviewTaskRow,
  type Tx,
} from '@vigil/db';
import { eq, sql } from 'drizzle-orm';
import { auditWorkerChange } from './audit.ts';

type NewTask = Omit<typeof reviewTasks.$inferInsert, 'dedupeKey' | 'state' | 'detail'> & {
  dedupeKey: string;
  detail: string;
};

/** What an idempotent job did to a review task. */
export type TaskChange = 'opened' | 'updated' | 'unchanged';

/** Audits a task the job opened: its kind, key and what it is about (ids only). */
async function auditOpened(tx: Tx, task: ReviewTaskRow) {
  await auditWorkerChange(tx, 'create', 'review_task', task.id, {
    kind: [null, task.kind],
    dedupeKey: [null, task.dedupeKey],
    ...(task.claimId ? { claimId: [null, task.claimId] } : {}),
    ...(task.personId ? { personId: [null, task.personId] } : {}),
    ...(task.otherPersonId ? { otherPersonId: [null, task.otherPersonId] } : {}),
    ...(task.sourceId ? { sourceId: [null, task.sourceId] } : {}),
  });
}

async function setDetail(tx: Tx, task: ReviewTaskRow, detail: string) {
  await tx
    .update(reviewTasks)
    .set({ detail, version: sql`${reviewTasks.version} + 1`, updatedAt: new Date() })
    .where(eq(reviewTasks.id, task.id));
  await auditWorkerChange(tx, 'update', 'review_task', task.id, { detail: [task.detail, detail] });
}

/**
 * Opens a review task, or brings the detail of the open task with the same key up to date.
 * Audited; a second run with the same detail changes nothing.
 */
export async function openOrUpdateTask(
  tx: Tx,
  values: NewTask,
): Promise<{ task: ReviewTaskRow; change: TaskChange }> {
  const { task, opened } = await openReviewTask(tx, values);
  if (opened) {
    await auditOpened(tx, task);
    return { task, change: 'opened' };
  }
  if (task.detail === values.detail) return { task, change: 'unchanged' };
  await setDetail(tx, task, values.detail);
  return { task: { ...task, detail: values.detail }, change: 'updated' };
}

/**
 * Opens a review task, or adds `values.detail` as a new line to the open task with the same key
 * (one task per person may gather several disagreements). Audited; idempotent.
 */
export async function openOrExtendTask(tx: Tx, values: NewTask): Promise<TaskChange> {
  const { task, opened } = await openReviewTask(tx, values);
  if (opened) {
    await auditOpened(tx, task);
    return 'opened';
  }
  if (task.detail?.includes(values.detail)) return 'unchanged';
  await setDetail(tx, task, task.detail ? `${task.detail}\n${values.detail}` : values.detail);
  return 'updated';
}

/** Updates the detail of the open task with this key, if there is one. Audited; idempotent. */
export async function updateOpenTaskDetail(
  tx: Tx,
  dedupeKey: string,
  detail: string,
): Promise<TaskChange | null> {
  const task = await findOpenReviewTask(tx, dedupeKey);
  if (!task) return null;
  if (task.detail === detail) return 'unchanged';
  await setDetail(tx, task, detail);
  return 'updated';
}

/** Closes the open task with this key, giving the reason. Audited; does nothing when none is open. */
export async function closeOpenTask(tx: Tx, dedupeKey: string, reason: string): Promise<boolean> {
  const task = await findOpenReviewTask(tx, dedupeKey);
  if (!task) return false;
  await tx
    .update(reviewTasks)
    .set({ state: 'done', reason, version: sql`${reviewTasks.version} + 1`, updatedAt: new Date() })
    .where(eq(reviewTasks.id, task.id));
  await auditWorkerChange(tx, 'update', 'review_task', task.id, {
    state: ['open', 'done'],
    reason: [task.reason, reason],
  });
  return true;
}
