import type { AppRouter } from '@vigil/api';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { createTRPCContext } from '@trpc/tanstack-react-query';

/**
 * The admin app talks to Vigil's tRPC API on the same origin; the session cookie goes with
 * every request, so nothing about the session is kept in the page.
 */
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

export function createVigilClient() {
  // Queries go as POST too: what staff search for (names of detainees) never lands in a URL,
  // a proxy's access log or the browser's history. The server allows the override.
  return createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: '/trpc', methodOverride: 'POST' })],
  });
}

export type VigilClient = ReturnType<typeof createVigilClient>;
export type ApiInputs = inferRouterInputs<AppRouter>;
export type ApiOutputs = inferRouterOutputs<AppRouter>;

/** The tRPC error code of a failed call (`UNAUTHORIZED`, `NOT_FOUND` …), if the server sent one. */
export function errorCodeOf(error: unknown): string | null {
  if (!(error instanceof TRPCClientError)) return null;
  const data: unknown = error.data;
  if (typeof data === 'object' && data !== null && 'code' in data && typeof data.code === 'string')
    return data.code;
  return null;
}

/** Whether the call failed because the session is missing or expired. */
export function isUnauthorized(error: unknown): boolean {
  return errorCodeOf(error) === 'UNAUTHORIZED';
}

/**
 * Whether retrying cannot help: the server understood the request and said no (bad input,
 * not found, not allowed). Network failures and server errors may be retried.
 */
export function isFinalError(error: unknown): boolean {
  const code = errorCodeOf(error);
  return (
    code !== null &&
    code !== 'INTERNAL_SERVER_ERROR' &&
    code !== 'SERVICE_UNAVAILABLE' &&
    code !== 'TIMEOUT'
  );
}

/** One problem with one field of the input, as the server names it (`sourceId`, `names.0.value`). */
export interface FieldIssue {
  field: string;
  message: string;
}

/** The field issues of a refused input (`error.data.issues`); empty for any other failure. */
export function fieldIssuesOf(error: unknown): FieldIssue[] {
  if (!(error instanceof TRPCClientError)) return [];
  const data: unknown = error.data;
  if (typeof data !== 'object' || data === null || !('issues' in data)) return [];
  const issues: unknown = data.issues;
  if (!Array.isArray(issues)) return [];
  return issues.flatMap((issue: unknown) =>
    typeof issue === 'object' &&
    issue !== null &&
    'field' in issue &&
    'message' in issue &&
    typeof issue.field === 'string' &&
    typeof issue.message === 'string'
      ? [{ field: issue.field, message: issue.message }]
      : [],
  );
}

/**
 * A message a staff member can act on. The server already sends safe messages for the errors
 * it knows; a failure with no code means the server could not be reached at all.
 */
export function describeError(error: unknown): string {
  if (errorCodeOf(error) !== null && error instanceof Error) return error.message;
  return 'Vigil could not be reached. Check the connection and try again.';
}
