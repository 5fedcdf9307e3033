import { authRouter } from './auth/auth.router.ts';
import { claimsRouter } from './claims/claims.router.ts';
import { countsRouter } from './counts/counts.router.ts';
import { eventsRouter } from './events/events.router.ts';
import { historyRouter } from './history/history.router.ts';
import { importsRouter } from './imports/imports.router.ts';
import { matchingRouter } from './matching/matching.router.ts';
import { namesRouter } from './names/names.router.ts';
import { apiKeysRouter } from './partners/api-keys.router.ts';
import { personsRouter } from './persons/persons.router.ts';
import { reviewRouter } from './review/review.router.ts';
import { sourcesRouter } from './sources/sources.router.ts';
import { submissionsRouter } from './submissions/submissions.router.ts';
import { systemRouter } from './system/system.router.ts';
import { createCallerFactory, router } from './trpc.ts';
import { usersRouter } from './users/users.router.ts';

/** Every procedure of Vigil's API, as `<module>.<verb>`. */
export const appRouter = router({
  auth: authRouter,
  users: usersRouter,
  persons: personsRouter,
  names: namesRouter,
  events: eventsRouter,
  sources: sourcesRouter,
  claims: claimsRouter,
  counts: countsRouter,
  history: historyRouter,
  review: reviewRouter,
  imports: importsRouter,
  matching: matchingRouter,
  submissions: submissionsRouter,
  system: systemRouter,
  apiKeys: apiKeysRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
