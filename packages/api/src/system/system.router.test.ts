import { ROLES, SENSITIVITIES, type Role } from '@vigil/domain';
import { sourceFiles } from '@vigil/db';
import { testDatabaseKind } from '@vigil/db/testing';
import { startWorker } from '@vigil/jobs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, until, type TestApp } from '../testing.ts';

/** Tried once and retried twice, with no wait between attempts. */
const RETRY_LIMIT = 2;

describe(`the system page's jobs (${testDatabaseKind})`, () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({
      queue: {
        queues: {
          'sources.hash-file': {
            retryLimit: RETRY_LIMIT,
            retryDelay: 0,
            retryBackoff: false,
            expireInSeconds: 5,
          },
        },
      },
    });
  });
  afterAll(async () => app?.close());

  describe('TRUST 23: a job that keeps failing ends failed and shows on the system page', () => {
    it('lists a job that failed every attempt with its name, attempts and last error, for an admin', async () => {
      const editor = await app.as('editor');
      const source = await editor.caller.sources.create({ kind: 'photo', title: 'Lost photo' });
      const upload = await editor.caller.sources.uploadFile({
        sourceId: source.id,
        filename: 'photo.txt',
        mediaType: 'text/plain',
        contentBase64: Buffer.from('bytes that go missing').toString('base64'),
      });
      // The staged bytes disappear before the worker runs, so hashing fails on every attempt.
      const [file] = await app.db.select().from(sourceFiles).where(eq(sourceFiles.id, upload.id));
      await app.files.discardStaged(file!.storageKey);
      const [job] = await app.queue.boss.findJobs('sources.hash-file', {
        data: { fileId: upload.id },
      });
      expect(job).toBeDefined();
      await startWorker(
        app.queue,
        { db: app.db, files: app.files },
        { pollingIntervalSeconds: 0.5 },
      );

      const { caller: admin } = await app.as('admin');
      const listed = await until(async () =>
        (await admin.system.failedJobs()).find((j) => j.id === job!.id),
      );
      expect(listed).toEqual({
        name: 'sources.hash-file',
        id: job!.id,
        attempts: RETRY_LIMIT + 1,
        lastError: expect.stringMatching(/ENOENT|no such file/),
        failedAt: expect.any(Date),
      });
      const [settled] = await app.queue.boss.findJobs('sources.hash-file', { id: job!.id });
      expect(settled).toMatchObject({ state: 'failed', retryCount: RETRY_LIMIT });
      const queues = await admin.system.jobs();
      expect(queues.find((q) => q.name === 'sources.hash-file')).toMatchObject({
        failed: 1,
        active: 0,
        queued: 0,
      });
      expect(await admin.system.failedJobs({ limit: 1 })).toEqual([listed]);
    });

    const withoutAdmin = ROLES.filter((role) => role !== 'admin').flatMap((role: Role) =>
      SENSITIVITIES.map((clearance) => ({ role, clearance })),
    );
    it.each(withoutAdmin)(
      'refuses the failed jobs and queue counts to a $role cleared for $clearance',
      async ({ role, clearance }) => {
        const { caller } = await app.as(role, clearance);
        await expect(caller.system.failedJobs()).rejects.toMatchObject({ code: 'FORBIDDEN' });
        await expect(caller.system.jobs()).rejects.toMatchObject({ code: 'FORBIDDEN' });
      },
    );

    it('refuses the failed jobs to a caller who has not signed in', async () => {
      await expect(app.anonymous().system.failedJobs()).rejects.toMatchObject({
        code: 'UNAUTHORIZED',
      });
    });
  });
});
