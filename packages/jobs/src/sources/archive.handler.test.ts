import { mkdtemp } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createDiskFileStore,
  sourceFiles,
  sources,
  type Database,
  type FileStore,
} from '@vigil/db';
import { createTestDatabase, testDatabaseKind } from '@vigil/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkerDeps } from '../handler.ts';
import type { JobQueue } from '../queue.ts';
import {
  auditCount,
  createSource,
  createUploadedFile,
  startTestQueue,
  takeAttempt,
  tasksWithKey,
} from '../testing.ts';
import { archiveSource } from './archive.handler.ts';

const PAGE = '<html><body>Five prisoners were flown home (fictional test page).</body></html>';

describe(`sources.archive (${testDatabaseKind})`, () => {
  let database: Database;
  let queue: JobQueue;
  let files: FileStore;
  let server: Server;
  let base = '';
  let pageRequests = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    queue = await startTestQueue(database);
    files = createDiskFileStore(await mkdtemp(join(tmpdir(), 'vigil-archive-')));
    server = createServer((request, response) => {
      if (request.url === '/article') {
        pageRequests++;
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
      } else {
        response.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await queue?.stop();
    await database?.close();
  });

  const offline = (): WorkerDeps => ({ db: database.db, files });
  const online = (): WorkerDeps => ({
    db: database.db,
    files,
    archiveFetch: { timeoutMs: 5000, maxBytes: 100_000, allowPrivateNetwork: true },
  });
  const archive = async (deps: WorkerDeps, sourceId: string) =>
    archiveSource(deps, { sourceId }, await takeAttempt(queue, 'sources.archive', { sourceId }));
  const sourceRow = async (id: string) =>
    (await database.db.select().from(sources).where(eq(sources.id, id)))[0]!;
  const filesOf = (sourceId: string) =>
    database.db.select().from(sourceFiles).where(eq(sourceFiles.sourceId, sourceId));

  it('asks a reviewer, once, to archive a source that has neither a web address nor a file', async () => {
    const source = await createSource(database.db);
    await archive(offline(), source.id);
    await archive(offline(), source.id);
    const tasks = await tasksWithKey(database.db, `archive:${source.id}`);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      kind: 'archive_source',
      state: 'open',
      sourceId: source.id,
      detail:
        'Archiving is pending. It has no web address and no stored file: upload a copy (a scan, a screenshot, the document).',
    });
    expect((await sourceRow(source.id)).archiveStatus).toBe('pending');
    expect(await auditCount(database.db, 'review_task', tasks[0]!.id)).toBe(1);
  });

  it('says that network archiving is turned off when a source with a web address cannot be fetched', async () => {
    const source = await createSource(database.db, { url: `${base}/article` });
    await expect(archive(offline(), source.id)).resolves.toMatchObject({ archived: false });
    const [task] = await tasksWithKey(database.db, `archive:${source.id}`);
    expect(task?.detail).toBe(
      `Archiving is pending. Network archiving is turned off on this instance (VIGIL_ARCHIVE_FETCH): save a copy of ${base}/article and upload it.`,
    );
    expect(pageRequests).toBe(0);
  });

  it('stores a snapshot of the page by its SHA-256, marks the source archived and closes its archive task, once', async () => {
    const source = await createSource(database.db, { url: `${base}/article` });
    await archive(offline(), source.id);
    const result = await archive(online(), source.id);
    expect(result).toMatchObject({ archived: true });
    await archive(online(), source.id);

    const stored = await filesOf(source.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      filename: 'web snapshot of 127.0.0.1.html',
      mediaType: 'text/html',
      size: PAGE.length,
    });
    expect(new TextDecoder().decode(await files.readVerified(stored[0]!.sha256!))).toBe(PAGE);
    expect((await sourceRow(source.id)).archiveStatus).toBe('archived');
    const [task] = await tasksWithKey(database.db, `archive:${source.id}`);
    expect(task).toMatchObject({ state: 'done', reason: 'A copy of the source is now stored.' });
    expect(await auditCount(database.db, 'source_file', stored[0]!.id)).toBe(1);
    expect(await auditCount(database.db, 'source', source.id)).toBe(1);
    expect(pageRequests).toBe(1);
  });

  it('stores the files uploaded for a source instead of fetching its page', async () => {
    const file = await createUploadedFile(database.db, files, 'the uploaded article');
    await database.db
      .update(sources)
      .set({ url: `${base}/article` })
      .where(eq(sources.id, file.sourceId));
    const requestsBefore = pageRequests;
    await expect(archive(online(), file.sourceId)).resolves.toEqual({
      archived: true,
      filesStored: 1,
    });
    const [stored] = await filesOf(file.sourceId);
    expect(new TextDecoder().decode(await files.readVerified(stored!.sha256!))).toBe(
      'the uploaded article',
    );
    expect(await files.exists(file.storageKey)).toBe(false);
    expect((await sourceRow(file.sourceId)).archiveStatus).toBe('archived');
    expect(pageRequests).toBe(requestsBefore);
  });

  it('leaves the source pending and says why when its page cannot be fetched', async () => {
    const source = await createSource(database.db, { url: `${base}/missing` });
    await expect(archive(online(), source.id)).resolves.toMatchObject({ archived: false });
    const [task] = await tasksWithKey(database.db, `archive:${source.id}`);
    expect(task?.detail).toBe(
      `Archiving is pending. Fetching ${base}/missing failed: the server answered 404 Not Found. Save a copy by hand and upload it.`,
    );
    expect((await sourceRow(source.id)).archiveStatus).toBe('pending');
  });

  it('leaves alone a source for which archiving does not apply', async () => {
    const source = await createSource(database.db, { archiveStatus: 'not_applicable' });
    await expect(archive(online(), source.id)).resolves.toMatchObject({ archived: false });
    expect(await tasksWithKey(database.db, `archive:${source.id}`)).toEqual([]);
  });
});
