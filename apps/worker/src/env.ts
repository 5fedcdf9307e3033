import { resolve } from 'node:path';
import { DEFAULT_SNAPSHOT_FETCH, type SnapshotFetchOptions } from '@vigil/jobs';

/** The worker process's settings: the only place it reads its environment. */
export interface WorkerEnv {
  /** PostgreSQL connection string (the worker process runs only against PostgreSQL). */
  databaseUrl: string;
  /** Vigil's data directory; files are kept in `files/` inside it, as by the server. */
  dataDir: string;
  /** Network archiving of source URLs, when `VIGIL_ARCHIVE_FETCH=1`; otherwise reviewers are asked. */
  archiveFetch: SnapshotFetchOptions | undefined;
}

/**
 * Reads the worker's environment, or explains what is missing.
 *
 * @example
 * readWorkerEnv({ DATABASE_URL: 'postgres://vigil@db/vigil', VIGIL_ARCHIVE_FETCH: '1' }).archiveFetch // { timeoutMs: 30000, … }
 */
export function readWorkerEnv(env: NodeJS.ProcessEnv = process.env): WorkerEnv {
  const databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    throw new Error(
      'The worker process needs DATABASE_URL (PostgreSQL). In embedded mode `pnpm start` already runs the worker.',
    );
  }
  const fetchSetting = env.VIGIL_ARCHIVE_FETCH ?? '0';
  if (fetchSetting !== '0' && fetchSetting !== '1') {
    throw new Error(
      `VIGIL_ARCHIVE_FETCH must be 1 (fetch source URLs to archive them) or 0, not "${fetchSetting}"`,
    );
  }
  return {
    databaseUrl,
    dataDir: resolve(env.VIGIL_DATA_DIR ?? '.vigil'),
    archiveFetch: fetchSetting === '1' ? { ...DEFAULT_SNAPSHOT_FETCH } : undefined,
  };
}
