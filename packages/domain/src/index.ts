/**
 * @vigil/domain — Vigil's records as zod schemas and its rules as pure functions.
 * No I/O and no database: everything here runs the same in the server, the worker and the browser.
 */
export * from './errors/app-error.ts';
export * from './errors/describe-error.ts';
export * from './errors/zod-issues.ts';
export * from './errors/plain-zod-messages.ts';
export * from './common.ts';
export * from './dates/partial-date.ts';
export * from './sensitivity/sensitivity.ts';
export * from './users/user.schema.ts';
export * from './users/second-factor.ts';
export * from './users/sign-in-throttle.ts';
export * from './names/name.schema.ts';
export * from './names/same-spelling.ts';
export * from './names/script.ts';
export * from './names/search-key.ts';
export * from './persons/person.schema.ts';
export * from './persons/subject-access.ts';
export * from './persons/purge.ts';
export * from './persons/registry-filters.ts';
export * from './persons/place-filter.ts';
export * from './persons/registry-export.ts';
export * from './events/event-types.ts';
export * from './events/event.schema.ts';
export * from './sources/source.schema.ts';
export * from './sources/source-file.ts';
export * from './claims/claim.schema.ts';
export * from './claims/claim-predicates.ts';
export * from './counts/count-claim.schema.ts';
export * from './counts/registry-counts.ts';
export * from './matching/match-judgement.schema.ts';
export * from './review/review-task.schema.ts';
export * from './audit/audit-entry.schema.ts';
export * from './audit/audit-sealing.ts';
export * from './matching/index.ts';
export * from './grading/index.ts';
export * from './status/index.ts';
export * from './imports/index.ts';
export * from './history/history.ts';
export * from './submissions/wgeid-case-file.ts';
export * from './partners/api-key.ts';
export * from './partners/rate-limit.ts';
