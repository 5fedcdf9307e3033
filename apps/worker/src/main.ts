/**
 * The worker process for PostgreSQL deployments: runs the job handlers of `@vigil/jobs`
 * against DATABASE_URL. Run as many copies as needed; pg-boss hands each job to one of them,
 * and the handlers' fencing keeps an attempt that outlived its timeout from committing.
 * (In embedded mode the server runs the same handlers in its own process, since PGlite is
 * in-process.)
 */
import { join } from 'node:path';
import { createDb, createDiskFileStore } from '@vigil/db';
import { startJobQueue, startWorker } from '@vigil/jobs';
import { readWorkerEnv, type WorkerEnv } from './env.ts';

let env: WorkerEnv;
try {
  env = readWorkerEnv();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
}
const database = await createDb({ url: env.databaseUrl });
const queue = await startJobQueue(database);
await startWorker(queue, {
  db: database.db,
  files: createDiskFileStore(join(env.dataDir, 'files')),
  archiveFetch: env.archiveFetch,
});
console.log(
  `Vigil worker is running (network archiving ${env.archiveFetch ? 'on' : 'off'}); stop with Ctrl+C`,
);

const stop = () => {
  void queue
    .stop()
    .then(() => database.close())
    .then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
