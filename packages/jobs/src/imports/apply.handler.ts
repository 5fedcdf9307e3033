import { applyImport, failImport } from '@vigil/db';
import { JOBS, type JobPayload } from '../catalogue.ts';
import { runFenced, StaleAttemptError } from '../fencing.ts';
import type { JobAttempt, WorkerDeps } from '../handler.ts';

/**
 * Applies a confirmed import: all rows or none, the final write fenced to this attempt (see
 * `applyImport`). When the last attempt fails, the import is marked failed with the reason, so
 * the user sees it instead of a progress bar that never moves.
 */
export async function applyImportJob(
  { db, files }: WorkerDeps,
  { importId }: JobPayload<'imports.apply'>,
  attempt: JobAttempt,
) {
  try {
    const summary = await applyImport(db, importId, {
      transaction: (work) => runFenced(db, attempt, work),
      files,
    });
    return { ...(summary ?? { skipped: true }) };
  } catch (error) {
    if (
      !(error instanceof StaleAttemptError) &&
      attempt.retryCount >= JOBS['imports.apply'].queue.retryLimit
    ) {
      await failImport(
        db,
        importId,
        `The import could not be applied: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    throw error;
  }
}
