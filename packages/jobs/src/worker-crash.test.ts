import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  contentKey,
  createDb,
  createDiskFileStore,
  migrateDb,
  sourceFiles,
  type Database,
  type Db,
  type FileStore,
} from '@vigil/db';
import { createTestDatabase, testDatabaseKind } from '@vigil/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobName } from './catalogue.ts';
import type { CrashTestWorkerConfig } from './crash-test-worker.ts';
import type { Checkpoint } from './handler.ts';
import type { JobQueue } from './queue.ts';
import {
  auditCount,
  createClaim,
  createPerson,
  createSource,
  createUploadedFile,
  jobState,
  startTestQueue,
  tasksWithKey,
  until,
} from './testing.ts';
import { startWorker } from './worker.ts';

const CHILD_SCRIPT = fileURLToPath(new URL('./crash-test-worker.ts', import.meta.url));
const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

/** Starts a worker process that pauses at `pauseAt`, waits until it is there, and kills it with SIGKILL. */
async function runWorkerAndKillItAt(config: CrashTestWorkerConfig): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD_SCRIPT, JSON.stringify(config)], {
    cwd: PACKAGE_DIR,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  let timer: NodeJS.Timeout | undefined;
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(`paused at ${config.pauseAt}`)) resolve();
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((how) =>
      reject(new Error(`the worker exited (${how}) before reaching ${config.pauseAt}:\n${output}`)),
    );
    timer = setTimeout(
      () => reject(new Error(`the worker did not reach ${config.pauseAt} in time:\n${output}`)),
      45_000,
    );
  }).finally(() => {
    clearTimeout(timer);
    child.kill('SIGKILL');
  });
  expect(await exited).toBe('SIGKILL');
}

describe(
  `TRUST 21: a worker killed in the middle of a job (${testDatabaseKind})`,
  { timeout: 120_000 },
  () => {
    let files: FileStore;
    let filesRoot: string;
    /** PostgreSQL: one test database for the whole file. PGlite: a data directory, opened by one process at a time. */
    let postgres: Database | null = null;
    let pgliteDir = '';

    beforeAll(async () => {
      filesRoot = await mkdtemp(join(tmpdir(), 'vigil-crash-files-'));
      files = createDiskFileStore(filesRoot);
      if (testDatabaseKind === 'postgres') {
        postgres = await createTestDatabase();
      } else {
        pgliteDir = await mkdtemp(join(tmpdir(), 'vigil-crash-pgdata-'));
        const database = await createDb({ dataDir: pgliteDir });
        await migrateDb(database);
        await database.close();
      }
    });
    afterAll(async () => {
      await postgres?.close();
    });

    const open = async () => postgres ?? createDb({ dataDir: pgliteDir });
    const close = async (database: Database) => {
      if (database !== postgres) await database.close();
    };
    const databaseConfig = () => (postgres ? { url: postgres.url! } : { dataDir: pgliteDir });

    /**
     * Enqueues a job (as the API does, in the transaction of its change), lets a worker process
     * start it and kills that process at `pauseAt`; then starts a new worker, waits for the job to
     * be retried to completion and checks it had exactly one effect.
     */
    async function killAndRecover<T>(
      name: JobName,
      pauseAt: Checkpoint,
      prepare: (db: Db, queue: JobQueue) => Promise<{ jobId: string; context: T }>,
      checkOneEffect: (db: Db, context: T) => Promise<void>,
    ) {
      let database = await open();
      let queue = await startTestQueue(database);
      const { jobId, context } = await prepare(database.db, queue);
      await queue.stop();
      await close(database);

      await runWorkerAndKillItAt({ database: databaseConfig(), filesRoot, pauseAt });

      database = await open();
      queue = await startTestQueue(database);
      try {
        await startWorker(queue, { db: database.db, files }, { pollingIntervalSeconds: 0.5 });
        const done = await until(async () => {
          const state = await jobState(queue, name, jobId);
          return state?.state === 'completed' ? state : null;
        }, 45_000);
        expect(done.retryCount).toBe(1);
        await checkOneEffect(database.db, context);
      } finally {
        await queue.stop();
        await close(database);
      }
    }

    /** An upload recorded with its hashing job in one transaction. */
    async function upload(db: Db, queue: JobQueue, text: string) {
      const file = await createUploadedFile(db, files, text);
      await db.transaction((tx) => queue.enqueue(tx, 'sources.hash-file', { fileId: file.id }));
      const [job] = await queue.boss.findJobs('sources.hash-file', { data: { fileId: file.id } });
      return { jobId: job!.id, context: file };
    }

    async function expectHashedOnce(db: Db, file: typeof sourceFiles.$inferSelect, text: string) {
      const [row] = await db.select().from(sourceFiles).where(eq(sourceFiles.id, file.id));
      expect(row?.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(new TextDecoder().decode(await files.readVerified(row!.sha256!))).toBe(text);
      expect(await files.exists(contentKey(row!.sha256!))).toBe(true);
      expect(await files.exists(file.storageKey)).toBe(false);
      expect(await auditCount(db, 'source_file', file.id)).toBe(1);
      expect(await auditCount(db, 'source', file.sourceId)).toBe(1);
    }

    it.each([
      ['after copying the file, before recording its hash', 'sources.hash-file:stored'],
      ['after recording the hash, before discarding the staged copy', 'sources.hash-file:recorded'],
      [
        'after the handler finished, before the job was marked completed',
        'sources.hash-file:handled',
      ],
    ] as const)(
      'retries a file hashing killed %s, with one hash and one audit entry',
      async (_when, pauseAt) => {
        const text = `killed at ${pauseAt}`;
        await killAndRecover(
          'sources.hash-file',
          pauseAt,
          (db, queue) => upload(db, queue, text),
          (db, file) => expectHashedOnce(db, file, text),
        );
      },
    );

    it('retries a claim assessment killed after it committed, with one review task and one audit entry', async () => {
      await killAndRecover(
        'claims.assess',
        'claims.assess:handled',
        async (db, queue) => {
          const source = await createSource(db);
          const person = await createPerson(db);
          const claim = await createClaim(db, {
            sourceId: source.id,
            subjectType: 'person',
            personId: person.id,
            predicate: 'birth_date',
            value: '1990',
          });
          await db.transaction((tx) => queue.enqueue(tx, 'claims.assess', { claimId: claim.id }));
          const [job] = await queue.boss.findJobs('claims.assess', { data: { claimId: claim.id } });
          return { jobId: job!.id, context: claim };
        },
        async (db, claim) => {
          const tasks = await tasksWithKey(db, `claim:${claim.id}`);
          expect(tasks).toHaveLength(1);
          expect(await auditCount(db, 'review_task', tasks[0]!.id)).toBe(1);
        },
      );
    });
  },
);
