import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  actorFromSession,
  appRouter,
  createPartnerApi,
  downloadSourceFile,
  fileDownloadResponse,
  type Deps,
} from '@vigil/api';
import { AppError, appErrorHttpStatus, describeError } from '@vigil/domain';
import type { Database } from '@vigil/db';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { getConnInfo } from '@hono/node-server/conninfo';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type Context as HonoContext } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { secureHeaders } from 'hono/secure-headers';
import { checkHealth } from './health.ts';

export const SESSION_COOKIE = 'vigil_session';

export interface AppDeps extends Deps {
  database: Database;
  /** Directory of the built admin app; when missing, `/` explains how to build it. */
  adminDist?: string | undefined;
  /** Requests a minute each partner key may make, all at once if it likes; default 120. */
  partnerRateLimit?: number | undefined;
}

function clientIp(c: HonoContext): string | null {
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null;
  }
}

/**
 * Vigil's HTTP surface: `/trpc` for the admin app, `/api/v1` for partners' keys (see
 * `createPartnerApi`), `/files/:fileId` (a source's file, checked against its SHA-256, as the
 * session's user may have it), `/healthz`, and the built admin app.
 * Returns the app without listening, so tests call `app.request()` with no port.
 *
 * @example
 * const app = createApp(deps); const res = await app.request('/healthz');
 */
export function createApp(deps: AppDeps) {
  const app = new Hono();

  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
      xFrameOptions: 'DENY',
      xContentTypeOptions: 'nosniff',
      referrerPolicy: 'no-referrer',
    }),
  );

  app.onError((error, c) => {
    if (error instanceof AppError) {
      return c.json(
        { error: { code: error.code, message: error.safeMessage, issues: error.issues } },
        appErrorHttpStatus[error.code] as 400,
      );
    }
    console.error(`[server] unexpected error: ${describeError(error)}`);
    return c.json(
      {
        error: {
          code: 'INTERNAL',
          message: 'Something went wrong on the server; it has been logged',
        },
      },
      500,
    );
  });

  app.get('/healthz', async (c) => {
    const health = await checkHealth(deps.database, deps.queue);
    c.header('Cache-Control', 'no-store');
    return c.json(health, health.ok ? 200 : 503);
  });

  app.get('/files/:fileId', async (c) => {
    c.header('Cache-Control', 'no-store');
    const actor = await actorFromSession(deps.db, getCookie(c, SESSION_COOKIE) ?? null);
    const copy = await downloadSourceFile(deps, { actor, ip: clientIp(c) }, c.req.param('fileId'));
    return fileDownloadResponse(copy);
  });

  // The partner REST surface: API keys, not sessions (see packages/api/src/partners). Requests
  // without a working key are budgeted by the address of the connection.
  const perMinute = deps.partnerRateLimit;
  app.route(
    '/api/v1',
    createPartnerApi(deps, {
      clientAddress: clientIp,
      ...(perMinute
        ? { rateLimit: { requests: perMinute, perSeconds: 60, burst: perMinute } }
        : {}),
    }),
  );

  app.all('/trpc/*', async (c) => {
    const token = getCookie(c, SESSION_COOKIE) ?? null;
    const actor = await actorFromSession(deps.db, token);
    const secure = new URL(c.req.url).protocol === 'https:';
    const response = await fetchRequestHandler({
      endpoint: '/trpc',
      req: c.req.raw,
      router: appRouter,
      // The admin app sends queries as POST so that names it searches for never appear in
      // URLs (and so in proxy or access logs); plain GET queries still work for tools.
      allowMethodOverride: true,
      createContext: () => ({
        db: deps.db,
        queue: deps.queue,
        files: deps.files,
        actor,
        ip: clientIp(c),
        sessionToken: token,
        setSessionCookie: (value, maxAge) => {
          if (value)
            setCookie(c, SESSION_COOKIE, value, {
              httpOnly: true,
              sameSite: 'Strict',
              path: '/',
              secure,
              maxAge,
            });
          else deleteCookie(c, SESSION_COOKIE, { path: '/', secure });
        },
      }),
    });
    // Cookies set through Hono's context are merged into tRPC's response.
    const headers = new Headers(response.headers);
    for (const cookie of c.res.headers.getSetCookie()) headers.append('Set-Cookie', cookie);
    headers.set('Cache-Control', 'no-store');
    return new Response(response.body, { status: response.status, headers });
  });

  const dist = deps.adminDist;
  if (dist && existsSync(join(dist, 'index.html'))) {
    const indexHtml = readFileSync(join(dist, 'index.html'), 'utf8');
    app.use('/assets/*', serveStatic({ root: dist }));
    app.get('*', (c) => c.html(indexHtml));
  } else {
    app.get('/', (c) =>
      c.text(
        'The admin app is not built. Run `pnpm --filter @vigil/admin build`, or start Vigil with `pnpm start`.',
        503,
      ),
    );
  }
  return app;
}
