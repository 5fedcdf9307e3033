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
} as const;

export type JobName = keyof typeof JOBS;
export type JobPayload<N extends JobName> = z.infer<(typeof JOBS)[N]['payload']>;
export const JOB_NAMES = Object.keys(JOBS) as JobName[];
