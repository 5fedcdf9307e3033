import { contentKey, sourceFiles, sources } from '@vigil/db';
import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { auditWorkerChange } from '../audit.ts';
import { runFenced } from '../fencing.ts';
import type { Handler } from '../handler.ts';
import { openOrUpdateTask } from '../review-tasks.ts';
import { fetchSnapshot, SnapshotError, type WebSnapshot } from './fetch-snapshot.ts';
import { archiveTaskKey, markSourceArchived, storeSourceFile } from './stored-source.ts';

const EXTENSIONS: Record<string, string> = {
  'text/html': 'html',
  'application/xhtml+xml': 'xhtml',
  'application/pdf': 'pdf',
  'text/plain': 'txt',
  'application/json': 'json',
  'image/jpeg': 'jpg',
  'image/png': 'png',
};

/** `web snapshot of news.example.html`: the file name a stored snapshot is listed under. */
function snapshotFilename(snapshot: WebSnapshot): string {
  const host = new URL(snapshot.url).hostname.replace(/[^a-z0-9.-]/gi, '_');
  return `web snapshot of ${host}.${EXTENSIONS[snapshot.mediaType] ?? 'bin'}`;
}

/**
 * `sources.archive`: keeps a copy of a source. It first stores any uploaded file of the source
 * that is not hashed yet (as `sources.hash-file` does). A source with no stored file and a URL
 * is fetched when network archiving is configured (`deps.archiveFetch`), and the page is stored
 * by its SHA-256 as one of the source's files; the source is then `archived`. Otherwise the
 * source stays `pending` and an `archive_source` review task (`archive:<sourceId>`) says why.
 * Every change is audited; a retry has the effect of one run.
 */
export const archiveSource: Handler<'sources.archive'> = async (deps, { sourceId }, attempt) => {
  const { db, files, archiveFetch } = deps;
  const [source] = await db.select().from(sources).where(eq(sources.id, sourceId));
  if (!source) return { skipped: 'the source no longer exists' };

  const unhashed = await db
    .select()
    .from(sourceFiles)
    .where(and(eq(sourceFiles.sourceId, sourceId), isNull(sourceFiles.sha256)));
  for (const file of unhashed) await storeSourceFile(deps, file, attempt);
  const [stored] = await db
    .select({ id: sourceFiles.id })
    .from(sourceFiles)
    .where(and(eq(sourceFiles.sourceId, sourceId), isNotNull(sourceFiles.sha256)))
    .limit(1);
  if (stored) {
    if (source.archiveStatus !== 'archived')
      await runFenced(db, attempt, (tx) => markSourceArchived(tx, sourceId));
    return { archived: true, filesStored: unhashed.length };
  }
  if (source.archiveStatus === 'not_applicable')
    return { archived: false, reason: 'archiving does not apply to this source' };

  let pending: string;
  if (!source.url) {
    pending =
      'It has no web address and no stored file: upload a copy (a scan, a screenshot, the document).';
  } else if (!archiveFetch) {
    pending = `Network archiving is turned off on this instance (VIGIL_ARCHIVE_FETCH): save a copy of ${source.url} and upload it.`;
  } else {
    try {
      const snapshot = await fetchSnapshot(source.url, { ...archiveFetch, signal: attempt.signal });
      const { key, sha256 } = await files.storeBytes(snapshot.bytes);
      await runFenced(db, attempt, async (tx) => {
        const [already] = await tx
          .select({ id: sourceFiles.id })
          .from(sourceFiles)
          .where(and(eq(sourceFiles.sourceId, sourceId), eq(sourceFiles.sha256, sha256)));
        if (!already) {
          const [file] = await tx
            .insert(sourceFiles)
            .values({
              sourceId,
              filename: snapshotFilename(snapshot),
              mediaType: snapshot.mediaType,
              size: snapshot.bytes.byteLength,
              storageKey: key,
              sha256,
            })
            .returning({ id: sourceFiles.id });
          await auditWorkerChange(tx, 'create', 'source_file', file!.id, {
            sourceId: [null, sourceId],
            mediaType: [null, snapshot.mediaType],
            size: [null, snapshot.bytes.byteLength],
            sha256: [null, sha256],
          });
        }
        await markSourceArchived(tx, sourceId);
      });
      return { archived: true, sha256, storageKey: contentKey(sha256) };
    } catch (error) {
      if (!(error instanceof SnapshotError)) throw error;
      pending = `Fetching ${source.url} failed: ${error.message}. Save a copy by hand and upload it.`;
    }
  }
  await runFenced(db, attempt, (tx) =>
    openOrUpdateTask(tx, {
      kind: 'archive_source',
      sourceId,
      dedupeKey: archiveTaskKey(sourceId),
      detail: `Archiving is pending. ${pending}`,
    }),
  );
  return { archived: false, reason: pending };
};
