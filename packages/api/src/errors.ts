import {
  AppError,
  appErrorHttpStatus,
  plainZodMessage,
  type AppErrorCode,
  type FieldIssue,
} from '@vigil/domain';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server';
import { z } from 'zod';

// Every input of the API (tRPC, the partner routes, uploads) is parsed by zod in this process:
// a schema without its own message then says what is wrong in Vigil's words ("is required"),
// not zod's ("Invalid input: expected string, received undefined").
z.config({ customError: plainZodMessage });

/** The one table from AppError codes to tRPC codes (HTTP statuses come from the domain table). */
export const trpcCodeOf: Record<AppErrorCode, TRPC_ERROR_CODE_KEY> = {
  BAD_INPUT: 'BAD_REQUEST',
  UNAUTHENTICATED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
};

export { appErrorHttpStatus };

interface ZodLikeIssue {
  path: PropertyKey[];
  message: string;
}

/** Field issues from a zod error (tRPC input validation), in the shape AppError uses. */
export function issuesFromZodLike(cause: unknown): FieldIssue[] | null {
  if (!cause || typeof cause !== 'object' || !('issues' in cause) || !Array.isArray(cause.issues))
    return null;
  return (cause.issues as ZodLikeIssue[]).map((i) => ({
    field: i.path.length ? i.path.map(String).join('.') : '(input)',
    message: i.message,
  }));
}

export function describeIssues(issues: FieldIssue[]): string {
  return issues.map((i) => `${i.field}: ${i.message}`).join('; ');
}

export { AppError };
