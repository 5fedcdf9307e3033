import { applyImport, failImport, matchImport, type Db } from '@vigil/db';
import { JOBS, type JobPayload } from '../catalogue.ts';
import { runFenced, StaleAttemptError } from '../fencing.ts';
import type { JobAttempt, WorkerDeps } from '../handler.ts';

/**
 * Runs one step of an import; when the step's last attempt fails, the import is marked failed
 * with the reason, so the user sees it instead of a progress bar that never moves.
 */
async function markedFailedOnLastAttempt<T>(
  db: Db,
  importId: string,
  attempt: JobAttempt & { name: 'imports.apply' | 'imports.match-list' },
  failure: string,
  step: () => Promise<T>,
): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (
      !(error instanceof StaleAttemptError) &&
      attempt.retryCount >= JOBS[attempt.name].queue.retryLimit
    ) {
      const reason = error instanceof Error ? error.message : String(error);
      await failImport(db, importId, `${failure}: ${reason}`);
    }
    throw error;
  }
}

/** Applies a confirmed import: all rows or none, the final write fenced to this attempt. */
export async function applyImportJob(
  { db, files }: WorkerDeps,
  { importId }: JobPayload<'imports.apply'>,
  attempt: JobAttempt,
) {
  const summary = await markedFailedOnLastAttempt(
    db,
    importId,
    { ...attempt, name: 'imports.apply' },
    'The import could not be applied',
    () => applyImport(db, importId, { transaction: (work) => runFenced(db, attempt, work), files }),
  );
  return { ...(summary ?? { skipped: true }) };
}

/** The dry run of a long list: every row matched with progress, then left for confirmation. */
export async function matchListJob(
  { db }: WorkerDeps,
  { importId }: JobPayload<'imports.match-list'>,
  attempt: JobAttempt,
) {
  const previewed = await markedFailedOnLastAttempt(
    db,
    importId,
    { ...attempt, name: 'imports.match-list' },
    'The dry run could not be finished',
    () => matchImport(db, importId, { transaction: (work) => runFenced(db, attempt, work) }),
  );
  return { previewed };
}
