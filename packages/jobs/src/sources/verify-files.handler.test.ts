import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileIntegrityTaskKey } from '@vigil/domain';
import {
  contentKey,
  createDiskFileStore,
  sourceFiles,
  type Database,
  type FileStore,
} from '@vigil/db';
import { createTestDatabase, testDatabaseKind } from '@vigil/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERIFY_FILES_CRON } from '../catalogue.ts';
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
import { startWorker } from '../worker.ts';
import { FILE_INTACT_AGAIN, verifySourceFiles, VERIFY_BATCH_SIZE } from './verify-files.handler.ts';

describe(`sources.verify-files (${testDatabaseKind})`, () => {
  let database: Database;
  let queue: JobQueue;
  let root: string;
  let files: FileStore;
  let deps: WorkerDeps;

  beforeAll(async () => {
    database = await createTestDatabase();
    queue = await startTestQueue(database);
    root = await mkdtemp(join(tmpdir(), 'vigil-verify-'));
    files = createDiskFileStore(root);
    deps = { db: database.db, files };
  });
  afterAll(async () => {
    await queue?.stop();
    await database?.close();
  });

  const verify = async () =>
    verifySourceFiles(deps, {}, await takeAttempt(queue, 'sources.verify-files', {}));

  /** A source file stored at its content address with its hash recorded, as the hash job leaves it. */
  async function storedFile(text: string, filename = 'statement.txt') {
    const source = await createSource(database.db);
    const bytes = new TextEncoder().encode(text);
    const { key, sha256 } = await files.storeBytes(bytes);
    const [file] = await database.db
      .insert(sourceFiles)
      .values({
        sourceId: source.id,
        filename,
        mediaType: 'text/plain',
        size: bytes.byteLength,
        storageKey: key,
        sha256,
      })
      .returning();
    return file!;
  }

  const pathOf = (sha256: string) => join(root, contentKey(sha256));

  it('opens one review task for a file whose bytes changed and one for a missing file, and no more on the next run', async () => {
    const changed = await storedFile('a statement that will be changed', 'witness photo.jpg');
    const missing = await storedFile('a statement that will go missing');
    const intact = await storedFile('a statement that stays intact');
    await writeFile(pathOf(changed.sha256!), 'tampered');
    await rm(pathOf(missing.sha256!));

    const first = await verify();
    expect(first).toMatchObject({ damaged: 2, missing: 1, tasksOpened: 2 });
    expect(first.checked).toBeGreaterThanOrEqual(3);
    const [changedTask] = await tasksWithKey(database.db, fileIntegrityTaskKey(changed.id));
    expect(changedTask).toMatchObject({
      kind: 'file_integrity',
      state: 'open',
      sourceId: changed.sourceId,
    });
    expect(changedTask?.detail).toMatch(
      /^The stored copy of "witness photo.jpg" no longer matches its SHA-256/,
    );
    const [missingTask] = await tasksWithKey(database.db, fileIntegrityTaskKey(missing.id));
    expect(missingTask?.detail).toMatch(/is missing/);
    expect(await tasksWithKey(database.db, fileIntegrityTaskKey(intact.id))).toEqual([]);
    expect(await auditCount(database.db, 'review_task', changedTask!.id)).toBe(1);

    const second = await verify();
    expect(second).toMatchObject({ damaged: 2, tasksOpened: 0, tasksClosed: 0 });
    expect(await tasksWithKey(database.db, fileIntegrityTaskKey(changed.id))).toHaveLength(1);
    expect(await auditCount(database.db, 'review_task', changedTask!.id)).toBe(1);
  });

  it('closes the task of a file whose original bytes were put back', async () => {
    const file = await storedFile('a document restored from a backup');
    await rm(pathOf(file.sha256!));
    await verify();
    expect(await tasksWithKey(database.db, fileIntegrityTaskKey(file.id))).toMatchObject([
      { state: 'open' },
    ]);
    await files.storeBytes(new TextEncoder().encode('a document restored from a backup'));
    const result = await verify();
    expect(result.tasksClosed).toBeGreaterThanOrEqual(1);
    expect(await tasksWithKey(database.db, fileIntegrityTaskKey(file.id))).toMatchObject([
      { state: 'done', reason: FILE_INTACT_AGAIN },
    ]);
  });

  it('reports every record of damaged bytes that several records share', async () => {
    const first = await storedFile('one list uploaded to two sources');
    const second = await storedFile('one list uploaded to two sources');
    expect(second.sha256).toBe(first.sha256);
    await writeFile(pathOf(first.sha256!), 'tampered');
    await verify();
    for (const file of [first, second])
      expect(await tasksWithKey(database.db, fileIntegrityTaskKey(file.id))).toHaveLength(1);
  });

  it('checks every stored file, batch after batch, and leaves uploads waiting for their hash job alone', async () => {
    for (let i = 0; i <= VERIFY_BATCH_SIZE; i++) await storedFile(`statement number ${i}`);
    const staged = await createUploadedFile(database.db, files, 'not hashed yet');
    const result = await verify();
    expect(result.checked).toBeGreaterThan(VERIFY_BATCH_SIZE);
    expect(await tasksWithKey(database.db, fileIntegrityTaskKey(staged.id))).toEqual([]);
  });

  // Last: from here on a worker takes every job of this database's queues.
  it('is scheduled daily when the worker starts', async () => {
    await startWorker(queue, deps, { pollingIntervalSeconds: 0.5 });
    expect(await queue.boss.getSchedules('sources.verify-files')).toEqual([
      expect.objectContaining({
        name: 'sources.verify-files',
        cron: VERIFY_FILES_CRON,
        timezone: 'UTC',
      }),
    ]);
  });
});
