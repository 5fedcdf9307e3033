/**
 * @vigil/db — the drizzle schema, committed migrations, the client factory (PGlite or
 * PostgreSQL) and queries shared by the API and the worker.
 */
export * from './client.ts';
export * as schema from './schema.ts';
export * from './schema.ts';
export * from './audit/audit.queries.ts';
export * from './audit/audit-sealing.ts';
export * from './files/file-store.ts';
export * from './demo/demo-data.ts';
export * from './status/status.queries.ts';
export * from './review/review.queries.ts';
export * from './status/proof-of-life-sweep.queries.ts';
export * from './matching/match-keys.queries.ts';
export * from './partners/rate-buckets.queries.ts';
export * from './imports/apply-import.ts';
export * from './matching/merge.queries.ts';
export * from './persons/purge-person.queries.ts';
export * from './backup/backup-cipher.ts';
export * from './backup/backup-records.ts';
export * from './backup/backup.queries.ts';
export * from './backup/backup-file.ts';
export * from './history/history.queries.ts';
