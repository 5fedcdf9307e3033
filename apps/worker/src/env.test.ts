import { describe, expect, it } from 'vitest';
import { readWorkerEnv } from './env.ts';

describe('readWorkerEnv', () => {
  it('needs a PostgreSQL URL', () => {
    expect(() => readWorkerEnv({})).toThrow(/needs DATABASE_URL/);
  });

  it('leaves network archiving off unless VIGIL_ARCHIVE_FETCH is 1', () => {
    expect(readWorkerEnv({ DATABASE_URL: 'postgres://db/vigil' }).archiveFetch).toBeUndefined();
    expect(
      readWorkerEnv({ DATABASE_URL: 'postgres://db/vigil', VIGIL_ARCHIVE_FETCH: '1' }).archiveFetch,
    ).toEqual({
      timeoutMs: 30_000,
      maxBytes: 20 * 1024 * 1024,
    });
  });

  it('refuses a VIGIL_ARCHIVE_FETCH that is neither 0 nor 1', () => {
    expect(() =>
      readWorkerEnv({ DATABASE_URL: 'postgres://db/vigil', VIGIL_ARCHIVE_FETCH: 'yes' }),
    ).toThrow(/must be 1 .* or 0, not "yes"/);
  });
});
