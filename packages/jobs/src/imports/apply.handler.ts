import { applyImport, failImport, type Db } from '@vigil/db';

/**
 * Applies a confirmed import (all rows or none; see `applyImport`). When the last attempt
 * fails, the import is marked failed with the reason, so the user sees it instead of a
 * progress bar that never moves.
 */
export async function applyImportJob(
  { db }: { db: Db },
  { importId }: { importId: string },
  attempt: { final: boolean } = { final: true },
) {
  try {
    return await applyImport(db, importId);
  } catch (error) {
    if (attempt.final) await failImport(db, importId, `The import could not be applied: ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  }
}
