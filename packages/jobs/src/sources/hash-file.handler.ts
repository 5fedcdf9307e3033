import { appendAudit, sourceFiles, sources, type Db, type FileStore } from '@vigil/db';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { JobPayload } from '../catalogue.ts';

export interface HandlerDeps {
  db: Db;
  files: FileStore;
}

/**
 * Hashes an uploaded file, moves it to its content address and records the SHA-256.
 * Idempotent: a file already hashed is left as it is, so a retry after a crash has one effect.
 */
export async function hashSourceFile({ db, files }: HandlerDeps, { fileId }: JobPayload<'sources.hash-file'>) {
  const [file] = await db.select().from(sourceFiles).where(eq(sourceFiles.id, fileId));
  if (!file || file.sha256) return { skipped: true };
  const { key, sha256 } = await files.promote(file.storageKey);
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(sourceFiles)
      .set({ sha256, storageKey: key })
      .where(and(eq(sourceFiles.id, fileId), isNull(sourceFiles.sha256)))
      .returning({ sourceId: sourceFiles.sourceId });
    const sourceId = updated[0]?.sourceId;
    if (!sourceId) return;
    await tx
      .update(sources)
      .set({ archiveStatus: 'archived', version: sql`${sources.version} + 1`, updatedAt: new Date() })
      .where(eq(sources.id, sourceId));
    await appendAudit(tx, {
      actorId: 'worker',
      action: 'update',
      entity: 'source_file',
      entityId: fileId,
      diff: { sha256: [null, sha256] },
    });
  });
  return { sha256 };
}
