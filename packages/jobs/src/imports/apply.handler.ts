import { applyImport, failImport, matchImport } from '@vigil/db';
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

/**
 * The dry run of a long list: matches every row with progress, then leaves the import for its
 * importer to confirm. When the last attempt fails, the import is marked failed with the reason.
 */
export async function matchListJob(
  { db }: WorkerDeps,
  { importId }: JobPayload<'imports.match-list'>,
  attempt: JobAttempt,
) {
  try {
    return {
      previewed: await matchImport(db, importId, {
        transaction: (work) => runFenced(db, attempt, work),
      }),
    };
  } catch (error) {
    if (
      !(error instanceof StaleAttemptError) &&
      attempt.retryCount >= JOBS['imports.match-list'].queue.retryLimit
    ) {
      await failImport(
        db,
        importId,
        `The dry run could not be finished: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    throw error;
  }
}
