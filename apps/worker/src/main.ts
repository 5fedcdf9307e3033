/**
 * The worker process for PostgreSQL deployments: runs the job handlers of `@vigil/jobs`
 * against DATABASE_URL. Run as many copies as needed; pg-boss hands each job to one of them.
 * (In embedded mode the server runs the same handlers in its own process, since PGlite is
 * in-process.)
 */
import { join, resolve } from 'node:path';
import { createDb, createDiskFileStore } from '@vigil/db';
import { startJobQueue, startWorker } from '@vigil/jobs';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('The worker process needs DATABASE_URL (PostgreSQL). In embedded mode `pnpm start` already runs the worker.');
  process.exit(2);
}
const dataDir = resolve(process.env.VIGIL_DATA_DIR ?? '.vigil');
const database = await createDb({ url });
const queue = await startJobQueue(database);
await startWorker(queue, { db: database.db, files: createDiskFileStore(join(dataDir, 'files')) });
console.log('Vigil worker is running; stop with Ctrl+C');

const stop = () => {
  void queue
    .stop()
    .then(() => database.close())
    .then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
