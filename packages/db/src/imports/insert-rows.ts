import { AppError } from '@vigil/domain';
import { getTableColumns, getTableName, sql, type Column } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../client.ts';

/** Rows per statement: each statement carries one parameter, however many rows and columns. */
const ROWS_PER_STATEMENT = 5000;

/** A serial column's type where a type is declared (in `json_to_recordset`'s column list). */
const SERIAL_TYPES: Record<string, string> = {
  smallserial: 'smallint',
  serial: 'integer',
  bigserial: 'bigint',
};

function recordsetType(column: Column): string {
  const type = column.getSQLType();
  return SERIAL_TYPES[type] ?? type;
}

/**
 * Inserts many rows into one table, a statement per 5,000 rows, each statement's rows sent as
 * one JSON parameter that `json_to_recordset` unpacks. `insert(table).values(rows)` sends one
 * bind parameter per value (500 claims are 5,000 parameters) and, on PGlite, building and
 * binding those took longer than the insert itself; this sends one, so it is also never near
 * PostgreSQL's limit of 65,535 parameters.
 *
 * Rows are stored as `insert(table).values(rows)` stores them: values converted by their
 * columns, a column that no row gives takes its default, and rows are inserted in the order
 * given (a serial column numbers them in that order). One difference: a column that has a
 * default must be given by every row or by none, since the statement lists a column for all of
 * its rows; rows that give it only sometimes are refused with an error.
 *
 * @example
 * await insertRows(tx, reviewTasks, tasks, { onConflictDoNothing: true });
 */
export async function insertRows<T extends PgTable>(
  db: DbOrTx,
  table: T,
  rows: readonly T['$inferInsert'][],
  options: { onConflictDoNothing?: boolean } = {},
): Promise<void> {
  if (rows.length === 0) return;
  const columns: [field: string, column: Column][] = [];
  for (const [field, column] of Object.entries(getTableColumns(table) as Record<string, Column>)) {
    const givenBy = rows.filter((row) => (row as Record<string, unknown>)[field] !== undefined);
    const hasDefault = column.hasDefault || !!column.defaultFn || !!column.onUpdateFn;
    // Left out of a row, a column without a default is NULL there, as `values()` would store it.
    if (givenBy.length === rows.length || (givenBy.length > 0 && !hasDefault))
      columns.push([field, column]);
    else if (givenBy.length > 0)
      throw new AppError(
        'INTERNAL',
        `insertRows into ${getTableName(table)}: ${column.name}, which has a default, is given by some rows only`,
      );
    else if (column.defaultFn || column.onUpdateFn)
      throw new AppError(
        'INTERNAL',
        `insertRows into ${getTableName(table)}: ${column.name} has a default computed in JavaScript; give it in every row`,
      );
  }
  const names = sql.join(
    columns.map(([, column]) => sql.identifier(column.name)),
    sql`, `,
  );
  const definitions = sql.join(
    columns.map(
      ([, column]) => sql`${sql.identifier(column.name)} ${sql.raw(recordsetType(column))}`,
    ),
    sql`, `,
  );
  const conflict = options.onConflictDoNothing ? sql` ON CONFLICT DO NOTHING` : sql``;
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const records = rows.slice(i, i + ROWS_PER_STATEMENT).map((row) => {
      const record: Record<string, unknown> = {};
      for (const [field, column] of columns) {
        const value = (row as Record<string, unknown>)[field] ?? null;
        // A JSON column's value goes into the parameter as JSON itself, not as a string of it.
        const json = column.getSQLType() === 'json' || column.getSQLType() === 'jsonb';
        record[column.name] = value === null || json ? value : column.mapToDriverValue(value);
      }
      return record;
    });
    await db.execute(sql`
      INSERT INTO ${table} (${names})
      SELECT ${names} FROM json_to_recordset(${JSON.stringify(records)}::json) AS r(${definitions})${conflict}`);
  }
}
