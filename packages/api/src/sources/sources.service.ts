import {
  AppError,
  canonicalMediaType,
  listedFileCopy,
  type SourceCreateSchema,
  type SourceFileUploadSchema,
  type SourceUpdateSchema,
} from '@vigil/domain';
import {
  claims,
  countClaims,
  eventParticipants,
  persons,
  sha256Hex,
  sourceFiles,
  sources,
} from '@vigil/db';
import { and, asc, count, eq, exists, gt, ilike, inArray, isNull, or } from 'drizzle-orm';
import { z } from 'zod';
import { auditChange } from '../audit.ts';
import type { ServiceContext } from '../context.ts';
import { decodeCursor, escapeLike, pageOf } from '../paging.ts';
import { assertVisible, redactRecord, visibleLevels } from '../redaction.ts';
import { updateVersioned } from '../versioned.ts';
import { visibleClaims } from '../claims/visible-claims.ts';
import { assertContentMatchesMediaType, findDamagedFiles } from './source-files.service.ts';

export const SourceListInputSchema = z.object({
  q: z.string().trim().max(200, 'must be at most 200 characters').optional(),
  kind: z.string().max(50).optional(),
  side: z.string().max(50).optional(),
  /** Only the sources of claims the caller may see about this person or their events. */
  personId: z.uuid('must be a valid id').optional(),
  cursor: z.string().max(500).optional(),
  limit: z.number().int().min(1).max(200, 'must be at most 200').default(50),
});

/** Largest file accepted through the API. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

type SourceRow = typeof sources.$inferSelect;

function present(ctx: ServiceContext, row: SourceRow) {
  return {
    ...redactRecord('source', row, ctx.actor.clearance),
    id: row.id,
    version: row.version,
    title: row.title,
  };
}

export async function createSource(ctx: ServiceContext, input: z.infer<typeof SourceCreateSchema>) {
  return ctx.db.transaction(async (tx) => {
    const archiveStatus = input.url ? 'pending' : 'not_applicable';
    const [source] = await tx
      .insert(sources)
      .values({ ...input, archiveStatus })
      .returning();
    if (input.url) await ctx.queue.enqueue(tx, 'sources.archive', { sourceId: source!.id });
    await auditChange(tx, ctx, 'create', 'source', source!.id, null, {
      ...input,
      content: input.content ? '[text]' : null,
    });
    return present(ctx, source!);
  });
}

/**
 * One source with its files (each marked `damaged` while a check has found its stored copy
 * changed or missing, and with the `copy` the caller would get: `original`, `without_metadata`,
 * or `withheld` for a type whose metadata Vigil cannot remove, by its stored type, which the
 * upload checked against the content) and how many claims and count claims cite it.
 */
/**
 * The files of sources, oldest first, by source: each with whether it is damaged and which copy
 * the caller would get (`listedFileCopy`).
 */
async function filesOfSources(ctx: ServiceContext, sourceIds: string[]) {
  const bySource = new Map<string, ListedSourceFile[]>();
  if (sourceIds.length === 0) return bySource;
  const files = await ctx.db
    .select({
      id: sourceFiles.id,
      sourceId: sourceFiles.sourceId,
      filename: sourceFiles.filename,
      mediaType: sourceFiles.mediaType,
      size: sourceFiles.size,
      sha256: sourceFiles.sha256,
      createdAt: sourceFiles.createdAt,
    })
    .from(sourceFiles)
    .where(inArray(sourceFiles.sourceId, sourceIds))
    .orderBy(asc(sourceFiles.createdAt), asc(sourceFiles.id));
  const damaged = await findDamagedFiles(
    ctx,
    files.map((f) => f.id),
  );
  for (const { sourceId, ...file } of files) {
    const listed = bySource.get(sourceId) ?? [];
    listed.push({
      ...file,
      damaged: damaged.has(file.id),
      copy: listedFileCopy(file.mediaType, ctx.actor.clearance),
    });
    bySource.set(sourceId, listed);
  }
  return bySource;
}

interface ListedSourceFile {
  id: string;
  filename: string;
  mediaType: string;
  size: number;
  /** Null until the worker has hashed the upload. */
  sha256: string | null;
  createdAt: Date;
  damaged: boolean;
  copy: ReturnType<typeof listedFileCopy>;
}

/**
 * The sources of the claims a caller may see about a person, or about an event they took part
 * in; none when the person is above the caller's clearance or deleted.
 */
function sourcesAboutPerson(ctx: ServiceContext, personId: string) {
  const person = and(
    eq(persons.id, personId),
    inArray(persons.sensitivity, visibleLevels(ctx.actor.clearance)),
    isNull(persons.hiddenAt),
  );
  return ctx.db
    .select({ id: claims.sourceId })
    .from(claims)
    .where(
      and(
        visibleClaims(ctx),
        or(
          eq(claims.personId, personId),
          inArray(
            claims.eventId,
            ctx.db
              .select({ id: eventParticipants.eventId })
              .from(eventParticipants)
              .where(eq(eventParticipants.personId, personId)),
          ),
        ),
        exists(ctx.db.select({ id: persons.id }).from(persons).where(person)),
      ),
    );
}

export async function getSource(ctx: ServiceContext, id: string) {
  const [row] = await ctx.db.select().from(sources).where(eq(sources.id, id));
  assertVisible(row, ctx.actor.clearance, 'Source');
  const files = await filesOfSources(ctx, [id]);
  const [claimCount] = await ctx.db
    .select({ n: count() })
    .from(claims)
    .where(eq(claims.sourceId, id));
  const counts = await ctx.db
    .select()
    .from(countClaims)
    .where(eq(countClaims.sourceId, id))
    .orderBy(asc(countClaims.asOfEarliest));
  return {
    ...present(ctx, row!),
    files: files.get(id) ?? [],
    claimCount: claimCount?.n ?? 0,
    countClaims: counts,
  };
}

export async function listSources(
  ctx: ServiceContext,
  input: z.infer<typeof SourceListInputSchema>,
) {
  const cursor = decodeCursor(input.cursor, ['text', 'uuid']) as [string, string] | null;
  const conditions = [inArray(sources.sensitivity, visibleLevels(ctx.actor.clearance))];
  if (input.q) {
    const pattern = `%${escapeLike(input.q)}%`;
    conditions.push(or(ilike(sources.title, pattern), ilike(sources.publisher, pattern))!);
  }
  if (input.kind) conditions.push(eq(sources.kind, input.kind));
  if (input.side) conditions.push(eq(sources.side, input.side));
  if (input.personId) conditions.push(inArray(sources.id, sourcesAboutPerson(ctx, input.personId)));
  if (cursor)
    conditions.push(
      or(
        gt(sources.title, cursor[0]),
        and(eq(sources.title, cursor[0]), gt(sources.id, cursor[1])),
      )!,
    );
  const rows = await ctx.db
    .select()
    .from(sources)
    .where(and(...conditions))
    .orderBy(asc(sources.title), asc(sources.id))
    .limit(input.limit + 1);
  const page = pageOf(rows, input.limit, (r) => [r.title, r.id]);
  const files = await filesOfSources(
    ctx,
    page.items.map((r) => r.id),
  );
  return {
    items: page.items.map((r) => {
      const { content: _content, ...source } = present(ctx, r);
      return { ...source, files: files.get(r.id) ?? [] };
    }),
    nextCursor: page.nextCursor,
  };
}

export async function updateSource(ctx: ServiceContext, input: z.infer<typeof SourceUpdateSchema>) {
  return ctx.db.transaction(async (tx) => {
    const { after } = await updateVersioned<SourceRow>(tx, ctx, {
      table: sources,
      entity: 'source',
      what: 'Source',
      id: input.id,
      version: input.version,
      patch: input.patch,
    });
    if (input.patch.url) {
      await tx.update(sources).set({ archiveStatus: 'pending' }).where(eq(sources.id, after.id));
      await ctx.queue.enqueue(tx, 'sources.archive', { sourceId: after.id });
    }
    return present(ctx, after);
  });
}

/**
 * Stores an uploaded file and, in the same transaction as its row, enqueues the job that
 * hashes it: a file is never recorded without its hashing scheduled. Content that is not what
 * its media type says (a photo declared as text, an executable declared as a PDF) is refused.
 */
export async function uploadSourceFile(
  ctx: ServiceContext,
  input: z.infer<typeof SourceFileUploadSchema>,
) {
  const bytes = Buffer.from(input.contentBase64, 'base64');
  if (bytes.length === 0)
    throw AppError.badInput([{ field: 'contentBase64', message: 'the file is empty' }]);
  if (bytes.length > MAX_FILE_BYTES)
    throw new AppError('TOO_LARGE', 'The file is larger than 20 MB');
  await assertContentMatchesMediaType(bytes, input.mediaType);
  const mediaType = canonicalMediaType(input.mediaType);
  const [source] = await ctx.db.select().from(sources).where(eq(sources.id, input.sourceId));
  assertVisible(source, ctx.actor.clearance, 'Source');
  // The same document twice under one source would count as two in its files and its proof.
  // (A copy still waiting for its hash job has no hash to compare yet.)
  const [same] = await ctx.db
    .select({ filename: sourceFiles.filename })
    .from(sourceFiles)
    .where(and(eq(sourceFiles.sourceId, input.sourceId), eq(sourceFiles.sha256, sha256Hex(bytes))));
  if (same)
    throw new AppError(
      'CONFLICT',
      `This source already holds this file, as “${same.filename}”: the same bytes are stored once`,
    );
  const storageKey = await ctx.files.stage(bytes);
  return ctx.db.transaction(async (tx) => {
    const [file] = await tx
      .insert(sourceFiles)
      .values({
        sourceId: input.sourceId,
        filename: input.filename,
        mediaType,
        size: bytes.length,
        storageKey,
      })
      .returning();
    await ctx.queue.enqueue(tx, 'sources.hash-file', { fileId: file!.id });
    await auditChange(tx, ctx, 'create', 'source_file', file!.id, null, {
      sourceId: input.sourceId,
      filename: input.filename,
      mediaType,
      size: bytes.length,
    });
    return { id: file!.id, filename: file!.filename, size: file!.size, sha256: null };
  });
}
