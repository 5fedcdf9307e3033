import { IdSchema } from '@vigil/domain';
import { z } from 'zod';

/**
 * Every job Vigil runs: its name (`<module>.<verb-noun>`), its payload schema and its queue
 * policy. Handlers live beside their module (`sources/hash-file.handler.ts`).
 */
export const JOBS = {
  'sources.hash-file': {
    payload: z.object({ fileId: IdSchema }),
    queue: { retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: 300 },
  },
  /** Grades a new claim, checks corroboration and conflicts, and opens review tasks. */
  'claims.assess': {
    payload: z.object({ claimId: IdSchema }),
    queue: { retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: 120 },
  },
  /** Recomputes one person's derived status after an accepted change. */
  'persons.recompute-status': {
    payload: z.object({ personId: IdSchema }),
    queue: { retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: 120 },
  },
  /** Daily: recomputes every held person's status, opening "contact lost" tasks. */
  'persons.proof-of-life-sweep': {
    payload: z.object({}),
    queue: { retryLimit: 3, retryDelay: 60, expireInSeconds: 3600 },
  },
  /** Hashes a source's files and snapshots its URL when network access is configured. */
  'sources.archive': {
    payload: z.object({ sourceId: IdSchema }),
    queue: { retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 600 },
  },
} as const;

export type JobName = keyof typeof JOBS;
export type JobPayload<N extends JobName> = z.infer<(typeof JOBS)[N]['payload']>;
export const JOB_NAMES = Object.keys(JOBS) as JobName[];
