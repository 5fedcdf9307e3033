/**
 * A real worker process for the crash test (`worker-crash.test.ts`), not part of the package:
 * it runs every handler on the database named in its argument and, when a handler reaches the
 * checkpoint named there, says so on stdout and waits to be killed.
 *
 *   node --import tsx src/crash-test-worker.ts '{"database":{"url":"postgres://…"},"filesRoot":"/tmp/…","pauseAt":"sources.hash-file:stored"}'
 */
import { createDb, createDiskFileStore } from '@vigil/db';
import type { Checkpoint } from './handler.ts';
import { startTestQueue } from './testing.ts';
import { startWorker } from './worker.ts';

export interface CrashTestWorkerConfig {
  /** PostgreSQL by URL, or a PGlite data directory (which only one process may open at a time). */
  database: { url: string } | { dataDir: string };
  filesRoot: string;
  pauseAt: Checkpoint;
}

const config = JSON.parse(process.argv[2] ?? '{}') as CrashTestWorkerConfig;
const database = await createDb(config.database);
const queue = await startTestQueue(database);
await startWorker(
  queue,
  {
    db: database.db,
    files: createDiskFileStore(config.filesRoot),
    checkpoint: async (point) => {
      if (point !== config.pauseAt) return;
      process.stdout.write(`paused at ${point}\n`);
      await new Promise(() => undefined);
    },
  },
  { pollingIntervalSeconds: 0.5 },
);
process.stdout.write('worker started\n');
