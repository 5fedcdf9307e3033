import { AppError } from '@vigil/domain';
import { count, desc, is, sql, type SQL } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { appendAudit, verifyAuditChain } from '../audit/audit.queries.ts';
import type { Db, DbOrTx } from '../client.ts';
import { isStagingKey, sha256Hex, type FileStore } from '../files/file-store.ts';
import * as schema from '../schema.ts';
import { auditEntries, sourceFiles } from '../schema.ts';
import {
  BACKUP_FORMAT_VERSION,
  type BackupColumn,
  type BackupFileEntry,
  type BackupManifest,
  type BackupRecord,
} from './backup-records.ts';

/**
 * Tables of the schema that a backup leaves out, each with the reason. Every other table of
 * the drizzle schema is backed up, so a new table is included without a change here; a test
 * compares this with the tables the database really has.
 */
export const TABLES_NOT_BACKED_UP: Readonly<Record<string, string>> = {
  sessions:
    'login sessions: a restored instance starts with everyone logged out, and a backup never carries a token that opens the old one',
  sign_in_failures:
    'failed sign-ins of the last minutes, kept only to throttle guessing; each is also in the audit log, which is backed up',
  rate_buckets:
    'request budgets of partner API callers, full again within minutes; a restored instance starts every caller with a full budget',
};

/** Schemas other than `public`, and why a backup leaves them out. */
export const SCHEMAS_NOT_BACKED_UP: Readonly<Record<string, string>> = {
  drizzle:
    'the applied migrations: the backup records them as its migration level, and a restore requires the same level',
  pgboss:
    'the job queue (pg-boss): jobs waiting or running when the backup was taken are not in it; the worker schedules its periodic jobs again when it starts',
};

/**
 * Tables that a new, migrated instance already holds rows in (`migrateDb` records the version
 * of the match keys): they do not make an instance "not empty", and a restore replaces them.
 */
const TABLES_FILLED_BY_MIGRATION = new Set(['settings']);

/** Rows per record aim at about this many bytes of JSON (a batch holds at least one row). */
const BATCH_TARGET_BYTES = 4 * 1024 * 1024;
const MAX_BATCH_ROWS = 1000;

const tableName = (table: PgTable) => getTableConfig(table).name;
const qualified = (name: string) => sql`${sql.identifier('public')}.${sql.identifier(name)}`;

/** Both drivers (PGlite, node-postgres) answer `execute` with `{ rows }`; the shared Db type cannot say so. */
async function rowsOf<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}

/**
 * The tables a backup holds, from the drizzle schema, in foreign-key order: every table comes
 * after the tables it refers to, so that restoring them in this order never breaks a reference.
 */
export function backedUpTables(): string[] {
  const tables = new Map(
    (Object.values(schema) as unknown[])
      .filter((value): value is PgTable => is(value, PgTable))
      .map((table) => [tableName(table), table]),
  );
  const ordered: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting')
      throw new Error(
        `tables refer to each other in a cycle (${[...path, name].join(' → ')}): a backup cannot order their rows`,
      );
    state.set(name, 'visiting');
    for (const key of getTableConfig(tables.get(name)!).foreignKeys) {
      const target = tableName(key.reference().foreignTable);
      if (target in TABLES_NOT_BACKED_UP)
        throw new Error(`${name} refers to ${target}, which a backup leaves out`);
      visit(target, [...path, name]);
    }
    state.set(name, 'done');
    ordered.push(name);
  };
  // By name first, so that the order does not depend on how the schema module lists its exports.
  for (const name of [...tables.keys()].sort())
    if (!(name in TABLES_NOT_BACKED_UP)) visit(name, []);
  return ordered;
}

/** The columns of a table as the database has them (not the code): what a backup must carry. */
async function columnsOf(db: DbOrTx, table: string): Promise<BackupColumn[]> {
  return rowsOf<BackupColumn>(
    db,
    sql`SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
        FROM pg_attribute a
        WHERE a.attrelid = (quote_ident('public') || '.' || quote_ident(${table}))::regclass
          AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
        ORDER BY a.attnum`,
  );
}

async function migrationLevel(db: DbOrTx): Promise<BackupManifest['migrations']> {
  const rows = await rowsOf<{ hash: string; created_at: string }>(
    db,
    sql`SELECT hash, created_at::text AS created_at FROM drizzle.__drizzle_migrations ORDER BY created_at, id`,
  );
  return rows.map((row) => ({ hash: row.hash, createdAt: Number(row.created_at) }));
}

async function auditState(db: DbOrTx): Promise<BackupManifest['audit']> {
  const [{ entries } = { entries: 0 }] = await db.select({ entries: count() }).from(auditEntries);
  const [head] = await db
    .select({ seq: auditEntries.seq, hash: auditEntries.hash })
    .from(auditEntries)
    .orderBy(desc(auditEntries.seq))
    .limit(1);
  return { entries, head: head ?? null };
}

/** The files the records refer to: content by SHA-256, and uploads still waiting in staging. */
async function referencedFiles(db: DbOrTx) {
  const rows = await db
    .select({ id: sourceFiles.id, storageKey: sourceFiles.storageKey, sha256: sourceFiles.sha256 })
    .from(sourceFiles);
  const content = new Map<string, string>();
  const staged = new Map<string, string>();
  for (const row of rows) {
    if (row.sha256) content.set(row.sha256, row.id);
    else if (isStagingKey(row.storageKey)) staged.set(row.storageKey, row.id);
    // Recorded by an older version at its content address, before the hash column was set.
    else content.set(row.storageKey.slice(-64), row.id);
  }
  return { content, staged };
}

export interface BackupSummary {
  createdAt: string;
  /** Rows per table. */
  tables: Record<string, number>;
  files: number;
  fileBytes: number;
  audit: BackupManifest['audit'];
}

/**
 * Writes every row of every backed-up table and every file the records refer to, as backup
 * records, from one consistent snapshot (a repeatable-read, read-only transaction). The backup
 * is itself audited first (it reads restricted data), so the backup holds its own entry.
 */
export async function dumpInstance(
  db: Db,
  files: FileStore,
  write: (record: BackupRecord) => Promise<void>,
  { ip = null }: { ip?: string | null } = {},
): Promise<BackupSummary> {
  await db.transaction((tx) =>
    appendAudit(tx, {
      actorId: null,
      action: 'read_restricted',
      entity: 'backup',
      entityId: null,
      ip,
    }),
  );
  return db.transaction(
    async (tx) => {
      const tables: BackupManifest['tables'] = [];
      for (const name of backedUpTables()) {
        const [{ rows } = { rows: 0 }] = await rowsOf<{ rows: number }>(
          tx,
          sql`SELECT count(*)::int AS rows FROM ${qualified(name)}`,
        );
        tables.push({ name, columns: await columnsOf(tx, name), rows });
      }
      const { content, staged } = await referencedFiles(tx);
      const manifest: BackupManifest = {
        format: BACKUP_FORMAT_VERSION,
        createdAt: new Date().toISOString(),
        migrations: await migrationLevel(tx),
        tables,
        files: content.size + staged.size,
        audit: await auditState(tx),
      };
      await write({ type: 'manifest', manifest });
      for (const table of tables) await dumpRows(tx, table, write);
      let fileBytes = 0;
      for (const [sha256, fileId] of [...content].sort()) {
        let bytes: Uint8Array;
        try {
          bytes = await files.readVerified(sha256);
        } catch (error) {
          throw new AppError(
            'INTERNAL',
            `The file of source file ${fileId} (SHA-256 ${sha256}) is missing or damaged in the file store; no backup was written.`,
            { cause: error },
          );
        }
        fileBytes += bytes.byteLength;
        await write({ type: 'file', file: { sha256, size: bytes.byteLength }, bytes });
      }
      for (const [stagingKey, fileId] of [...staged].sort()) {
        let bytes: Uint8Array;
        try {
          bytes = await files.read(stagingKey);
        } catch (error) {
          throw new AppError(
            'INTERNAL',
            `The upload of source file ${fileId} is no longer in staging (the worker may have just stored it); no backup was written. Run the backup again.`,
            { cause: error },
          );
        }
        fileBytes += bytes.byteLength;
        const file = { sha256: sha256Hex(bytes), size: bytes.byteLength, stagingKey };
        await write({ type: 'file', file, bytes });
      }
      await write({ type: 'end' });
      return {
        createdAt: manifest.createdAt,
        tables: Object.fromEntries(tables.map((t) => [t.name, t.rows])),
        files: manifest.files,
        fileBytes,
        audit: manifest.audit,
      };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

/** Streams one table through a cursor, in batches of about {@link BATCH_TARGET_BYTES}. */
async function dumpRows(
  tx: DbOrTx,
  table: BackupManifest['tables'][number],
  write: (record: BackupRecord) => Promise<void>,
) {
  // Every value in PostgreSQL's own text form: exact for every type (microseconds of a
  // timestamp, a JSON null apart from SQL NULL), and read back by the type's own parser.
  const select = sql.join(
    table.columns.map((c, i) => sql`${sql.identifier(c.name)}::text AS ${sql.identifier(`c${i}`)}`),
    sql`, `,
  );
  await tx.execute(
    sql`DECLARE vigil_backup_rows NO SCROLL CURSOR FOR SELECT ${select} FROM ${qualified(table.name)}`,
  );
  let batch = 100;
  for (;;) {
    const fetched = await rowsOf<Record<string, string | null>>(
      tx,
      sql`FETCH FORWARD ${sql.raw(String(batch))} FROM vigil_backup_rows`,
    );
    if (fetched.length === 0) break;
    const rows = fetched.map((row) => table.columns.map((_, i) => row[`c${i}`] ?? null));
    await write({ type: 'rows', table: table.name, rows });
    const bytes = rows.reduce((sum, row) => sum + row.reduce((s, v) => s + (v?.length ?? 4), 0), 0);
    batch = Math.max(
      1,
      Math.min(MAX_BATCH_ROWS, Math.floor((rows.length * BATCH_TARGET_BYTES) / Math.max(bytes, 1))),
    );
  }
  await tx.execute(sql`CLOSE vigil_backup_rows`);
}

/** What the instance a backup is checked against or restored into has: its migrations and columns. */
interface InstanceShape {
  migrations: BackupManifest['migrations'];
  tables: { name: string; columns: BackupColumn[] }[];
}

async function instanceShape(db: DbOrTx): Promise<InstanceShape> {
  const tables = [];
  for (const name of backedUpTables()) tables.push({ name, columns: await columnsOf(db, name) });
  return { migrations: await migrationLevel(db), tables };
}

const badBackup = (why: string) =>
  new AppError('BAD_INPUT', `The backup cannot be restored: ${why}.`);

/**
 * Checks the records of a backup, one by one, against the instance they are restored into:
 * the same migration level and columns, rows that fit them, table after table in the manifest's
 * order, files whose bytes match their SHA-256, and as many of each as the manifest says.
 */
class BackupChecker {
  private manifest: BackupManifest | null = null;
  private tableIndex = 0;
  private rowsSeen = 0;
  private filesSeen = 0;
  private fileBytes = 0;
  private ended = false;

  constructor(private readonly shape: InstanceShape) {}

  accept(record: BackupRecord): void {
    if (this.ended) throw badBackup('it goes on after its end');
    if (!this.manifest) {
      if (record.type !== 'manifest') throw badBackup('it does not start with its manifest');
      this.manifest = this.checkManifest(record.manifest);
      return;
    }
    switch (record.type) {
      case 'manifest':
        throw badBackup('it holds a second manifest');
      case 'rows': {
        const tables = this.manifest.tables;
        while (tables[this.tableIndex]?.name !== record.table) {
          const current = tables[this.tableIndex];
          if (!current) throw badBackup(`rows of ${record.table} come out of order`);
          this.closeTable(current);
        }
        const { columns } = tables[this.tableIndex]!;
        if (!Array.isArray(record.rows)) throw badBackup(`rows of ${record.table} are not a list`);
        for (const row of record.rows) {
          if (
            !Array.isArray(row) ||
            row.length !== columns.length ||
            row.some((value) => value !== null && typeof value !== 'string')
          )
            throw badBackup(`a row of ${record.table} does not fit its columns`);
        }
        this.rowsSeen += record.rows.length;
        return;
      }
      case 'file':
        this.closeTables();
        this.checkFile(record.file, record.bytes);
        return;
      case 'end': {
        this.closeTables();
        if (this.filesSeen !== this.manifest.files)
          throw badBackup(`it holds ${this.filesSeen} files of ${this.manifest.files}`);
        this.ended = true;
        return;
      }
      default:
        throw badBackup(`it holds a record of an unknown type`);
    }
  }

  /** The audit head the manifest names. */
  auditHead(): BackupManifest['audit']['head'] {
    return this.manifest?.audit.head ?? null;
  }

  /** The summary, once every record was accepted; throws if the backup stopped early. */
  finish(): BackupSummary {
    if (!this.manifest || !this.ended) throw badBackup('it stops before its end');
    const { manifest } = this;
    return {
      createdAt: manifest.createdAt,
      tables: Object.fromEntries(manifest.tables.map((t) => [t.name, t.rows])),
      files: manifest.files,
      fileBytes: this.fileBytes,
      audit: manifest.audit,
    };
  }

  /** All rows come before the first file: every table must be complete by then. */
  private closeTables() {
    const tables = this.manifest!.tables;
    while (this.tableIndex < tables.length) this.closeTable(tables[this.tableIndex]!);
  }

  private closeTable(table: BackupManifest['tables'][number]) {
    if (this.rowsSeen !== table.rows)
      throw badBackup(
        `it holds ${this.rowsSeen} rows of ${table.name} where it announced ${table.rows}`,
      );
    this.tableIndex++;
    this.rowsSeen = 0;
  }

  private checkManifest(manifest: BackupManifest): BackupManifest {
    if (manifest?.format !== BACKUP_FORMAT_VERSION)
      throw badBackup(
        `its content has format ${manifest?.format}; this Vigil reads format ${BACKUP_FORMAT_VERSION}`,
      );
    const level = (migrations: BackupManifest['migrations']) =>
      `${migrations.length} migrations${migrations.length ? `, the last of ${new Date(migrations.at(-1)!.createdAt).toISOString().slice(0, 10)}` : ''}`;
    if (JSON.stringify(manifest.migrations) !== JSON.stringify(this.shape.migrations))
      throw badBackup(
        `it was made at another migration level (${level(manifest.migrations)}) than this instance's (${level(this.shape.migrations)}); restore it with the Vigil version that made it, then upgrade`,
      );
    const names = (tables: { name: string }[]) => tables.map((t) => t.name).join(', ');
    if (names(manifest.tables) !== names(this.shape.tables))
      throw badBackup(
        `its tables (${names(manifest.tables)}) are not this instance's (${names(this.shape.tables)})`,
      );
    manifest.tables.forEach((table, i) => {
      if (JSON.stringify(table.columns) !== JSON.stringify(this.shape.tables[i]!.columns))
        throw badBackup(`the columns of ${table.name} differ from this instance's`);
      if (!Number.isInteger(table.rows) || table.rows < 0)
        throw badBackup(`the row count of ${table.name} is not a number`);
    });
    return manifest;
  }

  private checkFile(file: BackupFileEntry, bytes: Uint8Array) {
    if (!/^[0-9a-f]{64}$/.test(file?.sha256 ?? '')) throw badBackup('a file has no valid SHA-256');
    if (file.stagingKey !== undefined && !/^staging\/[0-9a-f-]{36}$/.test(file.stagingKey))
      throw badBackup('a staged file has no valid key');
    if (bytes.byteLength !== file.size || sha256Hex(bytes) !== file.sha256)
      throw badBackup(`file ${file.sha256} does not match its SHA-256`);
    this.filesSeen++;
    this.fileBytes += bytes.byteLength;
  }
}

/**
 * Reads a whole backup and checks it against this instance without writing anything: run it
 * before {@link restoreInstance} so that a bad backup is refused before anything is written.
 */
export async function checkBackup(
  db: DbOrTx,
  records: AsyncIterable<BackupRecord>,
): Promise<BackupSummary> {
  const checker = new BackupChecker(await instanceShape(db));
  for await (const record of records) checker.accept(record);
  return checker.finish();
}

/**
 * Rows in the tables that a new instance has empty: every backed-up table but those migrations
 * fill, and the tables a backup leaves out. Empty when the instance is new.
 */
export async function findInstanceContents(db: DbOrTx): Promise<Record<string, number>> {
  const found: Record<string, number> = {};
  for (const name of [...backedUpTables(), ...Object.keys(TABLES_NOT_BACKED_UP)]) {
    if (TABLES_FILLED_BY_MIGRATION.has(name)) continue;
    const [{ rows } = { rows: 0 }] = await rowsOf<{ rows: number }>(
      db,
      sql`SELECT count(*)::int AS rows FROM ${qualified(name)}`,
    );
    if (rows > 0) found[name] = rows;
  }
  return found;
}

/** The error for a restore into an instance that already holds records. */
export function instanceNotEmpty(contents: Record<string, number>): AppError {
  const held = Object.entries(contents)
    .map(([table, rows]) => `${table}: ${rows}`)
    .join(', ');
  return new AppError(
    'CONFLICT',
    `This instance is not empty (${held}); a backup is restored only into a new, empty instance.`,
  );
}

/**
 * Restores a backup into a new, empty instance in one transaction: rows table by table in
 * foreign-key order, audit entries with their own sequence numbers and hashes, files back into
 * the file store (each checked against its SHA-256). Then it checks that every file a record
 * refers to came back and that the audit chain verifies with the backup's head (before any
 * file is written); if anything fails, nothing is committed. Files already written by then stay
 * in the store, where nothing refers to them: run {@link checkBackup} first.
 */
export async function restoreInstance(
  db: Db,
  files: FileStore,
  records: AsyncIterable<BackupRecord>,
): Promise<BackupSummary> {
  return db.transaction(async (tx) => {
    const every = [...backedUpTables(), ...Object.keys(TABLES_NOT_BACKED_UP)];
    // Nothing else writes while the instance is checked for emptiness and filled.
    await tx.execute(sql`LOCK TABLE ${sql.join(every.map(qualified), sql`, `)} IN EXCLUSIVE MODE`);
    const contents = await findInstanceContents(tx);
    if (Object.keys(contents).length > 0) throw instanceNotEmpty(contents);
    const shape = await instanceShape(tx);
    const checker = new BackupChecker(shape);
    for (const name of TABLES_FILLED_BY_MIGRATION)
      await tx.execute(sql`DELETE FROM ${qualified(name)}`);
    const columns = new Map(shape.tables.map((t) => [t.name, t.columns]));
    const restoredContent = new Set<string>();
    const restoredStaged = new Set<string>();
    let rowsRestored = false;
    // Once all rows are in, and before any file is written, the audit chain must verify.
    const afterRows = async () => {
      rowsRestored = true;
      await resetSequences(tx, shape.tables);
      const chain = await verifyAuditChain(tx);
      if (!chain.ok)
        throw badBackup(`its audit chain is broken at entry ${chain.brokenAt}: ${chain.problem}`);
      if (JSON.stringify(chain.head) !== JSON.stringify(checker.auditHead()))
        throw badBackup('its audit chain does not end at the head its manifest names');
    };
    for await (const record of records) {
      checker.accept(record);
      switch (record.type) {
        case 'manifest':
          break;
        case 'rows':
          if (record.rows.length > 0)
            await insertRows(tx, record.table, columns.get(record.table)!, record.rows);
          break;
        case 'file':
          if (!rowsRestored) await afterRows();
          if (record.file.stagingKey) {
            await files.restoreStaged(record.file.stagingKey, record.bytes);
            restoredStaged.add(record.file.stagingKey);
          } else {
            const stored = await files.storeBytes(record.bytes);
            if (stored.sha256 !== record.file.sha256)
              throw badBackup(`file ${record.file.sha256} does not match its SHA-256`);
            restoredContent.add(stored.sha256);
          }
          break;
        case 'end':
          if (!rowsRestored) await afterRows();
          break;
        default:
          throw badBackup('it holds a record of an unknown type');
      }
    }
    const summary = checker.finish();
    const { content, staged } = await referencedFiles(tx);
    for (const [sha256, fileId] of content)
      if (!restoredContent.has(sha256))
        throw badBackup(`it lacks the file of source file ${fileId} (SHA-256 ${sha256})`);
    for (const [stagingKey, fileId] of staged)
      if (!restoredStaged.has(stagingKey))
        throw badBackup(`it lacks the upload of source file ${fileId}`);
    return summary;
  });
}

async function insertRows(
  tx: DbOrTx,
  table: string,
  columns: BackupColumn[],
  rows: (string | null)[][],
) {
  // Each value is cast from its text form by the column's type, as declared by this database.
  const names = sql.join(
    columns.map((c) => sql.identifier(c.name)),
    sql`, `,
  );
  const values = sql.join(
    columns.map((c, i) => sql`(r->>${sql.raw(String(i))})::${sql.raw(c.type)}`),
    sql`, `,
  );
  await tx.execute(
    sql`INSERT INTO ${qualified(table)} (${names}) OVERRIDING SYSTEM VALUE
        SELECT ${values} FROM json_array_elements(${JSON.stringify(rows)}::json) AS batch(r)`,
  );
}

/** Moves each serial column's sequence past the restored rows, so new rows do not reuse numbers. */
async function resetSequences(tx: DbOrTx, tables: InstanceShape['tables']) {
  const restored = new Set(tables.map((t) => t.name));
  const serials = await rowsOf<{ table_name: string; column_name: string; sequence: string }>(
    tx,
    sql`SELECT * FROM (
          SELECT c.relname AS table_name, a.attname AS column_name,
                 pg_get_serial_sequence(quote_ident(n.nspname) || '.' || quote_ident(c.relname), a.attname) AS sequence
          FROM pg_class c
          JOIN pg_namespace n ON n.oid = c.relnamespace
          JOIN pg_attribute a ON a.attrelid = c.oid
          WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
        ) serial WHERE sequence IS NOT NULL`,
  );
  for (const { table_name: table, column_name: column, sequence } of serials) {
    if (!restored.has(table)) continue;
    await tx.execute(
      sql`SELECT setval(${sequence}::regclass, max(${sql.identifier(column)})) FROM ${qualified(table)} HAVING count(*) > 0`,
    );
  }
}
