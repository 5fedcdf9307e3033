import { isStagingKey, sourceFiles, sources, type Tx } from '@vigil/db';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { auditWorkerChange } from '../audit.ts';
import { runFenced } from '../fencing.ts';
import type { JobAttempt, WorkerDeps } from '../handler.ts';
import { closeOpenTask } from '../review-tasks.ts';

/** The review task that asks a person to archive a source by hand. */
export const archiveTaskKey = (sourceId: string) => `archive:${sourceId}`;

/**
 * Marks a source archived once a copy of it is stored, and closes its "archive this source"
 * task. Audited; does nothing when the source is archived already.
 */
export async function markSourceArchived(tx: Tx, sourceId: string): Promise<void> {
  const [source] = await tx
    .select({ archiveStatus: sources.archiveStatus })
    .from(sources)
    .where(eq(sources.id, sourceId))
    .for('update');
  if (source && source.archiveStatus !== 'archived') {
    await tx
      .update(sources)
      .set({
        archiveStatus: 'archived',
        version: sql`${sources.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(sources.id, sourceId));
    await auditWorkerChange(tx, 'update', 'source', sourceId, {
      archiveStatus: [source.archiveStatus, 'archived'],
    });
  }
  await closeOpenTask(tx, archiveTaskKey(sourceId), 'A copy of the source is now stored.');
}

type SourceFileRow = typeof sourceFiles.$inferSelect;

/**
 * Stores one uploaded file at its content address in three steps, each safe to repeat:
 * 1. copy the staged bytes to `sha256/…` (skipped when an intact copy is there);
 * 2. record the SHA-256 (and mark the source archived) in one fenced, audited transaction,
 *    only if no attempt recorded it yet;
 * 3. discard the staged copy.
 * A crash before step 2 leaves the staged file, which the retry copies again; a crash after it
 * leaves a recorded hash and a staged file, which the retry only discards. Either way the file
 * is never lost and the hash is recorded, and audited, once.
 */
export async function storeSourceFile(
  { db, files, checkpoint }: WorkerDeps,
  file: SourceFileRow,
  attempt: JobAttempt,
): Promise<{ sha256: string; recorded: boolean }> {
  const staged = isStagingKey(file.storageKey) ? file.storageKey : null;
  if (file.sha256) {
    if (staged && (await files.exists(staged))) {
      const { sha256 } = await files.storeStaged(staged);
      if (sha256 !== file.sha256)
        throw new Error(`staged file ${file.id} no longer matches its recorded hash`);
      await files.discardStaged(staged);
    }
    return { sha256: file.sha256, recorded: false };
  }
  let sha256: string;
  if (staged) {
    ({ sha256 } = await files.storeStaged(staged));
  } else {
    // Recorded by an older version at its content address already: check it and record the hash.
    sha256 = file.storageKey.slice(-64);
    await files.readVerified(sha256);
  }
  await checkpoint?.('sources.hash-file:stored');
  const recorded = await runFenced(db, attempt, async (tx) => {
    const updated = await tx
      .update(sourceFiles)
      .set({ sha256 })
      .where(and(eq(sourceFiles.id, file.id), isNull(sourceFiles.sha256)))
      .returning({ sourceId: sourceFiles.sourceId });
    const sourceId = updated[0]?.sourceId;
    if (!sourceId) return false;
    await auditWorkerChange(tx, 'update', 'source_file', file.id, { sha256: [null, sha256] });
    await markSourceArchived(tx, sourceId);
    return true;
  });
  await checkpoint?.('sources.hash-file:recorded');
  if (staged) await files.discardStaged(staged);
  return { sha256, recorded };
}
