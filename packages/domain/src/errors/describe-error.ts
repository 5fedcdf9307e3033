import { AppError } from './app-error.ts';

/** How many causes deep {@link describeError} follows an error. */
const MAX_CAUSES = 5;
/** How many stack frames a log line keeps. */
const MAX_FRAMES = 10;
const MAX_PART_LENGTH = 1000;

/** Text between double, single, curly or back quotes: where messages put the values they quote. */
const QUOTED = /"[^"\n]*"|'[^'\n]*'|“[^”\n]*”|`[^`\n]*`/g;

type ErrorLike = Record<string, unknown> & { message?: unknown; stack?: unknown };

const isObject = (value: unknown): value is ErrorLike =>
  typeof value === 'object' && value !== null;

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.length > 0 ? value : null;

/** An error from the database driver (pg or PGlite): it carries a five-character SQLSTATE. */
const isDatabaseError = (error: ErrorLike) =>
  typeof error.code === 'string' && /^[0-9A-Z]{5}$/.test(error.code) && 'severity' in error;

/**
 * A failed query as Drizzle reports it: its SQL text and, beside it, the values bound to it
 * (PGlite's own errors carry both too, beside their SQLSTATE).
 */
const isFailedQuery = (error: ErrorLike) => typeof error.query === 'string' && 'params' in error;

/**
 * Replaces every quoted stretch of `message` by `"…"` unless it is a name the database or the
 * query itself declares (a table, column or constraint): "invalid input syntax for type uuid:
 * "Anna"" keeps the type and loses the value.
 */
function withoutQuotedValues(message: string, identifiers: ReadonlySet<string>): string {
  return message
    .replace(QUOTED, (quoted) => (identifiers.has(quoted.slice(1, -1)) ? quoted : '"…"'))
    .slice(0, MAX_PART_LENGTH);
}

/** Names that errors in the chain declare as schema objects, which are safe to log. */
function identifiersOf(chain: ErrorLike[]): Set<string> {
  const names = new Set<string>();
  for (const error of chain) {
    for (const key of ['schema', 'table', 'column', 'constraint', 'dataType'])
      if (text(error[key])) names.add(error[key] as string);
    // Drizzle quotes every identifier in the SQL it writes; values go to `params`, not here.
    if (typeof error.query === 'string')
      for (const [, name] of error.query.matchAll(/"([^"\n]+)"/g)) names.add(name!);
  }
  return names;
}

function describeOne(error: ErrorLike, identifiers: ReadonlySet<string>): string {
  // Drizzle's DrizzleQueryError keeps the name `Error`; its class says more.
  const className = (error as object).constructor.name;
  const name =
    error.name === 'Error' && className !== 'Error' && className !== 'Object'
      ? className
      : (text(error.name) ?? className);
  if (isFailedQuery(error) && !isDatabaseError(error)) {
    // The SQL text with string literals cut out; the bound values are never logged.
    const query = (error.query as string).replace(/'[^']*'/g, "'…'").slice(0, MAX_PART_LENGTH);
    return `${name}: failed query: ${query}`;
  }
  if (!(error instanceof AppError) && Array.isArray(error.issues) && error.issues.length > 0) {
    // A validation error (zod): its message is the issues as JSON, quotes everywhere.
    const issues = (error.issues as unknown[])
      .filter(isObject)
      .map((i) => {
        const path = Array.isArray(i.path) ? i.path.map(String).join('.') : '';
        return `${path || '(input)'}: ${withoutQuotedValues(String(i.message), identifiers)}`;
      })
      .join('; ');
    return `${name}: ${issues}`;
  }
  const message = withoutQuotedValues(text(error.message) ?? '', identifiers);
  const facts: string[] = [];
  if (error instanceof AppError) facts.push(`code ${error.code}`);
  else if (typeof error.code === 'string' || typeof error.code === 'number')
    facts.push(`code ${String(error.code)}`);
  if (isDatabaseError(error))
    for (const key of ['table', 'column', 'constraint'])
      if (text(error[key])) facts.push(`${key} ${error[key] as string}`);
  if (text(error.syscall)) facts.push(`syscall ${error.syscall as string}`);
  return `${name}: ${message}${facts.length ? ` (${facts.join(', ')})` : ''}`;
}

/**
 * One log line for an unexpected error and its causes: their names, codes and messages, and
 * the stack frames of where it was thrown, never the values a request carried. Drivers put
 * those values in their errors (the bound parameters of a failed query, the "Failing row
 * contains …" detail, the input quoted in a message); none of it reaches the line.
 *
 * @example
 * console.error(`[api] unexpected error: ${describeError(error)}`);
 */
export function describeError(error: unknown): string {
  if (!isObject(error)) return `thrown value of type ${typeof error}`;
  const chain: ErrorLike[] = [];
  for (let e: unknown = error; isObject(e) && chain.length < MAX_CAUSES; e = e.cause) {
    if (chain.includes(e)) break;
    chain.push(e);
  }
  const identifiers = identifiersOf(chain);
  const described = chain.map((e) => describeOne(e, identifiers)).join(' ← caused by ');
  const stack = chain.map((e) => text(e.stack)).find((s) => s !== null) ?? '';
  const frames = stack
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, MAX_FRAMES);
  return [described, ...frames].join('\n');
}
