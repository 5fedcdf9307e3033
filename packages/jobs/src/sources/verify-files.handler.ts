import { fileDamageDetail, fileIntegrityTaskKey, type StoredFileState } from '@vigil/domain';
import { checkStoredFile, reviewTasks, sourceFiles } from '@vigil/db';
import { and, asc, eq, gt, inArray, isNotNull, or, type SQL } from 'drizzle-orm';
import { runFenced } from '../fencing.ts';
import type { Handler } from '../handler.ts';
import { closeOpenTask, openOrUpdateTask } from '../review-tasks.ts';

/** How many files one fenced transaction records the findings of. */
export const VERIFY_BATCH_SIZE = 100;

/** Why the sweep closes a file's task. */
export const FILE_INTACT_AGAIN = 'The stored copy matches its SHA-256 again.';

/**
 * `sources.verify-files` (daily): re-reads every stored file, in order of SHA-256 so that bytes
 * several records share are read once, and checks that they still hash to their name. Each
 * file found changed or missing gets a `file_integrity` review task (one per file, key
 * `file_integrity:<fileId>`), and a file found intact again has its task closed. One file is in
 * memory at a time; findings are written a batch per fenced transaction. A retry starts again
 * from the first file; opening and closing tasks is idempotent, so it only finishes the work.
 * Files still waiting for their hash job are left to it.
 */
export const verifySourceFiles: Handler<'sources.verify-files'> = async (
  { db, files },
  _payload,
  attempt,
) => {
  let after: { sha256: string; id: string } | null = null;
  // The last bytes read, so that a file sharing them is not read again.
  let previous = null as { sha256: string; state: StoredFileState } | null;
  const counts = { checked: 0, damaged: 0, missing: 0, tasksOpened: 0, tasksClosed: 0 };
  for (;;) {
    const conditions: SQL[] = [isNotNull(sourceFiles.sha256)];
    if (after)
      conditions.push(
        or(
          gt(sourceFiles.sha256, after.sha256),
          and(eq(sourceFiles.sha256, after.sha256), gt(sourceFiles.id, after.id)),
        )!,
      );
    const batch = await db
      .select({
        id: sourceFiles.id,
        sourceId: sourceFiles.sourceId,
        filename: sourceFiles.filename,
        sha256: sourceFiles.sha256,
      })
      .from(sourceFiles)
      .where(and(...conditions))
      .orderBy(asc(sourceFiles.sha256), asc(sourceFiles.id))
      .limit(VERIFY_BATCH_SIZE);
    if (batch.length === 0) break;

    const findings: { file: (typeof batch)[number]; state: StoredFileState }[] = [];
    for (const file of batch) {
      attempt.signal?.throwIfAborted();
      const sha256 = file.sha256!;
      if (previous?.sha256 !== sha256)
        previous = { sha256, state: (await checkStoredFile(files, sha256)).state };
      findings.push({ file, state: previous.state });
      counts.checked++;
      if (previous.state !== 'intact') counts.damaged++;
      if (previous.state === 'missing') counts.missing++;
    }

    const open = await db
      .select({ dedupeKey: reviewTasks.dedupeKey })
      .from(reviewTasks)
      .where(
        and(
          eq(reviewTasks.state, 'open'),
          inArray(
            reviewTasks.dedupeKey,
            batch.map((file) => fileIntegrityTaskKey(file.id)),
          ),
        ),
      );
    const openKeys = new Set(open.map((task) => task.dedupeKey));
    const damaged = findings.filter((f) => f.state !== 'intact');
    const repaired = findings.filter(
      (f) => f.state === 'intact' && openKeys.has(fileIntegrityTaskKey(f.file.id)),
    );
    if (damaged.length > 0 || repaired.length > 0) {
      await runFenced(db, attempt, async (tx) => {
        for (const { file, state } of damaged) {
          if (state === 'intact') continue;
          const { change } = await openOrUpdateTask(tx, {
            kind: 'file_integrity',
            sourceId: file.sourceId,
            dedupeKey: fileIntegrityTaskKey(file.id),
            detail: fileDamageDetail(state, file.filename),
          });
          if (change === 'opened') counts.tasksOpened++;
        }
        for (const { file } of repaired)
          if (await closeOpenTask(tx, fileIntegrityTaskKey(file.id), FILE_INTACT_AGAIN))
            counts.tasksClosed++;
      });
    }

    const last = batch.at(-1)!;
    after = { sha256: last.sha256!, id: last.id };
    if (batch.length < VERIFY_BATCH_SIZE) break;
  }
  return counts;
};
