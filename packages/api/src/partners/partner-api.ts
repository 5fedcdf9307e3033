import {
  AppError,
  appErrorHttpStatus,
  describeError,
  fieldIssuesFromZod,
  IdSchema,
  MAX_REGISTRY_EXPORT_PERSONS,
  PARTNER_AUTH_FAILURE_LIMIT,
  PARTNER_KEY_RATE_LIMIT,
  type ApiScope,
  type RateLimitDecision,
  type RateLimitPolicy,
} from '@vigil/domain';
import { Hono, type Context as HonoContext, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { listClaims } from '../claims/claims.service.ts';
import type { Deps, ServiceContext } from '../context.ts';
import { countSeries, CountSeriesInputSchema } from '../counts/counts.service.ts';
import { refuseNulCharacters } from '../nul-characters.ts';
import { listEvents } from '../events/events.service.ts';
import { getPerson, listPersons, PersonListInputSchema } from '../persons/persons.service.ts';
import { exportRegistry, RegistryExportInputSchema } from '../persons/registry-export.service.ts';
import { fileDownloadResponse } from '../sources/file-response.ts';
import { readSourceFile } from '../sources/source-files.service.ts';
import { getSource } from '../sources/sources.service.ts';
import { actorFromApiKey, type PartnerActor } from './api-keys.service.ts';
import { createRateLimiter } from './rate-limiter.ts';

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
/** The registry as one file: a format and the list's filters, without its paging. */
const PersonExportQuerySchema = PersonQuerySchema.omit({ cursor: true, limit: true }).extend({
  format: RegistryExportInputSchema.shape.format,
});
/** A page of a person's timeline or claims. */
const PageQuerySchema = z.object({
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

/**
 * A name search must not travel in a URL, where proxies, browsers and access logs keep it
 * (TRUST 19): `q` is refused on GET routes, and taken from a POSTed JSON body instead.
 */
function refuseSearchInUrl(c: HonoContext<PartnerEnv>) {
  if (c.req.query('q') !== undefined)
    throw AppError.badInput([
      {
        field: 'q',
        message:
          'must not be in the URL, where logs keep it: POST the search as JSON to /api/v1/persons/search, or to /api/v1/persons/export for a file',
      },
    ]);
}

/** The request's JSON body, or a 400 saying it is not one. */
async function jsonBody(c: HonoContext<PartnerEnv>): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw AppError.badInput([{ field: 'body', message: 'must be a JSON object' }]);
  }
}

function errorBody(error: AppError) {
  return { error: { code: error.code, message: error.safeMessage, issues: error.issues } };
}

/** How the partner API may be tuned by the server that mounts it (tests too). */
export interface PartnerApiOptions {
  /** Each key's request budget; {@link PARTNER_KEY_RATE_LIMIT} unless given. */
  rateLimit?: RateLimitPolicy;
  /**
   * Requests without a working key that one client address may make; beyond it, requests from
   * that address are refused before any key is checked. {@link PARTNER_AUTH_FAILURE_LIMIT}
   * unless given.
   */
  authFailureLimit?: RateLimitPolicy;
  /**
   * The client's address, when the server knows it. Without it (or when it returns null),
   * requests without a working key are not counted by address.
   */
  clientAddress?: (c: HonoContext) => string | null;
  /** The clock of the request budgets. */
  now?: () => Date;
}

function rateLimitHeaders(c: HonoContext, decision: RateLimitDecision) {
  c.header('RateLimit-Limit', String(decision.limit));
  c.header('RateLimit-Remaining', String(decision.remaining));
  c.header('RateLimit-Reset', String(decision.resetSeconds));
  if (!decision.allowed) c.header('Retry-After', String(decision.retryAfterSeconds));
}

const seconds = (n: number) => `${n} second${n === 1 ? '' : 's'}`;

/**
 * The partner REST surface, mounted by the server at `/api/v1`: read-only JSON for other NGOs,
 * lawyers and international bodies, each request authorised by an API key
 * (`Authorization: Bearer vigil_…`). A key reads only what its scopes open and its clearance
 * allows, through the same services and redaction as the admin app: a record outside it answers
 * 404 exactly as one that does not exist. Every answer carries `Cache-Control: no-store`.
 *
 * Each key has a request budget (ASVS 2.4.1): every answer to a key says what is left of it in
 * `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset`, and a request beyond it gets
 * 429 with `Retry-After`. Requests without a working key are budgeted by client address, so
 * that keys cannot be guessed at speed; their answers carry the headers of that address's
 * budget. Behind a reverse proxy every client has the proxy's address, and shares its budget.
 * The budgets are kept in the database, so that every server process counts against the same
 * budget (`rate_buckets`; see `createRateLimiter`).
 *
 * @example
 * app.route('/api/v1', createPartnerApi(deps, { clientAddress: (c) => addressOf(c) }));
 */
export function createPartnerApi(deps: Deps, options: PartnerApiOptions = {}) {
  const api = new Hono<PartnerEnv>();
  const keyBudgets = createRateLimiter(
    deps.db,
    'partner-key',
    options.rateLimit ?? PARTNER_KEY_RATE_LIMIT,
    { now: options.now },
  );
  const addressBudgets = createRateLimiter(
    deps.db,
    'partner-address-without-key',
    options.authFailureLimit ?? PARTNER_AUTH_FAILURE_LIMIT,
    { now: options.now },
  );
  const service = (c: HonoContext<PartnerEnv>): ServiceContext => ({
    ...deps,
    actor: c.get('partner'),
    ip: options.clientAddress?.(c) ?? null,
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
    const address = options.clientAddress?.(c) ?? null;
    // An address that has spent its budget of failures is refused before its key is checked:
    // otherwise a guess that happened to be right would still be told apart from a wrong one.
    const addressBudget = address ? await addressBudgets.peek(address) : null;
    if (addressBudget && !addressBudget.allowed) {
      rateLimitHeaders(c, addressBudget);
      throw new AppError(
        'RATE_LIMITED',
        `Too many requests without a working key from this address: try again in ${seconds(addressBudget.retryAfterSeconds)}`,
      );
    }
    const token = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    const partner = token ? await actorFromApiKey(deps.db, token) : null;
    if (!partner) {
      if (address) rateLimitHeaders(c, await addressBudgets.take(address));
      c.header('WWW-Authenticate', 'Bearer realm="vigil"');
      throw new AppError(
        'UNAUTHENTICATED',
        'A working API key is needed: send it as "Authorization: Bearer vigil_…"',
      );
    }
    const keyBudget = await keyBudgets.take(partner.id);
    rateLimitHeaders(c, keyBudget);
    if (!keyBudget.allowed)
      throw new AppError(
        'RATE_LIMITED',
        `This key has made too many requests: try again in ${seconds(keyBudget.retryAfterSeconds)}`,
      );
    c.set('partner', partner);
    await next();
  });

  api.get('/persons', needs('persons:read'), async (c) => {
    refuseSearchInUrl(c);
    return c.json(await listPersons(service(c), parsed(PersonQuerySchema, c.req.query())));
  });
  api.post('/persons/search', needs('persons:read'), async (c) =>
    c.json(await listPersons(service(c), parsed(PersonQuerySchema, await jsonBody(c)))),
  );
  const exportFile = async (c: HonoContext<PartnerEnv>, input: unknown) => {
    const exported = await exportRegistry(service(c), parsed(PersonExportQuerySchema, input));
    c.header('Content-Type', exported.mediaType);
    c.header('Content-Disposition', `attachment; filename="${exported.filename}"`);
    return c.body(exported.text);
  };
  // Before `/persons/:id`, which would otherwise take `export` for an id.
  api.get('/persons/export', needs('persons:read'), async (c) => {
    refuseSearchInUrl(c);
    return exportFile(c, c.req.query());
  });
  api.post('/persons/export', needs('persons:read'), async (c) => exportFile(c, await jsonBody(c)));
  api.get('/persons/:id', needs('persons:read'), async (c) =>
    c.json(await getPerson(service(c), parsed(IdSchema, c.req.param('id')))),
  );
  api.get('/persons/:id/events', needs('events:read'), async (c) => {
    const ctx = service(c);
    const personId = parsed(IdSchema, c.req.param('id'));
    // A person the key may not see answers 404, even where some of their events could be seen.
    await getPerson(ctx, personId);
    return c.json(await listEvents(ctx, { personId, ...parsed(PageQuerySchema, c.req.query()) }));
  });
  api.get('/persons/:id/claims', needs('claims:read'), async (c) => {
    const ctx = service(c);
    const personId = parsed(IdSchema, c.req.param('id'));
    await getPerson(ctx, personId);
    // Only what a reviewer accepted; `listClaims` leaves out what the key may not see (a claim
    // that gives an identifier, a source above its clearance) in the query, so nothing is counted.
    return c.json(
      await listClaims(ctx, {
        personId,
        reviewState: 'accepted',
        ...parsed(PageQuerySchema, c.req.query()),
      }),
    );
  });
  api.get('/sources/:id', needs('sources:read'), async (c) =>
    c.json(await getSource(service(c), parsed(IdSchema, c.req.param('id')))),
  );
  // The same copy a user of the app with the key's clearance gets: checked against its SHA-256;
  // below staff, photos and PDFs without their metadata, and 403 for a type that cannot be cleaned.
  api.get('/files/:id', needs('sources:read'), async (c) =>
    fileDownloadResponse(await readSourceFile(service(c), parsed(IdSchema, c.req.param('id')))),
  );
  api.get('/counts/series', needs('counts:read'), async (c) =>
    c.json(await countSeries(service(c), parsed(CountSeriesInputSchema, c.req.query()))),
  );
  api.get('/', (c) =>
    c.json({
      key: { name: c.get('partner').displayName, scopes: c.get('partner').scopes },
      routes: ROUTES.map(({ method = 'get', path, scope, about }) => ({
        method: method.toUpperCase(),
        path,
        scope,
        about,
      })),
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
  /** `get` unless said: a search by name is POSTed, so that no name travels in a URL. */
  method?: 'get' | 'post';
  /** OpenAPI form: `{id}` is a person's id. */
  path: string;
  scope: ApiScope;
  about: string;
  query?: z.ZodObject;
  /** The JSON body of a `post` route. */
  body?: z.ZodObject;
}

/** The routes a key may call, with the scope each needs. */
export const ROUTES: PartnerRoute[] = [
  {
    path: '/persons',
    scope: 'persons:read',
    about:
      'The registry, filtered, a page at a time (nextCursor); a search by name goes to POST /persons/search',
    query: PersonQuerySchema.omit({ q: true }),
  },
  {
    method: 'post',
    path: '/persons/search',
    scope: 'persons:read',
    about:
      'The registry searched by name in any script, with the filters of GET /persons, in a JSON body so that no name travels in a URL',
    body: PersonQuerySchema,
  },
  {
    path: '/persons/export',
    scope: 'persons:read',
    about: `The registry as one file to download, CSV (UTF-8 with a byte-order mark) or JSON, with the same filters as /persons; columns above the key’s clearance are left out; at most ${MAX_REGISTRY_EXPORT_PERSONS.toLocaleString('en')} persons (400 beyond: narrow the filters); a search by name goes to POST /persons/export`,
    query: PersonExportQuerySchema.omit({ q: true }),
  },
  {
    method: 'post',
    path: '/persons/export',
    scope: 'persons:read',
    about:
      'The registry as one file, as GET /persons/export, with a search by name: in a JSON body',
    body: PersonExportQuerySchema,
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
    query: PageQuerySchema,
  },
  {
    path: '/persons/{id}/claims',
    scope: 'claims:read',
    about: 'What sources say about a person, as accepted by a reviewer: each claim with its source',
    query: PageQuerySchema,
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
      'A source’s file, checked against its SHA-256; below staff, photos and PDFs without their metadata, plain text as stored, any other type 403',
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

/** What every answer to a key says about its request budget. */
const RATE_LIMIT_HEADERS = {
  'RateLimit-Limit': {
    description: 'How many requests the key may make at once, with a full budget',
    schema: { type: 'integer' },
  },
  'RateLimit-Remaining': {
    description: 'How many requests the key may still make at once',
    schema: { type: 'integer' },
  },
  'RateLimit-Reset': {
    description: 'Seconds until the budget is full again',
    schema: { type: 'integer' },
  },
};

/** What an export's answer says of its file. */
const EXPORT_DISPOSITION = {
  description: 'attachment; filename="vigil-registry-YYYY-MM-DD.csv" (or .json)',
  schema: { type: 'string' },
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
    const body = route.body
      ? z.toJSONSchema(route.body, { io: 'input', unrepresentable: 'any' })
      : null;
    paths[route.path] = {
      ...(paths[route.path] as Record<string, unknown> | undefined),
      [route.method ?? 'get']: {
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
        ...(body
          ? { requestBody: { required: true, content: { 'application/json': { schema: body } } } }
          : {}),
        responses: {
          '200': {
            description: 'The answer, cut to the key’s clearance',
            headers:
              route.path === '/persons/export'
                ? { ...RATE_LIMIT_HEADERS, 'Content-Disposition': EXPORT_DISPOSITION }
                : RATE_LIMIT_HEADERS,
            content:
              route.path === '/persons/export'
                ? { 'text/csv': {}, 'application/json': {} }
                : { 'application/json': {} },
          },
          '400': { description: 'A parameter is not valid; `issues` names it', ...ERROR_RESPONSE },
          '401': {
            description: 'No working key: missing, unknown, revoked or expired',
            ...ERROR_RESPONSE,
          },
          '403': {
            description:
              route.path === '/files/{id}'
                ? `The key does not have the \`${route.scope}\` scope, or the file is of a type whose metadata cannot be removed and the key is cleared below staff`
                : `The key does not have the \`${route.scope}\` scope`,
            ...ERROR_RESPONSE,
          },
          '404': {
            description: 'No such record, or one outside the key’s clearance',
            ...ERROR_RESPONSE,
          },
          '429': {
            description:
              'The key has spent its request budget, or its address too many requests without a working key; wait `Retry-After` seconds',
            headers: {
              ...RATE_LIMIT_HEADERS,
              'Retry-After': {
                description: 'Seconds until a request is allowed again',
                schema: { type: 'integer' },
              },
            },
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
        'Read-only access for partners to what a Vigil instance documents about persons deprived of liberty, cut to the clearance of the key. Every answer carries Cache-Control: no-store. Each key has a request budget, told in the RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset headers of every answer; a request beyond it gets 429 with Retry-After.',
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
