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
import { fileDownloadResponse } from '../sources/file-response.ts';
import { readSourceFile } from '../sources/source-files.service.ts';
import { getSource } from '../sources/sources.service.ts';
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

  // The contract is public: registered before the key check, which it never reaches.
  api.get('/openapi.json', (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(partnerOpenApi());
  });

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
  api.get('/sources/:id', needs('sources:read'), async (c) =>
    c.json(await getSource(service(c), parsed(IdSchema, c.req.param('id')))),
  );
  // The same copy a user of the app with the key's clearance gets: checked against its SHA-256,
  // and a photo without its metadata below staff.
  api.get('/files/:id', needs('sources:read'), async (c) =>
    fileDownloadResponse(await readSourceFile(service(c), parsed(IdSchema, c.req.param('id')))),
  );
  api.get('/counts/series', needs('counts:read'), async (c) =>
    c.json(await countSeries(service(c), parsed(CountSeriesInputSchema, c.req.query()))),
  );
  api.get('/', (c) =>
    c.json({
      key: { name: c.get('partner').displayName, scopes: c.get('partner').scopes },
      routes: ROUTES.map(({ path, scope, about }) => ({ path, scope, about })),
      openapi: '/api/v1/openapi.json',
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

/** One route of the partner API: what `GET /api/v1/` lists and the OpenAPI document describes. */
export interface PartnerRoute {
  /** OpenAPI form: `{id}` is a person's id. */
  path: string;
  scope: ApiScope;
  about: string;
  query?: z.ZodObject;
}

/** The routes a key may call, with the scope each needs. */
export const ROUTES: PartnerRoute[] = [
  {
    path: '/persons',
    scope: 'persons:read',
    about: 'The registry, searched by name in any script, a page at a time (nextCursor)',
    query: PersonQuerySchema,
  },
  {
    path: '/persons/{id}',
    scope: 'persons:read',
    about: 'One person with their names and derived status, with its reasons',
  },
  {
    path: '/persons/{id}/events',
    scope: 'events:read',
    about: 'A person’s timeline: events in date order, each with the sources that report it',
    query: EventQuerySchema,
  },
  {
    path: '/sources/{id}',
    scope: 'sources:read',
    about: 'A source: what it is, who published it, how reliable, and its files',
  },
  {
    path: '/files/{id}',
    scope: 'sources:read',
    about:
      'A source’s file, checked against its SHA-256; photos without their metadata below staff',
  },
  {
    path: '/counts/series',
    scope: 'counts:read',
    about: 'Count claims over time beside what the registry itself can prove',
    query: CountSeriesInputSchema.unwrap(),
  },
];

const ERROR_RESPONSE = {
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
};

/**
 * The partner API as an OpenAPI 3.1 document, served without a key at `/api/v1/openapi.json` so
 * that a partner can read the contract before asking for one. Query parameters come from the
 * same zod schemas the routes validate with.
 */
export function partnerOpenApi() {
  const paths: Record<string, unknown> = {};
  for (const route of ROUTES) {
    const query = route.query
      ? (z.toJSONSchema(route.query, { io: 'input', unrepresentable: 'any' }) as {
          properties?: Record<string, unknown>;
          required?: string[];
        })
      : null;
    paths[route.path] = {
      get: {
        summary: route.about,
        description: `Needs a key with the \`${route.scope}\` scope.`,
        security: [{ apiKey: [] }],
        parameters: [
          ...(route.path.includes('{id}')
            ? [
                {
                  name: 'id',
                  in: 'path',
                  required: true,
                  schema: { type: 'string', format: 'uuid' },
                },
              ]
            : []),
          ...Object.entries(query?.properties ?? {}).map(([name, schema]) => ({
            name,
            in: 'query',
            required: query?.required?.includes(name) ?? false,
            schema,
          })),
        ],
        responses: {
          '200': {
            description: 'The answer, cut to the key’s clearance',
            content: { 'application/json': {} },
          },
          '400': { description: 'A parameter is not valid; `issues` names it', ...ERROR_RESPONSE },
          '401': {
            description: 'No working key: missing, unknown, revoked or expired',
            ...ERROR_RESPONSE,
          },
          '403': {
            description: `The key does not have the \`${route.scope}\` scope`,
            ...ERROR_RESPONSE,
          },
          '404': {
            description: 'No such record, or one outside the key’s clearance',
            ...ERROR_RESPONSE,
          },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Vigil partner API',
      version: '1',
      description:
        'Read-only access for partners to what a Vigil instance documents about persons deprived of liberty, cut to the clearance of the key. Every answer carries Cache-Control: no-store.',
    },
    servers: [{ url: '/api/v1' }],
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'vigil_…' } },
      schemas: {
        Error: {
          type: 'object',
          properties: {
            error: {
              type: 'object',
              properties: {
                code: { type: 'string' },
                message: { type: 'string' },
                issues: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: { field: { type: 'string' }, message: { type: 'string' } },
                  },
                },
              },
              required: ['code', 'message'],
            },
          },
        },
      },
    },
    paths,
  };
}
