/** @vigil/jobs — the job catalogue, the pg-boss wiring and the handlers the worker runs. */
export * from './catalogue.ts';
export * from './queue.ts';
export * from './worker.ts';
export { runFenced, StaleAttemptError } from './fencing.ts';
export {
  DEFAULT_SNAPSHOT_FETCH,
  SnapshotError,
  type SnapshotFetchOptions,
} from './sources/fetch-snapshot.ts';
