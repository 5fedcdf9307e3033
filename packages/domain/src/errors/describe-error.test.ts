import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from './app-error.ts';
import { describeError } from './describe-error.ts';

/** A database error as pg and PGlite raise it, wrapped the way Drizzle wraps a failed query. */
function failedInsert() {
  const cause = Object.assign(
    new Error('new row for relation "persons" violates check constraint "persons_check"'),
    {
      name: 'error',
      severity: 'ERROR',
      code: '23514',
      detail: 'Failing row contains (1, Anna Petrosyan, +374 91 000000).',
      schema: 'public',
      table: 'persons',
      constraint: 'persons_check',
    },
  );
  const query = 'insert into "persons" ("sort_name", "family_contact") values ($1, $2)';
  const params = ['anna petrosyan', '+374 91 000000'];
  return Object.assign(
    new Error(`Failed query: ${query}\nparams: ${params.join(',')}`, { cause }),
    {
      name: 'DrizzleQueryError',
      query,
      params,
    },
  );
}

describe('describeError', () => {
  it('names a failed query, its SQL and the database error, never the bound values or the failing row', () => {
    const line = describeError(failedInsert());
    expect(line).toContain('DrizzleQueryError: failed query: insert into "persons"');
    expect(line).toContain(
      'caused by error: new row for relation "persons" violates check constraint "persons_check" (code 23514, table persons, constraint persons_check)',
    );
    expect(line).toMatch(/\n\s+at /);
    expect(line.toLowerCase()).not.toContain('anna');
    expect(line).not.toContain('000000');
  });

  it('cuts values a message quotes but keeps the names of tables and columns', () => {
    const error = Object.assign(new Error('invalid input syntax for type uuid: "Anna"'), {
      severity: 'ERROR',
      code: '22P02',
    });
    const wrapped = Object.assign(new Error('Failed query', { cause: error }), {
      query: 'select * from "persons" where "id" = $1',
      params: ['Anna'],
    });
    const line = describeError(wrapped);
    expect(line).toContain('invalid input syntax for type uuid: "…" (code 22P02)');
    expect(line).toContain('from "persons" where "id"');
    expect(line).not.toContain('Anna');
    expect(
      describeError(new SyntaxError(`Unexpected token 'A', "Anna" is not valid JSON`)),
    ).toMatch(/^SyntaxError: Unexpected token "…", "…" is not valid JSON\n/);
  });

  it('cuts string literals out of the SQL text of a failed query', () => {
    const line = describeError(
      Object.assign(new Error('Failed query'), {
        query: `select 1 from "persons" where "sort_name" = 'anna petrosyan'`,
        params: [],
      }),
    );
    expect(line).toContain(`"sort_name" = '…'`);
    expect(line).not.toContain('anna');
  });

  it('gives an AppError its code and a zod error its fields and messages', () => {
    const parsed = z.object({ name: z.string() }).safeParse({ name: 42 });
    const error = new AppError('INTERNAL', 'could not schedule background work', {
      cause: parsed.error,
    });
    expect(describeError(error).split('\n')[0]).toBe(
      'AppError: could not schedule background work (code INTERNAL) ← caused by ZodError: name: Invalid input: expected string, received number',
    );
  });

  it('keeps a system error code and call, not its path', () => {
    const error = Object.assign(
      new Error("ENOENT: no such file or directory, open '/data/staging/anna.txt'"),
      { code: 'ENOENT', syscall: 'open', path: '/data/staging/anna.txt' },
    );
    expect(describeError(error).split('\n')[0]).toBe(
      'Error: ENOENT: no such file or directory, open "…" (code ENOENT, syscall open)',
    );
  });

  it('describes a thrown value that is not an error by its type only', () => {
    expect(describeError('Anna Petrosyan')).toBe('thrown value of type string');
  });

  it('stops at a cause that refers back to an error already described', () => {
    const error = new Error('outer');
    (error as { cause?: unknown }).cause = error;
    expect(describeError(error).split('\n')[0]).toBe('Error: outer');
  });
});
