import { IdSchema } from '@vigil/domain';
import { z } from 'zod';

/**
 * Every job Vigil runs: its name (`<module>.<verb-noun>`), its payload schema, its queue policy
 * (a job is tried once and retried up to `retryLimit` times, then ends `failed` and is copied to
 * {@link DEAD_LETTER_QUEUE}) and how many jobs a worker fetches at once. Handlers live beside
 * their module (`sources/hash-file.handler.ts`).
 */
export const JOBS = {
  /** Hashes an uploaded file and stores it at its content address. */
  'sources.hash-file': {
    payload: z.object({ fileId: IdSchema }),
    queue: { retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: 300 },
    batchSize: 10,
  },
  /** Grades a new claim, checks corroboration and conflicts, and opens review tasks. */
  'claims.assess': {
    payload: z.object({ claimId: IdSchema }),
    queue: { retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: 120 },
    batchSize: 20,
  },
  /** Recomputes one person's derived status after an accepted change. */
  'persons.recompute-status': {
    payload: z.object({ personId: IdSchema }),
    queue: { retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: 120 },
    batchSize: 20,
  },
  /** Daily: recomputes the status of everyone held or of unknown liberty, opening "contact lost" tasks. */
  'persons.proof-of-life-sweep': {
    payload: z.object({}),
    queue: { retryLimit: 3, retryDelay: 60, expireInSeconds: 3600 },
    batchSize: 1,
  },
  /** Hashes a source's files and snapshots its URL when network access is configured. */
  'sources.archive': {
    payload: z.object({ sourceId: IdSchema }),
    queue: { retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 600 },
    batchSize: 1,
  },
  /** The dry run of a long list: matches every row with progress, changing nothing in the registry. */
  'imports.match-list': {
    payload: z.object({ importId: IdSchema }),
    queue: { retryLimit: 2, retryDelay: 10, expireInSeconds: 1800 },
    batchSize: 1,
  },
  /** Applies a confirmed list import: matches again with progress, then writes all rows or none. */
  'imports.apply': {
    payload: z.object({ importId: IdSchema }),
    queue: { retryLimit: 2, retryDelay: 10, expireInSeconds: 1800 },
    batchSize: 1,
  },
  /** Once after an upgrade that changed the blocking keys: recomputes every person's stored keys. */
  'matching.refresh-keys': {
    payload: z.object({}),
    queue: { retryLimit: 3, retryDelay: 60, expireInSeconds: 3600 },
    batchSize: 1,
  },
  /**
   * Daily: re-reads every stored file, checks its SHA-256, and opens a review task for each one
   * damaged or missing (closing it once the file is intact again).
   */
  'sources.verify-files': {
    payload: z.object({}),
    queue: { retryLimit: 3, retryDelay: 300, expireInSeconds: 6 * 3600 },
    batchSize: 1,
  },
  /** Daily: finds likely duplicate persons and opens review tasks for pairs nobody judged yet. */
  'matching.find-duplicates': {
    payload: z.object({}),
    queue: { retryLimit: 3, retryDelay: 60, expireInSeconds: 3600 },
    batchSize: 1,
  },
} as const;

/**
 * Where pg-boss copies a job that failed its last attempt, with its error, so that the admin's
 * system page can list it for a year (failed jobs themselves are deleted after a week).
 * No worker takes jobs from it.
 */
export const DEAD_LETTER_QUEUE = 'jobs.dead-letter';

/** When the daily proof-of-life sweep runs (cron, UTC). */
export const PROOF_OF_LIFE_SWEEP_CRON = '0 3 * * *';

/** When the daily search for duplicate persons runs (cron, UTC). */
export const FIND_DUPLICATES_CRON = '30 3 * * *';

/** When the daily check of every stored file's SHA-256 runs (cron, UTC). */
export const VERIFY_FILES_CRON = '0 4 * * *';

export type JobName = keyof typeof JOBS;
export type JobPayload<N extends JobName> = z.infer<(typeof JOBS)[N]['payload']>;
export const JOB_NAMES = Object.keys(JOBS) as JobName[];
