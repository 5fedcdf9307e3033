import {
  AppError,
  belowStaffCopyOf,
  canonicalMediaType,
  checkDeclaredMediaType,
  fileCopyFor,
  fileDamageDetail,
  fileIntegrityTaskKey,
  IdSchema,
  isTextContent,
  type FileCopy,
  type StoredFileState,
} from '@vigil/domain';
import {
  appendAudit,
  checkStoredFile,
  openReviewTask,
  reviewTasks,
  sourceFiles,
  sources,
} from '@vigil/db';
import { and, eq, inArray } from 'drizzle-orm';
import { fileTypeFromBuffer, supportedMimeTypes } from 'file-type';
import { auditChange } from '../audit.ts';
import type { Actor, Deps, ServiceContext } from '../context.ts';
import { assertActorMay } from '../permissions.ts';
import { assertVisible } from '../redaction.ts';
import { ImageMetadataError, stripImageMetadata } from './strip-image-metadata.ts';
import { PdfMetadataError, stripPdfMetadata } from './strip-pdf-metadata.ts';

/** The media type the content's magic bytes show, or null when they show none (text, say). */
async function detectMediaType(bytes: Uint8Array): Promise<string | null> {
  try {
    return (await fileTypeFromBuffer(bytes))?.mime ?? null;
  } catch {
    // A detector that trips over malformed content has recognised nothing.
    return null;
  }
}

/**
 * BAD_INPUT naming `mediaType` when an upload's content is not what it was declared to be
 * (the rule is `checkDeclaredMediaType` in `@vigil/domain`; `file-type` reads the magic bytes).
 */
export async function assertContentMatchesMediaType(bytes: Uint8Array, mediaType: string) {
  const problem = checkDeclaredMediaType(mediaType, {
    detected: await detectMediaType(bytes),
    isText: isTextContent(bytes),
    recognizable: supportedMimeTypes,
  });
  if (problem) throw AppError.badInput([{ field: 'mediaType', message: problem }]);
}

/** The ids of the files among `fileIds` that a check found damaged or missing (an open task). */
export async function findDamagedFiles(ctx: ServiceContext, fileIds: string[]) {
  if (fileIds.length === 0) return new Set<string>();
  const keys = new Map(fileIds.map((id) => [fileIntegrityTaskKey(id), id]));
  const open = await ctx.db
    .select({ dedupeKey: reviewTasks.dedupeKey })
    .from(reviewTasks)
    .where(and(eq(reviewTasks.state, 'open'), inArray(reviewTasks.dedupeKey, [...keys.keys()])));
  return new Set(open.map((task) => keys.get(task.dedupeKey!)!));
}

/** A stored file as one caller may download it. */
export interface SourceFileCopy {
  id: string;
  filename: string;
  mediaType: string;
  bytes: Uint8Array;
  /** Whether metadata was removed from this copy (a photo or PDF, for a caller below staff). */
  metadataRemoved: boolean;
}

/**
 * Opens (once: the key deduplicates) the review task that tells staff a stored file is damaged
 * or missing; audited as the reader's doing. The sweep (`sources.verify-files`) uses the same key.
 */
async function reportDamage(
  ctx: ServiceContext,
  file: typeof sourceFiles.$inferSelect,
  state: Exclude<StoredFileState, 'intact'>,
) {
  await ctx.db.transaction(async (tx) => {
    const { task, opened } = await openReviewTask(tx, {
      kind: 'file_integrity',
      sourceId: file.sourceId,
      dedupeKey: fileIntegrityTaskKey(file.id),
      detail: fileDamageDetail(state, file.filename),
    });
    if (opened)
      await auditChange(tx, ctx, 'create', 'review_task', task.id, null, {
        kind: task.kind,
        dedupeKey: task.dedupeKey,
        sourceId: task.sourceId,
      });
  });
}

/** How a refused file is named to the user: what they clicked on. */
function fileNoun(mediaType: string) {
  const type = canonicalMediaType(mediaType);
  if (type === 'application/pdf') return 'PDF';
  return type.startsWith('image/') ? 'image' : 'file';
}

/**
 * The bytes a caller cleared below staff gets of a file they may not have as stored: cleaned,
 * or FORBIDDEN when its type cannot be cleaned, or its content could not be read to clean it
 * (an encrypted PDF, a broken JPEG), so that it never leaves with its metadata.
 */
async function copyWithoutMetadata(
  bytes: Uint8Array,
  copy: Exclude<FileCopy, { kind: 'original' }>,
  content: { declared: string; detected: string | null },
): Promise<Uint8Array> {
  const refused = (reason: string, cause?: unknown) =>
    new AppError(
      'FORBIDDEN',
      `Only staff may download this ${fileNoun(content.declared)}: ${reason}, so the metadata that can show who made it (an author, a place, a device) could not be removed`,
      { cause },
    );
  if (copy.kind === 'withheld') {
    const type = canonicalMediaType(content.detected ?? content.declared);
    throw refused(
      content.detected || belowStaffCopyOf(type).kind === 'withheld'
        ? `Vigil cannot clean files of this type (${type})`
        : `its content is not what its type (${type}) says`,
    );
  }
  if (copy.format === 'application/pdf') {
    try {
      return await stripPdfMetadata(bytes);
    } catch (error) {
      if (!(error instanceof PdfMetadataError)) throw error;
      throw refused(error.message, error);
    }
  }
  try {
    return stripImageMetadata(bytes, copy.format);
  } catch (error) {
    if (!(error instanceof ImageMetadataError)) throw error;
    throw refused('it could not be read', error);
  }
}

/**
 * The bytes of one source file for a caller allowed to read its source (a file of a source above
 * their clearance is NOT_FOUND, as a missing one is). Its SHA-256 is checked on every read: a
 * damaged or missing file is never served, and opens a `file_integrity` review task. A caller
 * cleared below staff gets plain text as stored, a photo or PDF without its metadata, and no other
 * file at all (FORBIDDEN): nor one whose metadata could not be removed, such as an encrypted PDF
 * (`fileCopyFor`). A read of a restricted source's file is audited before it is returned.
 *
 * @example
 * const copy = await readSourceFile(ctx, fileId); // { filename, mediaType, bytes, … }
 */
export async function readSourceFile(ctx: ServiceContext, fileId: string): Promise<SourceFileCopy> {
  const id = IdSchema.safeParse(fileId);
  if (!id.success) throw AppError.badInput([{ field: 'fileId', message: 'must be a valid id' }]);
  const [row] = await ctx.db
    .select({ file: sourceFiles, sensitivity: sources.sensitivity })
    .from(sourceFiles)
    .innerJoin(sources, eq(sources.id, sourceFiles.sourceId))
    .where(eq(sourceFiles.id, id.data));
  assertVisible(row, ctx.actor.clearance, 'File');
  const { file, sensitivity } = row!;
  if (!file.sha256)
    throw new AppError(
      'CONFLICT',
      'This file is still being stored: its SHA-256 is not recorded yet. Try again in a minute.',
    );
  const found = await checkStoredFile(ctx.files, file.sha256);
  if (found.state !== 'intact') {
    await reportDamage(ctx, file, found.state);
    throw new AppError(
      'INTERNAL',
      'This file is damaged: its stored copy is missing or no longer matches its SHA-256, so it is not served. Staff have been asked to restore it.',
      { logMessage: `source file ${file.id} is ${found.state}` },
    );
  }

  const content = {
    declared: file.mediaType,
    detected: await detectMediaType(found.bytes),
    isText: isTextContent(found.bytes),
  };
  const copy = fileCopyFor(content, ctx.actor.clearance);
  const bytes =
    copy.kind === 'original' ? found.bytes : await copyWithoutMetadata(found.bytes, copy, content);

  if (sensitivity === 'restricted')
    await ctx.db.transaction((tx) =>
      appendAudit(tx, {
        actorId: ctx.actor.id,
        action: 'read_restricted',
        entity: 'source_file',
        entityId: file.id,
        ip: ctx.ip,
        diff: { sourceId: file.sourceId, copy: copy.kind },
      }),
    );
  return {
    id: file.id,
    filename: file.filename,
    mediaType: file.mediaType,
    bytes,
    metadataRemoved: copy.kind === 'without_metadata',
  };
}

/**
 * {@link readSourceFile} for an HTTP route outside tRPC: first the checks `procedureFor('read')`
 * makes of a procedure's caller (signed in, a role that may read, an admin's second factor set
 * up), with the same answers.
 */
export async function downloadSourceFile(
  deps: Deps,
  caller: { actor: Actor | null; ip: string | null },
  fileId: string,
): Promise<SourceFileCopy> {
  const { actor, ip } = caller;
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  assertActorMay(actor, 'read');
  return readSourceFile({ ...deps, actor, ip }, fileId);
}
