import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  contentKey,
  createDiskFileStore,
  sourceFiles,
  sources,
  type Database,
  type FileStore,
} from '@vigil/db';
import { createTestDatabase, testDatabaseKind } from '@vigil/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Checkpoint, JobAttempt, WorkerDeps } from '../handler.ts';
import type { JobQueue } from '../queue.ts';
import {
  auditCount,
  createUploadedFile,
  fetchAttempt,
  startTestQueue,
  takeAttempt,
  until,
} from '../testing.ts';
import { startWorker } from '../worker.ts';
import { hashSourceFile } from './hash-file.handler.ts';

const HELLO_SHA256 = '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824';

describe(`sources.hash-file (${testDatabaseKind})`, () => {
  let database: Database;
  let queue: JobQueue;
  let files: FileStore;

  beforeAll(async () => {
    database = await createTestDatabase();
    queue = await startTestQueue(database);
    files = createDiskFileStore(await mkdtemp(join(tmpdir(), 'vigil-jobs-')));
  });
  afterAll(async () => {
    await queue?.stop();
    await database?.close();
  });

  /** Deps whose worker "crashes" (throws) at one checkpoint. */
  const crashingAt = (point: Checkpoint): WorkerDeps => ({
    db: database.db,
    files,
    checkpoint: async (reached) => {
      if (reached === point) throw new Error(`crashed at ${point} (test)`);
    },
  });

  /** The attempt after a crashed one, as pg-boss hands it out. */
  async function retry(attempt: JobAttempt): Promise<JobAttempt> {
    await queue.boss.fail(attempt.name, attempt, { message: 'worker crashed (test)' });
    return fetchAttempt(queue, attempt.name, attempt.id);
  }

  async function fileRow(fileId: string) {
    const [row] = await database.db.select().from(sourceFiles).where(eq(sourceFiles.id, fileId));
    return row!;
  }

  it('records the hash, marks the source archived, audits once and discards the staged copy', async () => {
    const file = await createUploadedFile(database.db, files, 'hello');
    const attempt = await takeAttempt(queue, 'sources.hash-file', { fileId: file.id });
    await hashSourceFile({ db: database.db, files }, { fileId: file.id }, attempt);
    const row = await fileRow(file.id);
    expect(row.sha256).toBe(HELLO_SHA256);
    expect(new TextDecoder().decode(await files.readVerified(HELLO_SHA256))).toBe('hello');
    expect(await files.exists(file.storageKey)).toBe(false);
    const [source] = await database.db.select().from(sources).where(eq(sources.id, file.sourceId));
    expect(source?.archiveStatus).toBe('archived');
    expect(await auditCount(database.db, 'source_file', file.id)).toBe(1);
    expect(await auditCount(database.db, 'source', file.sourceId)).toBe(1);
  });

  it('keeps the file when the worker crashes after copying it but before recording the hash, and the retry records it once', async () => {
    const file = await createUploadedFile(database.db, files, 'crash after copy');
    const attempt = await takeAttempt(queue, 'sources.hash-file', { fileId: file.id });
    await expect(
      hashSourceFile(crashingAt('sources.hash-file:stored'), { fileId: file.id }, attempt),
    ).rejects.toThrow(/crashed/);
    expect((await fileRow(file.id)).sha256).toBeNull();
    expect(await files.exists(file.storageKey)).toBe(true);

    await hashSourceFile({ db: database.db, files }, { fileId: file.id }, await retry(attempt));
    const row = await fileRow(file.id);
    expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await files.exists(contentKey(row.sha256!))).toBe(true);
    expect(await files.exists(file.storageKey)).toBe(false);
    expect(await auditCount(database.db, 'source_file', file.id)).toBe(1);
  });

  it('finishes the clean-up when the worker crashes after recording the hash, without recording it again', async () => {
    const file = await createUploadedFile(database.db, files, 'crash after record');
    const attempt = await takeAttempt(queue, 'sources.hash-file', { fileId: file.id });
    await expect(
      hashSourceFile(crashingAt('sources.hash-file:recorded'), { fileId: file.id }, attempt),
    ).rejects.toThrow(/crashed/);
    const recorded = await fileRow(file.id);
    expect(recorded.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await files.exists(file.storageKey)).toBe(true);

    const result = await hashSourceFile(
      { db: database.db, files },
      { fileId: file.id },
      await retry(attempt),
    );
    expect(result).toMatchObject({ recorded: false, sha256: recorded.sha256 });
    expect(await files.exists(file.storageKey)).toBe(false);
    expect(new TextDecoder().decode(await files.readVerified(recorded.sha256!))).toBe(
      'crash after record',
    );
    expect(await auditCount(database.db, 'source_file', file.id)).toBe(1);
  });

  it('does nothing for a file that no longer exists', async () => {
    const attempt = await takeAttempt(queue, 'sources.hash-file', {
      fileId: '00000000-0000-4000-8000-000000000000',
    });
    await expect(
      hashSourceFile(
        { db: database.db, files },
        { fileId: '00000000-0000-4000-8000-000000000000' },
        attempt,
      ),
    ).resolves.toEqual({ skipped: 'the file no longer exists' });
  });

  // Last: from here on a worker takes every job of this database's queues.
  it('hashes an uploaded file through the worker once the transaction that enqueued it commits', async () => {
    const file = await createUploadedFile(database.db, files, 'through the worker');
    await database.db.transaction((tx) =>
      queue.enqueue(tx, 'sources.hash-file', { fileId: file.id }),
    );
    await startWorker(queue, { db: database.db, files }, { pollingIntervalSeconds: 0.5 });
    const row = await until(async () => {
      const current = await fileRow(file.id);
      return current.sha256 ? current : null;
    });
    expect(new TextDecoder().decode(await files.readVerified(row.sha256!))).toBe(
      'through the worker',
    );
  });
});
