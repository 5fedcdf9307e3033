import { AppError, describeError, type Permission } from '@vigil/domain';
import { initTRPC, TRPCError } from '@trpc/server';
import type { Context, ServiceContext } from './context.ts';
import { issuesFromZodLike, trpcCodeOf } from './errors.ts';
import { refuseNulCharacters as refuseNulCharactersIn } from './nul-characters.ts';
import { assertActorMay } from './permissions.ts';

/** Every procedure declares what it needs; a test walks the router and checks each one. */
export interface Meta {
  access: Permission | 'anyone' | 'signed_in';
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    errorFormatter({ shape, error }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        // Names, codes and where it was thrown; never the input or the values of a query.
        console.error(`[api] unexpected error: ${describeError(error.cause ?? error)}`);
        return {
          ...shape,
          message: 'Something went wrong on the server; it has been logged',
          data: { ...shape.data, stack: undefined },
        };
      }
      const appIssues = error.cause instanceof AppError ? error.cause.issues : undefined;
      return { ...shape, data: { ...shape.data, issues: appIssues, stack: undefined } };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Turns an AppError thrown by a service into the matching tRPC error, from one table. */
const mapAppErrors = t.middleware(async ({ next }) => {
  const result = await next();
  const inputIssues =
    !result.ok && result.error.code === 'BAD_REQUEST'
      ? issuesFromZodLike(result.error.cause)
      : null;
  if (inputIssues) {
    const cause = AppError.badInput(inputIssues);
    throw new TRPCError({ code: 'BAD_REQUEST', message: cause.safeMessage, cause });
  }
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: trpcCodeOf[cause.code], message: cause.safeMessage, cause });
  }
  return result;
});

const base = t.procedure.use(mapAppErrors);

/** Refuses a NUL character anywhere in the input, naming the field (see `nul-characters.ts`). */
const refuseNulCharacters = t.middleware(async ({ getRawInput, next }) => {
  refuseNulCharactersIn(await getRawInput());
  return next();
});

/** For `auth.login` only: anyone may try. */
export const anyoneProcedure = base.use(refuseNulCharacters).meta({ access: 'anyone' });

const requireActor = base.use(({ ctx, next }) => {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  const service: ServiceContext = {
    db: ctx.db,
    queue: ctx.queue,
    files: ctx.files,
    actor: ctx.actor,
    ip: ctx.ip,
  };
  return next({ ctx: { ...ctx, actor: ctx.actor, service } });
});

/**
 * Any signed-in staff member, whatever the role, even an admin who has not yet set up a second
 * factor: for the `auth` procedures only (signing out, enrolment), which a test checks.
 */
export const signedInProcedure = requireActor
  .use(refuseNulCharacters)
  .meta({ access: 'signed_in' });

/**
 * A procedure that needs a permission. Roles are checked before the input is parsed, so a
 * caller without the role learns nothing about what the input should look like. An admin
 * without a second factor is refused every one of them until they set it up (TRUST 5).
 *
 * @example
 * export const create = procedureFor('write').input(PersonCreateSchema).mutation(...)
 */
export function procedureFor(permission: Permission) {
  return requireActor
    .meta({ access: permission })
    .use(({ ctx, next }) => {
      assertActorMay(ctx.actor, permission);
      return next();
    })
    .use(refuseNulCharacters);
}
