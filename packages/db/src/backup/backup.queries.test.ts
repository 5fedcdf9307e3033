import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '../client.ts';
import { seedDemoData } from '../demo/demo-data.ts';
import { createDiskFileStore, type FileStore } from '../files/file-store.ts';
import { sourceFiles, sources } from '../schema.ts';
import { createTestDatabase, testDatabaseKind } from '../testing.ts';
import type { BackupRecord } from './backup-records.ts';
import {
  SCHEMAS_NOT_BACKED_UP,
  TABLES_NOT_BACKED_UP,
  backedUpTables,
  checkBackup,
  dumpInstance,
  findInstanceContents,
  restoreInstance,
} from './backup.queries.ts';

async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}

async function* replay(records: BackupRecord[]) {
  for (const record of records) yield record;
}

describe(`backup queries (${testDatabaseKind})`, () => {
  let source: Database;
  let target: Database;
  let targetFiles: FileStore;
  let records: BackupRecord[];
  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vigil-backup-queries-'));
    source = await createTestDatabase();
    target = await createTestDatabase();
    await seedDemoData(source.db);
    const files = createDiskFileStore(join(dir, 'source'));
    const stored = await files.storeBytes(new TextEncoder().encode('a source document'));
    const [source1] = await source.db.select({ id: sources.id }).from(sources).limit(1);
    await source.db.insert(sourceFiles).values({
      sourceId: source1!.id,
      filename: 'document.txt',
      mediaType: 'text/plain',
      size: 17,
      storageKey: stored.key,
      sha256: stored.sha256,
    });
    records = [];
    await dumpInstance(source.db, files, async (record) => {
      records.push(record);
    });
    targetFiles = createDiskFileStore(join(dir, 'target'));
  });
  afterAll(async () => {
    await source?.close();
    await target?.close();
  });

  /** The records, with one changed by `change` (which gets a deep copy). */
  const changed = (change: (copy: BackupRecord[]) => BackupRecord[]) =>
    change(records.map((record) => structuredClone(record)));

  async function expectRefused(copy: BackupRecord[], message: string | RegExp) {
    await expect(checkBackup(target.db, replay(copy))).rejects.toThrow(message);
    await expect(restoreInstance(target.db, targetFiles, replay(copy))).rejects.toThrow(message);
    expect(await findInstanceContents(target.db)).toEqual({});
    // The settings the new instance started with are still there.
    expect(await rowsOf(target.db, sql`SELECT key FROM settings`)).toEqual([
      { key: 'match_keys_version' },
    ]);
  }

  it('backs up every table the database has, except those it names with a reason', async () => {
    const tables = await rowsOf<{ schema: string; name: string }>(
      source.db,
      sql`SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
          WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_type = 'BASE TABLE'`,
    );
    const notCovered = tables
      .filter(({ schema, name }) =>
        schema === 'public'
          ? !backedUpTables().includes(name) && !(name in TABLES_NOT_BACKED_UP)
          : !(schema in SCHEMAS_NOT_BACKED_UP),
      )
      .map(({ schema, name }) => `${schema}.${name}`);
    expect(notCovered).toEqual([]);
    expect(backedUpTables()).toEqual(expect.arrayContaining(['persons', 'audit_entries', 'users']));
    for (const name of Object.keys(TABLES_NOT_BACKED_UP))
      expect(tables.map((t) => t.name)).toContain(name);
    expect(records.filter((r) => r.type === 'manifest')).toHaveLength(1);
  });

  it('orders tables so that each comes after every table it refers to', async () => {
    const order = backedUpTables();
    const references = await rowsOf<{ from: string; to: string }>(
      source.db,
      sql`SELECT c.conrelid::regclass::text AS from, c.confrelid::regclass::text AS to
          FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
          WHERE c.contype = 'f' AND n.nspname = 'public'`,
    );
    expect(references.length).toBeGreaterThan(10);
    for (const { from, to } of references) {
      if (from in TABLES_NOT_BACKED_UP) continue;
      expect(order.indexOf(to), `${from} → ${to}`).toBeGreaterThanOrEqual(0);
      expect(order.indexOf(to), `${from} → ${to}`).toBeLessThan(order.indexOf(from));
    }
  });

  it('refuses a backup made at another migration level, and restores nothing', async () => {
    const copy = changed((copy) => {
      const manifest = copy.find((r) => r.type === 'manifest');
      if (manifest?.type === 'manifest') manifest.manifest.migrations.pop();
      return copy;
    });
    const level = (await rowsOf(target.db, sql`SELECT id FROM drizzle.__drizzle_migrations`))
      .length;
    await expectRefused(copy, `another migration level (${level - 1} migrations, the last of`);
  });

  it('refuses a backup whose audit chain is broken, and restores nothing', async () => {
    const copy = changed((copy) => {
      const audit = copy.find((r) => r.type === 'rows' && r.table === 'audit_entries');
      if (audit?.type === 'rows') audit.rows.find((row) => row[0] === '1')![3] = 'forged';
      return copy;
    });
    await expect(restoreInstance(target.db, targetFiles, replay(copy))).rejects.toThrow(
      'The backup cannot be restored: its audit chain is broken at entry 1: its content was changed after it was written.',
    );
    expect(await findInstanceContents(target.db)).toEqual({});
  });

  it('refuses a backup that lacks a file a record refers to, and restores nothing', async () => {
    const copy = changed((copy) => {
      const manifest = copy.find((r) => r.type === 'manifest');
      if (manifest?.type === 'manifest') manifest.manifest.files--;
      return copy.filter((r) => r.type !== 'file');
    });
    await expect(restoreInstance(target.db, targetFiles, replay(copy))).rejects.toThrow(
      /it lacks the file of source file .* \(SHA-256 [0-9a-f]{64}\)/,
    );
    expect(await findInstanceContents(target.db)).toEqual({});
  });

  it('refuses a file whose bytes do not match its SHA-256, and restores nothing', async () => {
    const copy = changed((copy) =>
      copy.map((r) =>
        r.type === 'file' ? { ...r, bytes: new TextEncoder().encode('a source documenT') } : r,
      ),
    );
    const emptyRoot = await mkdtemp(join(tmpdir(), 'vigil-backup-queries-files-'));
    await expect(
      restoreInstance(target.db, createDiskFileStore(emptyRoot), replay(copy)),
    ).rejects.toThrow(/file [0-9a-f]{64} does not match its SHA-256/);
    expect(await readdir(emptyRoot)).toEqual([]);
    await expectRefused(copy, /file [0-9a-f]{64} does not match its SHA-256/);
  });

  it('refuses a backup with rows missing or out of order, and restores nothing', async () => {
    const dropped = changed((copy) =>
      copy.filter((r) => !(r.type === 'rows' && r.table === 'claims')),
    );
    await expectRefused(dropped, /it holds 0 rows of claims where it announced 100/);
    const reordered = changed((copy) => {
      const persons = copy.findIndex((r) => r.type === 'rows' && r.table === 'persons');
      const [moved] = copy.splice(persons, 1);
      copy.splice(copy.length - 1, 0, moved!);
      return copy;
    });
    await expectRefused(reordered, /rows of persons come out of order|it holds 0 rows of persons/);
    await expectRefused(
      changed((copy) => copy.slice(0, -1)),
      'The backup cannot be restored: it stops before its end.',
    );
  });

  it('writes nothing when the backup breaks off in the middle of the restore', async () => {
    async function* breakingOff() {
      for (const record of records) {
        if (record.type === 'file') throw new Error('the disk was unplugged');
        yield record;
      }
    }
    await expect(restoreInstance(target.db, targetFiles, breakingOff())).rejects.toThrow(
      'the disk was unplugged',
    );
    expect(await findInstanceContents(target.db)).toEqual({});
  });
});
