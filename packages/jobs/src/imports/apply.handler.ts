import { AppError } from '@vigil/domain';
import { applyImport, failImport, matchImport, type Db } from '@vigil/db';
import type { JobPayload } from '../catalogue.ts';
import { runFenced, StaleAttemptError } from '../fencing.ts';
import type { JobAttempt, WorkerDeps } from '../handler.ts';

/**
 * Runs one step of an import; when the step's last attempt fails, the import is marked failed
 * with the reason, so the user sees it instead of a progress bar that never moves. Only an
 * AppError's safe message reaches the user: any other error (a database error carries the
 * query's values, the list's own names) is described in the worker's log alone.
 */
async function markedFailedOnLastAttempt<T>(
  db: Db,
  importId: string,
  attempt: JobAttempt,
  failure: string,
  step: () => Promise<T>,
): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (!(error instanceof StaleAttemptError) && attempt.lastAttempt) {
      const reason =
        error instanceof AppError
          ? `: ${error.safeMessage}`
          : ` after ${attempt.retryCount + 1} attempts; the worker's log has the cause. Try the import again, or ask an administrator.`;
      await failImport(db, importId, `${failure}${reason}`);
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
    attempt,
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
    attempt,
    'The dry run could not be finished',
    () => matchImport(db, importId, { transaction: (work) => runFenced(db, attempt, work) }),
  );
  return { previewed };
}
