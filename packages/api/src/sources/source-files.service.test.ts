import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileIntegrityTaskKey, type Sensitivity } from '@vigil/domain';
import {
  auditEntries,
  contentKey,
  createDiskFileStore,
  reviewTasks,
  sourceFiles,
  type FileStore,
} from '@vigil/db';
import { testDatabaseKind } from '@vigil/db/testing';
import { and, eq } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, ServiceContext } from '../context.ts';
import { createTestApp, type TestApp, type TestUser } from '../testing.ts';
import { downloadSourceFile, readSourceFile } from './source-files.service.ts';
import { getSource } from './sources.service.ts';
import {
  contains,
  GPS_LATITUDE,
  JPEG,
  JPEG_WITH_METADATA,
  text,
  WITNESS,
} from './strip-image-metadata.fixtures.ts';
import {
  encryptedPdf,
  everythingIn,
  imagesIn,
  PDF_TRACES,
  pdfWithBrokenJpeg,
  pdfWithMetadata,
} from './strip-pdf-metadata.fixtures.ts';

describe(`reading a source's file (TRUST 15, ${testDatabaseKind})`, () => {
  let app: TestApp;
  /** Where the hashed files live, in a directory the tests can damage. */
  let root: string;
  let files: FileStore;
  let editor: TestUser;
  beforeAll(async () => {
    app = await createTestApp();
    root = await mkdtemp(join(tmpdir(), 'vigil-read-'));
    files = createDiskFileStore(root);
    editor = await app.as('editor', 'restricted');
  });
  afterAll(async () => app?.close());

  const ctxOf = (actor: Actor): ServiceContext => ({ ...app, files, actor, ip: '127.0.0.1' });

  /** Uploads a file to a new source and stores it as the `sources.hash-file` job would. */
  async function storedFile(
    bytes: Uint8Array,
    options: { mediaType?: string; filename?: string; sensitivity?: Sensitivity } = {},
  ) {
    const {
      mediaType = 'text/plain',
      filename = 'statement.txt',
      sensitivity = 'partner',
    } = options;
    const source = await editor.caller.sources.create({
      kind: 'photo',
      title: 'Photo from a witness',
      sensitivity,
    });
    const upload = await editor.caller.sources.uploadFile({
      sourceId: source.id,
      filename,
      mediaType,
      contentBase64: Buffer.from(bytes).toString('base64'),
    });
    const [row] = await app.db.select().from(sourceFiles).where(eq(sourceFiles.id, upload.id));
    const { sha256 } = await files.storeBytes(await app.files.read(row!.storageKey));
    await app.db.update(sourceFiles).set({ sha256 }).where(eq(sourceFiles.id, upload.id));
    return { source, fileId: upload.id, sha256 };
  }

  const integrityTasks = (fileId: string) =>
    app.db
      .select()
      .from(reviewTasks)
      .where(eq(reviewTasks.dedupeKey, fileIntegrityTaskKey(fileId)));

  it('refuses the same file twice under one source, naming the copy it holds', async () => {
    const bytes = new TextEncoder().encode('Statement of a released detainee (fictional, test)');
    const { source } = await storedFile(bytes, { filename: 'statement.txt' });
    await expect(
      editor.caller.sources.uploadFile({
        sourceId: source.id,
        filename: 'statement (1).txt',
        mediaType: 'text/plain',
        contentBase64: Buffer.from(bytes).toString('base64'),
      }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('already holds this file, as “statement.txt”'),
    });
    expect(
      await app.db.select().from(sourceFiles).where(eq(sourceFiles.sourceId, source.id)),
    ).toHaveLength(1);
  });

  it('returns the stored bytes, name and media type to a caller who may read the source', async () => {
    const { fileId } = await storedFile(new TextEncoder().encode('Показания свидетеля'), {
      filename: 'показания.txt',
    });
    const viewer = await app.as('viewer');
    const copy = await readSourceFile(ctxOf(viewer.actor), fileId);
    expect(new TextDecoder().decode(copy.bytes)).toBe('Показания свидетеля');
    expect(copy).toMatchObject({
      filename: 'показания.txt',
      mediaType: 'text/plain',
      metadataRemoved: false,
    });
  });

  it('answers NOT_FOUND for a file of a source above the caller’s clearance, as for no file', async () => {
    const { fileId } = await storedFile(new TextEncoder().encode('staff only'), {
      sensitivity: 'staff',
    });
    const partner = await app.as('viewer', 'partner');
    const hidden = readSourceFile(ctxOf(partner.actor), fileId);
    await expect(hidden).rejects.toMatchObject({
      code: 'NOT_FOUND',
      safeMessage: 'File was not found',
    });
    await expect(
      readSourceFile(ctxOf(partner.actor), '00000000-0000-4000-8000-000000000000'),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', safeMessage: 'File was not found' });
    await expect(readSourceFile(ctxOf(partner.actor), 'not-an-id')).rejects.toMatchObject({
      code: 'BAD_INPUT',
      safeMessage: 'fileId: must be a valid id',
    });
  });

  it('answers CONFLICT while the file waits for its hash job', async () => {
    const source = await editor.caller.sources.create({ kind: 'photo', title: 'Still hashing' });
    const upload = await editor.caller.sources.uploadFile({
      sourceId: source.id,
      filename: 'a.txt',
      mediaType: 'text/plain',
      contentBase64: Buffer.from('not hashed yet').toString('base64'),
    });
    await expect(readSourceFile(ctxOf(editor.actor), upload.id)).rejects.toMatchObject({
      code: 'CONFLICT',
      safeMessage: expect.stringMatching(/still being stored/),
    });
  });

  it('never serves a file whose bytes changed, and opens one review task for it however often it is read', async () => {
    const { source, fileId, sha256 } = await storedFile(new TextEncoder().encode('original'));
    await writeFile(join(root, contentKey(sha256)), 'tampered');
    for (let i = 0; i < 2; i++)
      await expect(readSourceFile(ctxOf(editor.actor), fileId)).rejects.toMatchObject({
        code: 'INTERNAL',
        safeMessage: expect.stringMatching(/^This file is damaged/),
      });
    const tasks = await integrityTasks(fileId);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ kind: 'file_integrity', state: 'open', sourceId: source.id });
    expect(tasks[0]?.detail).toMatch(/no longer matches its SHA-256/);
    const audited = await app.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.entity, 'review_task'), eq(auditEntries.entityId, tasks[0]!.id)));
    expect(audited).toHaveLength(1);
    const shown = await editor.caller.sources.get({ id: source.id });
    expect(shown.files).toEqual([expect.objectContaining({ id: fileId, damaged: true })]);
  });

  it('never serves a missing file, and says so in its review task', async () => {
    const { fileId, sha256 } = await storedFile(new TextEncoder().encode('will go missing'));
    await rm(join(root, contentKey(sha256)));
    await expect(readSourceFile(ctxOf(editor.actor), fileId)).rejects.toMatchObject({
      code: 'INTERNAL',
    });
    expect((await integrityTasks(fileId))[0]?.detail).toMatch(/is missing/);
  });

  it('shows a damaged file’s task only to callers cleared for its source', async () => {
    const { fileId, sha256 } = await storedFile(new TextEncoder().encode('staff evidence'), {
      sensitivity: 'staff',
      filename: 'witness-statement.txt',
    });
    await rm(join(root, contentKey(sha256)));
    await readSourceFile(ctxOf(editor.actor), fileId).catch(() => undefined);
    const [task] = await integrityTasks(fileId);
    const partner = await app.as('reviewer', 'partner');
    const listed = await partner.caller.review.list({ kind: 'file_integrity' });
    expect(listed.items.map((t) => t.id)).not.toContain(task!.id);
    expect(JSON.stringify(listed)).not.toContain('witness-statement');
    await expect(
      partner.caller.review.decide({ taskId: task!.id, outcome: 'accepted', reason: 'seen it' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const staff = await app.as('reviewer', 'staff');
    const staffList = await staff.caller.review.list({ kind: 'file_integrity' });
    expect(staffList.items.map((t) => t.id)).toContain(task!.id);
  });

  it('gives a partner-cleared caller a JPEG without its EXIF, GPS position or witness name, and staff the original', async () => {
    const { fileId } = await storedFile(JPEG_WITH_METADATA, {
      mediaType: 'image/jpeg',
      filename: 'photo.jpg',
    });
    const partner = await app.as('viewer', 'partner');
    const cleaned = await readSourceFile(ctxOf(partner.actor), fileId);
    expect(cleaned.metadataRemoved).toBe(true);
    expect(Buffer.from(cleaned.bytes).equals(JPEG)).toBe(true);
    expect(contains(cleaned.bytes, GPS_LATITUDE)).toBe(false);
    expect(contains(cleaned.bytes, WITNESS)).toBe(false);

    const staff = await app.as('viewer', 'staff');
    const original = await readSourceFile(ctxOf(staff.actor), fileId);
    expect(original.metadataRemoved).toBe(false);
    expect(Buffer.from(original.bytes).equals(JPEG_WITH_METADATA)).toBe(true);
  });

  it('withholds from a partner-cleared caller an image whose metadata cannot be removed', async () => {
    // A TIFF (little-endian header): EXIF lives in its own structure, which Vigil does not rewrite.
    const tiff = Buffer.concat([Buffer.from('II*\0\x08\0\0\0', 'latin1'), Buffer.alloc(64)]);
    const { fileId } = await storedFile(tiff, { mediaType: 'image/tiff', filename: 'scan.tif' });
    const partner = await app.as('viewer', 'partner');
    await expect(readSourceFile(ctxOf(partner.actor), fileId)).rejects.toMatchObject({
      code: 'FORBIDDEN',
      safeMessage: expect.stringMatching(/^Only staff may download this image/),
    });
    const staff = await app.as('viewer', 'staff');
    expect((await readSourceFile(ctxOf(staff.actor), fileId)).bytes).toHaveLength(tiff.length);
  });

  it('gives a partner-cleared caller a PDF without its metadata, attachments or its photos’ EXIF, and staff the original', async () => {
    const statement = await pdfWithMetadata();
    const { fileId } = await storedFile(statement, {
      mediaType: 'application/pdf',
      filename: 'statement.pdf',
    });
    const partner = await app.as('viewer', 'partner');
    const cleaned = await readSourceFile(ctxOf(partner.actor), fileId);
    expect(cleaned).toMatchObject({ mediaType: 'application/pdf', metadataRemoved: true });
    const everything = await everythingIn(cleaned.bytes);
    for (const trace of PDF_TRACES) expect(contains(everything, trace), trace).toBe(false);
    expect(contains(everything, GPS_LATITUDE)).toBe(false);
    const pdf = await PDFDocument.load(cleaned.bytes, { updateMetadata: false });
    expect(pdf.getPageCount()).toBe(2);
    const images = await imagesIn(cleaned.bytes);
    expect(images.map((image) => Buffer.from(image.contents).equals(JPEG))).toEqual([true, true]);

    const staff = await app.as('viewer', 'staff');
    const original = await readSourceFile(ctxOf(staff.actor), fileId);
    expect(original.metadataRemoved).toBe(false);
    expect(Buffer.from(original.bytes).equals(Buffer.from(statement))).toBe(true);
  });

  it('withholds from a partner-cleared caller a PDF that is encrypted or cannot be read, and gives it to staff', async () => {
    const cases = [
      { bytes: await encryptedPdf(), reason: 'the PDF is encrypted' },
      { bytes: await encryptedPdf({ useObjectStreams: true }), reason: 'the PDF is encrypted' },
      { bytes: text(`%PDF-1.7\n${'garbage '.repeat(40)}`), reason: 'the PDF could not be read' },
      {
        bytes: await pdfWithBrokenJpeg(),
        reason: 'the PDF has a photo that is not a well-formed JPEG',
      },
    ];
    const partner = await app.as('viewer', 'partner');
    const staff = await app.as('viewer', 'staff');
    for (const { bytes, reason } of cases) {
      const { fileId } = await storedFile(bytes, {
        mediaType: 'application/pdf',
        filename: 'report.pdf',
      });
      await expect(readSourceFile(ctxOf(partner.actor), fileId)).rejects.toMatchObject({
        code: 'FORBIDDEN',
        safeMessage: `Only staff may download this PDF: ${reason}, so the metadata that can show who made it (an author, a place, a device) could not be removed`,
      });
      const original = await readSourceFile(ctxOf(staff.actor), fileId);
      expect(Buffer.from(original.bytes).equals(Buffer.from(bytes))).toBe(true);
    }
  });

  it('gives a partner-cleared caller plain text, CSV and JSON as stored, and withholds video, XML and unknown binary', async () => {
    const partner = await app.as('viewer', 'partner');
    for (const [mediaType, content] of [
      ['text/csv', 'name,date\nA. B.,2023-09-20\n'],
      ['application/json', '{"seen": "2023-09-20"}'],
    ] as const) {
      const { fileId } = await storedFile(text(content), { mediaType, filename: 'list' });
      const copy = await readSourceFile(ctxOf(partner.actor), fileId);
      expect(copy).toMatchObject({ mediaType, metadataRemoved: false });
      expect(Buffer.from(copy.bytes).toString('latin1')).toBe(content);
    }
    const mp4 = Buffer.concat([
      Buffer.from([0, 0, 0, 0x18]),
      text('ftypmp42\0\0\0\0mp42isom'),
      Buffer.alloc(64),
    ]);
    for (const [mediaType, bytes, type] of [
      ['video/mp4', mp4, 'video/mp4'],
      [
        'application/xml',
        text(`<?xml version="1.0"?><!-- ${WITNESS} --><list/>`),
        'application/xml',
      ],
      ['image/svg+xml', text(`<svg><metadata>${WITNESS}</metadata></svg>`), 'image/svg+xml'],
      ['application/octet-stream', Buffer.from([1, 0, 2, 0, 3]), 'application/octet-stream'],
    ] as const) {
      const { fileId, source } = await storedFile(bytes, { mediaType, filename: 'evidence' });
      await expect(readSourceFile(ctxOf(partner.actor), fileId), mediaType).rejects.toMatchObject({
        code: 'FORBIDDEN',
        safeMessage: expect.stringContaining(`Vigil cannot clean files of this type (${type})`),
      });
      // The source's list of files says so before anyone asks for it.
      const listed = await getSource(ctxOf(partner.actor), source.id);
      expect(
        listed.files.map((f) => f.copy),
        mediaType,
      ).toEqual(['withheld']);
      const forStaff = await getSource(ctxOf(editor.actor), source.id);
      expect(
        forStaff.files.map((f) => f.copy),
        mediaType,
      ).toEqual(['original']);
    }
  });

  it('audits the read of a restricted source’s file, and not of others', async () => {
    const restricted = await storedFile(new TextEncoder().encode('restricted testimony'), {
      sensitivity: 'restricted',
    });
    const open = await storedFile(new TextEncoder().encode('open report'));
    const reads = (fileId: string) =>
      app.db
        .select()
        .from(auditEntries)
        .where(
          and(
            eq(auditEntries.action, 'read_restricted'),
            eq(auditEntries.entity, 'source_file'),
            eq(auditEntries.entityId, fileId),
          ),
        );
    await readSourceFile(ctxOf(editor.actor), restricted.fileId);
    await readSourceFile(ctxOf(editor.actor), open.fileId);
    const [entry] = await reads(restricted.fileId);
    expect(entry).toMatchObject({ actorId: editor.actor.id, ip: '127.0.0.1' });
    expect(entry?.diff).toMatchObject({ sourceId: restricted.source.id });
    expect(await reads(open.fileId)).toEqual([]);
  });

  it('makes the checks of a read procedure for an HTTP download: signed in, and an admin’s second factor set up', async () => {
    const { fileId } = await storedFile(new TextEncoder().encode('for the route'));
    const deps = { ...app, files };
    await expect(downloadSourceFile(deps, { actor: null, ip: null }, fileId)).rejects.toMatchObject(
      { code: 'UNAUTHENTICATED' },
    );
    const unenrolled = await app.asUnenrolled('admin');
    await expect(
      downloadSourceFile(deps, { actor: unenrolled.actor, ip: null }, fileId),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const admin = await app.as('admin');
    const copy = await downloadSourceFile(deps, { actor: admin.actor, ip: null }, fileId);
    expect(new TextDecoder().decode(copy.bytes)).toBe('for the route');
  });
});
