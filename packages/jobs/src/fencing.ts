import { AppError } from '@vigil/domain';
import type { Db, Tx } from '@vigil/db';
import { sql } from 'drizzle-orm';
import type { JobAttempt } from './handler.ts';

/** The schema pg-boss keeps its tables in (passed to its constructor, read by the fence). */
export const PGBOSS_SCHEMA = 'pgboss';

/**
 * Thrown when an attempt at a job is no longer the current one (its claim expired and pg-boss
 * handed the job out again, or it was settled meanwhile): the attempt wrote nothing.
 */
export class StaleAttemptError extends AppError {
  readonly attempt: JobAttempt;

  constructor(attempt: JobAttempt, found: { state: string; retryCount: number } | null) {
    const now = found
      ? `the job is now ${found.state} at attempt ${found.retryCount + 1}`
      : 'the job no longer exists';
    super(
      'CONFLICT',
      `stale attempt: attempt ${attempt.retryCount + 1} at job ${attempt.name} ${attempt.id} is no longer current (${now}); it wrote nothing`,
    );
    this.name = 'StaleAttemptError';
    this.attempt = attempt;
  }
}

/**
 * Runs `work` in a transaction that first locks the job's row in pg-boss's table and checks that
 * this attempt still holds the job: state `active` with the `retryCount` the attempt was handed.
 * Otherwise it throws {@link StaleAttemptError} before writing anything.
 *
 * Why this is a fence: pg-boss expires a lapsed attempt, and hands the job to a new attempt,
 * by deleting and re-inserting that row, which must wait for the lock. So either the stale
 * attempt commits first (and the job is then still its own), or the newer attempt exists and
 * the stale one finds a different state or `retryCount` here and aborts. pg-boss's own
 * `transactional` workers do the same, but its PGlite adapter cannot run them.
 *
 * @example
 * await runFenced(db, attempt, async (tx) => {
 *   await tx.update(sourceFiles).set({ sha256 }).where(eq(sourceFiles.id, fileId));
 * });
 */
export async function runFenced<T>(
  db: Db,
  attempt: JobAttempt,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    // Both drivers (PGlite, node-postgres) answer `execute` with `{ rows }`; the shared Db type cannot say so.
    const result: unknown = await tx.execute(
      sql`SELECT state::text AS state, retry_count FROM ${sql.identifier(PGBOSS_SCHEMA)}.job
          WHERE name = ${attempt.name} AND id = ${attempt.id}::uuid FOR UPDATE`,
    );
    const row = (result as { rows: { state: string; retry_count: number }[] }).rows[0];
    const found = row ? { state: row.state, retryCount: Number(row.retry_count) } : null;
    if (!found || found.state !== 'active' || found.retryCount !== attempt.retryCount) {
      throw new StaleAttemptError(attempt, found);
    }
    return work(tx);
  });
}
