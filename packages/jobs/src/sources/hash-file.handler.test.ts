import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDiskFileStore, sourceFiles, sources, type Database, type FileStore } from '@vigil/db';
import { createTestDatabase, testDatabaseKind } from '@vigil/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJobQueue, type JobQueue } from '../queue.ts';
import { startWorker } from '../worker.ts';

async function until<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 20_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe(`sources.hash-file (${testDatabaseKind})`, () => {
  let database: Database;
  let queue: JobQueue;
  let files: FileStore;

  beforeAll(async () => {
    database = await createTestDatabase();
    queue = await startJobQueue(database);
    files = createDiskFileStore(await mkdtemp(join(tmpdir(), 'vigil-jobs-')));
  });
  afterAll(async () => {
    await queue?.stop();
    await database?.close();
  });

  async function uploadInTransaction(text: string, { rollback = false } = {}) {
    const storageKey = await files.stage(new TextEncoder().encode(text));
    let fileId = '';
    await database.db
      .transaction(async (tx) => {
        const [source] = await tx.insert(sources).values({ kind: 'news_article', title: 'Test article' }).returning();
        const [file] = await tx
          .insert(sourceFiles)
          .values({ sourceId: source!.id, filename: 'a.txt', mediaType: 'text/plain', size: text.length, storageKey })
          .returning();
        fileId = file!.id;
        await queue.enqueue(tx, 'sources.hash-file', { fileId });
        if (rollback) throw new Error('rolled back on purpose');
      })
      .catch((error: Error) => {
        if (!rollback) throw error;
      });
    return fileId;
  }

  it('enqueues nothing when the transaction that would cause the job rolls back', async () => {
    await uploadInTransaction('never', { rollback: true });
    const stats = await queue.stats();
    expect(stats.find((s) => s.name === 'sources.hash-file')?.total ?? 0).toBe(0);
  });

  it('hashes an uploaded file once the transaction commits, and marks the source archived', async () => {
    const fileId = await uploadInTransaction('hello');
    await startWorker(queue, { db: database.db, files });
    const file = await until(async () => {
      const [row] = await database.db.select().from(sourceFiles).where(eq(sourceFiles.id, fileId));
      return row?.sha256 ? row : null;
    });
    expect(file.sha256).toBe('2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824');
    const [source] = await database.db.select().from(sources).where(eq(sources.id, file.sourceId));
    expect(source?.archiveStatus).toBe('archived');
    expect(new TextDecoder().decode(await files.readVerified(file.sha256!))).toBe('hello');
  });
});
