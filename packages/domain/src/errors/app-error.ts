/**
 * The one error type that services and domain rules throw. Each edge (tRPC, Hono, worker)
 * maps `code` to its own error once, from {@link appErrorHttpStatus}.
 */
export type AppErrorCode =
  | 'BAD_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'TOO_LARGE'
  | 'RATE_LIMITED'
  | 'INTERNAL';

/** One problem with one field of the input, in words a staff member understands. */
export interface FieldIssue {
  /** Dotted path of the field, e.g. `names.0.value`. */
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly code: AppErrorCode;
  /** Safe to show to the caller; never contains data above the caller's clearance. */
  readonly safeMessage: string;
  readonly issues: FieldIssue[];

  constructor(
    code: AppErrorCode,
    safeMessage: string,
    options: { cause?: unknown; logMessage?: string; issues?: FieldIssue[] } = {},
  ) {
    super(options.logMessage ?? safeMessage, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.safeMessage = safeMessage;
    this.issues = options.issues ?? [];
  }

  static badInput(issues: FieldIssue[]): AppError {
    const summary = issues.map((i) => `${i.field}: ${i.message}`).join('; ');
    return new AppError('BAD_INPUT', summary || 'The input is not valid', { issues });
  }

  static notFound(what: string): AppError {
    return new AppError('NOT_FOUND', `${what} was not found`);
  }

  static conflict(what: string): AppError {
    return new AppError(
      'CONFLICT',
      `${what} was changed by someone else since you read it; reload and apply your change again`,
    );
  }
}

/** The single table mapping error codes to HTTP statuses; tRPC codes are derived from the same keys. */
export const appErrorHttpStatus: Record<AppErrorCode, number> = {
  BAD_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
