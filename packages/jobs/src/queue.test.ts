import { mkdtemp } from 'node:fs/promises';
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
import { DEAD_LETTER_QUEUE, JOB_NAMES } from './catalogue.ts';
import type { JobQueue } from './queue.ts';
import { createUploadedFile, FAST_QUEUES, jobState, startTestQueue, until } from './testing.ts';
import { startWorker } from './worker.ts';

describe(`job queue (${testDatabaseKind})`, () => {
  let database: Database;
  let queue: JobQueue;
  let files: FileStore;

  beforeAll(async () => {
    database = await createTestDatabase();
    queue = await startTestQueue(database);
    files = createDiskFileStore(await mkdtemp(join(tmpdir(), 'vigil-queue-')));
  });
  afterAll(async () => {
    await queue?.stop();
    await database?.close();
  });

  /** Records an upload and enqueues its hashing in one transaction, as the API does. */
  async function upload(text: string, failAfterEnqueue?: 'throw' | 'violate a constraint') {
    const storageKey = await files.stage(new TextEncoder().encode(text));
    let fileId = '';
    const committed = await database.db
      .transaction(async (tx) => {
        const [source] = await tx
          .insert(sources)
          .values({ kind: 'news_article', title: 'Queue test' })
          .returning();
        const [file] = await tx
          .insert(sourceFiles)
          .values({
            sourceId: source!.id,
            filename: 'a.txt',
            mediaType: 'text/plain',
            size: text.length,
            storageKey,
          })
          .returning();
        fileId = file!.id;
        await queue.enqueue(tx, 'sources.hash-file', { fileId });
        if (failAfterEnqueue === 'throw') throw new Error('rolled back on purpose');
        if (failAfterEnqueue === 'violate a constraint') {
          await tx.insert(sourceFiles).values({
            sourceId: '00000000-0000-4000-8000-000000000000',
            filename: 'x',
            mediaType: 'text/plain',
            size: 1,
            storageKey,
          });
        }
      })
      .then(
        () => true,
        () => false,
      );
    return { fileId, committed };
  }

  const jobsFor = (fileId: string) =>
    queue.boss.findJobs('sources.hash-file', { data: { fileId } });
  const fileExists = async (fileId: string) =>
    (await database.db.select().from(sourceFiles).where(eq(sourceFiles.id, fileId))).length === 1;

  describe('TRUST 24: a job is enqueued in the same transaction as the change that causes it', () => {
    it('enqueues nothing when the transaction rolls back', async () => {
      const { fileId, committed } = await upload('never', 'throw');
      expect(committed).toBe(false);
      expect(await fileExists(fileId)).toBe(false);
      expect(await jobsFor(fileId)).toEqual([]);
    });

    it('enqueues nothing when a later statement of the transaction fails', async () => {
      const { fileId, committed } = await upload('never either', 'violate a constraint');
      expect(committed).toBe(false);
      expect(await fileExists(fileId)).toBe(false);
      expect(await jobsFor(fileId)).toEqual([]);
    });

    it('commits the change and its job together', async () => {
      const { fileId, committed } = await upload('together');
      expect(committed).toBe(true);
      expect(await fileExists(fileId)).toBe(true);
      expect((await jobsFor(fileId)).map((j) => j.data)).toEqual([{ fileId }]);
    });

    // PGlite has a single session: nothing else can look while the transaction is open.
    it.skipIf(testDatabaseKind !== 'postgres')(
      'shows neither the change nor its job to anyone else before the commit',
      async () => {
        const storageKey = await files.stage(new TextEncoder().encode('not yet'));
        const seenBeforeCommit = await database.db.transaction(async (tx) => {
          const [source] = await tx
            .insert(sources)
            .values({ kind: 'news_article', title: 'Queue test' })
            .returning();
          const [file] = await tx
            .insert(sourceFiles)
            .values({
              sourceId: source!.id,
              filename: 'a.txt',
              mediaType: 'text/plain',
              size: 7,
              storageKey,
            })
            .returning();
          await queue.enqueue(tx, 'sources.hash-file', { fileId: file!.id });
          return {
            fileId: file!.id,
            file: await fileExists(file!.id),
            jobs: await jobsFor(file!.id),
          };
        });
        expect(seenBeforeCommit).toMatchObject({ file: false, jobs: [] });
        expect(await jobsFor(seenBeforeCommit.fileId)).toHaveLength(1);
      },
    );
  });

  describe('TRUST 23: a job that keeps failing ends failed and is listed for the admin', () => {
    it('fails a job after one attempt plus retryLimit retries, counts it, and lists it with its last error', async () => {
      const file = await createUploadedFile(database.db, files, 'lost before hashing');
      await files.discardStaged(file.storageKey);
      await startWorker(queue, { db: database.db, files }, { pollingIntervalSeconds: 0.5 });
      const id = await queue.boss.send('sources.hash-file', { fileId: file.id });
      const failed = await until(async () => {
        const state = await jobState(queue, 'sources.hash-file', id!);
        return state?.state === 'failed' ? state : null;
      });
      const retryLimit = FAST_QUEUES['sources.hash-file'].retryLimit!;
      expect(failed.retryCount).toBe(retryLimit);

      const counts = await queue.stats();
      expect(counts.map((c) => c.name)).toEqual(JOB_NAMES);
      expect(counts.find((c) => c.name === 'sources.hash-file')).toMatchObject({
        failed: 1,
        active: 0,
      });

      const listed = await queue.failedJobs(10);
      expect(listed.find((j) => j.id === id)).toMatchObject({
        name: 'sources.hash-file',
        attempts: retryLimit + 1,
        lastError: expect.stringMatching(/ENOENT|no such file/),
        failedAt: expect.any(Date),
      });
      expect(
        await queue.boss.findJobs(DEAD_LETTER_QUEUE, { data: { fileId: file.id } }),
      ).toHaveLength(1);
    });

    it('sends a job whose payload can never be valid straight to the dead letter queue', async () => {
      const id = await queue.boss.send('claims.assess', { claimId: 'not-an-id' });
      await until(async () => (await jobState(queue, 'claims.assess', id!))?.state === 'failed');
      const listed = await queue.failedJobs();
      expect(listed.find((j) => j.id === id)).toMatchObject({
        name: 'claims.assess',
        attempts: 1,
        lastError: 'the payload does not match the catalogue (claimId: must be a valid id)',
      });
    });

    it('creates every queue with its retry policy and the dead letter queue', async () => {
      for (const name of JOB_NAMES) {
        expect(await queue.boss.getQueue(name)).toMatchObject({
          deadLetter: DEAD_LETTER_QUEUE,
          retryLimit: FAST_QUEUES[name].retryLimit,
          expireInSeconds: FAST_QUEUES[name].expireInSeconds,
        });
      }
    });
  });
});
