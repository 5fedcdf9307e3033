import {
  AppError,
  appErrorHttpStatus,
  describeError,
  fieldIssuesFromZod,
  IdSchema,
  type ApiScope,
} from '@vigil/domain';
import { Hono, type Context as HonoContext, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { Deps, ServiceContext } from '../context.ts';
import { countSeries, CountSeriesInputSchema } from '../counts/counts.service.ts';
import { refuseNulCharacters } from '../nul-characters.ts';
import { listEvents } from '../events/events.service.ts';
import { getPerson, listPersons, PersonListInputSchema } from '../persons/persons.service.ts';
import { actorFromApiKey, type PartnerActor } from './api-keys.service.ts';

type PartnerEnv = { Variables: { partner: PartnerActor } };

/** Query strings carry text: the page size is read as a number. */
const PersonQuerySchema = PersonListInputSchema.extend({
  limit: z.coerce
    .number('must be a number')
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(200, 'must be at most 200')
    .default(50),
});
const EventQuerySchema = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce
    .number('must be a number')
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(500, 'must be at most 500')
    .default(100),
});

function parsed<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  refuseNulCharacters(input);
  const result = schema.safeParse(input);
  if (!result.success) throw AppError.badInput(fieldIssuesFromZod(result.error.issues));
  return result.data;
}

function errorBody(error: AppError) {
  return { error: { code: error.code, message: error.safeMessage, issues: error.issues } };
}

/**
 * The partner REST surface, mounted by the server at `/api/v1`: read-only JSON for other NGOs,
 * lawyers and international bodies, each request authorised by an API key
 * (`Authorization: Bearer vigil_…`). A key reads only what its scopes open and its clearance
 * allows, through the same services and redaction as the admin app: a record outside it answers
 * 404 exactly as one that does not exist. Every answer carries `Cache-Control: no-store`.
 *
 * @example
 * app.route('/api/v1', createPartnerApi(deps));
 */
export function createPartnerApi(deps: Deps) {
  const api = new Hono<PartnerEnv>();
  const service = (c: HonoContext<PartnerEnv>): ServiceContext => ({
    ...deps,
    actor: c.get('partner'),
    ip: null,
  });
  const needs =
    (scope: ApiScope): MiddlewareHandler<PartnerEnv> =>
    async (c, next) => {
      if (!c.get('partner').scopes.includes(scope))
        throw new AppError('FORBIDDEN', `This key does not have the ${scope} scope`);
      await next();
    };

  api.use('*', async (c, next) => {
    c.header('Cache-Control', 'no-store');
    const token = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    const partner = token ? await actorFromApiKey(deps.db, token) : null;
    if (!partner) {
      c.header('WWW-Authenticate', 'Bearer realm="vigil"');
      throw new AppError(
        'UNAUTHENTICATED',
        'A working API key is needed: send it as "Authorization: Bearer vigil_…"',
      );
    }
    c.set('partner', partner);
    await next();
  });

  api.get('/persons', needs('persons:read'), async (c) =>
    c.json(await listPersons(service(c), parsed(PersonQuerySchema, c.req.query()))),
  );
  api.get('/persons/:id', needs('persons:read'), async (c) =>
    c.json(await getPerson(service(c), parsed(IdSchema, c.req.param('id')))),
  );
  api.get('/persons/:id/events', needs('events:read'), async (c) => {
    const ctx = service(c);
    const personId = parsed(IdSchema, c.req.param('id'));
    // A person the key may not see answers 404, even where some of their events could be seen.
    await getPerson(ctx, personId);
    return c.json(await listEvents(ctx, { personId, ...parsed(EventQuerySchema, c.req.query()) }));
  });
  api.get('/counts/series', needs('counts:read'), async (c) =>
    c.json(await countSeries(service(c), parsed(CountSeriesInputSchema, c.req.query()))),
  );
  api.get('/', (c) =>
    c.json({
      key: { name: c.get('partner').displayName, scopes: c.get('partner').scopes },
      routes: ROUTES,
    }),
  );

  api.notFound((c) =>
    c.json(errorBody(new AppError('NOT_FOUND', 'There is no such route in the partner API')), 404),
  );
  api.onError((error, c) => {
    if (error instanceof AppError)
      return c.json(errorBody(error), appErrorHttpStatus[error.code] as 400);
    console.error(`[partner-api] unexpected error: ${describeError(error)}`);
    return c.json(
      errorBody(new AppError('INTERNAL', 'Something went wrong on the server; it has been logged')),
      500,
    );
  });
  return api;
}

/** The routes a key may call, with the scope each needs: `GET /api/v1/` lists them. */
export const ROUTES: { path: string; scope: ApiScope; about: string }[] = [
  {
    path: '/persons?q=&status=&sex=&affiliation=&cursor=&limit=',
    scope: 'persons:read',
    about: 'the registry, searched in any script',
  },
  {
    path: '/persons/{id}',
    scope: 'persons:read',
    about: 'one person with their names and derived status',
  },
  {
    path: '/persons/{id}/events?cursor=&limit=',
    scope: 'events:read',
    about: 'a person’s timeline with its sources',
  },
  {
    path: '/counts/series?population=',
    scope: 'counts:read',
    about: 'count claims over time beside the registry’s counts',
  },
];
