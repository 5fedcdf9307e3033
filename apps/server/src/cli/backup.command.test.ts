import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createUser } from '@vigil/api';
import {
  apiKeys,
  appendAudit,
  backedUpTables,
  claims,
  createDiskFileStore,
  findInstanceContents,
  imports,
  matchJudgements,
  personMerges,
  personNames,
  persons,
  seedDemoData,
  sessions,
  sourceFiles,
  sources,
  verifyAuditChain,
  type Database,
  type Db,
  type FileStore,
} from '@vigil/db';
import { createTestDatabase, testDatabaseKind } from '@vigil/db/testing';
import { asc, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAuditCommand } from './audit.command.ts';
import { runBackupCommand, runRestoreCommand } from './backup.command.ts';

const PASSPHRASE = 'correct horse battery staple';
const FILE_TEXT = 'Statement of a fictional witness about Aram Backupyan, kept as a file.';
const STAGED_TEXT = 'An upload still waiting for its hash job: Lilit Stagedyan.';
const bytesOf = (text: string) => new TextEncoder().encode(text);

type Instance = { database: Database; files: FileStore; filesRoot: string };

async function newInstance(dir: string, name: string): Promise<Instance> {
  const filesRoot = join(dir, name, 'files');
  return { database: await createTestDatabase(), files: createDiskFileStore(filesRoot), filesRoot };
}

async function rowsOf<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}

/** Every table of the database, as PostgreSQL's text form of each whole row, in a stable order. */
async function everyTable(db: Db): Promise<Record<string, string[]>> {
  const tables = await rowsOf<{ name: string }>(
    db,
    sql`SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const contents: Record<string, string[]> = {};
  for (const { name } of tables)
    contents[name] = (
      await rowsOf<{ r: string }>(
        db,
        sql`SELECT t::text AS r FROM ${sql.identifier(name)} t ORDER BY 1`,
      )
    ).map((row) => row.r);
  return contents;
}

async function filesIn(root: string): Promise<string[]> {
  try {
    return (await readdir(root, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name);
  } catch {
    return [];
  }
}

/**
 * The demo data, plus a row in every table it leaves empty, and values whose text form is easy
 * to lose (microseconds, a JSON null apart from SQL NULL, a real number).
 */
async function fillEveryTable({ database, files }: Instance) {
  const { db } = database;
  await seedDemoData(db);
  const admin = await createUser(db, null, {
    username: 'admin',
    password: 'a long enough password',
    role: 'admin',
  });
  const reviewer = await createUser(db, null, {
    username: 'reviewer-backup',
    password: 'a long enough password',
    role: 'reviewer',
  });
  await db.insert(sessions).values({
    tokenHash: 'f'.repeat(64),
    userId: admin.id,
    expiresAt: new Date(Date.now() + 3_600_000),
  });
  const [source] = await db.select().from(sources).orderBy(asc(sources.title)).limit(1);
  const stored = await files.storeBytes(bytesOf(FILE_TEXT));
  const staged = await files.stage(bytesOf(STAGED_TEXT));
  // A file larger than several chunks of the backup's encryption.
  const photo = await files.storeBytes(randomBytes(300 * 1024));
  await db.insert(sourceFiles).values([
    {
      sourceId: source!.id,
      filename: 'statement.txt',
      mediaType: 'text/plain',
      size: bytesOf(FILE_TEXT).byteLength,
      storageKey: stored.key,
      sha256: stored.sha256,
    },
    {
      sourceId: source!.id,
      filename: 'upload.txt',
      mediaType: 'text/plain',
      size: bytesOf(STAGED_TEXT).byteLength,
      storageKey: staged,
    },
    {
      sourceId: source!.id,
      filename: 'photo.jpg',
      mediaType: 'image/jpeg',
      size: 300 * 1024,
      storageKey: photo.key,
      sha256: photo.sha256,
    },
  ]);
  const [a, b] = await db.select().from(persons).orderBy(asc(persons.id)).limit(2);
  const [judgement] = await db
    .insert(matchJudgements)
    .values({
      personA: a!.id,
      personB: b!.id,
      verdict: 'same',
      reason: 'same father, same birth date',
      score: 0.8765432,
      features: { name: 0.91 },
      decidedBy: reviewer.id,
    })
    .returning();
  await db.insert(personMerges).values({
    judgementId: judgement!.id,
    survivorId: a!.id,
    mergedId: b!.id,
    moved: { names: [], claims: [], events: [], tasks: [] },
  });
  await db.insert(imports).values({
    format: 'lines',
    text: 'Aram Importyan\n',
    rows: [{ line: 1, name: 'Aram Importyan' }],
    total: 1,
    sourceTitle: 'A pasted list (backup test)',
    createdBy: admin.id,
  });
  // A partner's key keeps working after a restore: its hash, scopes and dates come back.
  await db.insert(apiKeys).values({
    name: 'A partner NGO (backup test)',
    clearance: 'partner',
    scopes: ['persons:read', 'counts:read'],
    secretHash: 'a'.repeat(64),
    expiresOn: '2099-12-31',
    createdBy: admin.id,
  });
  await db.execute(
    sql`UPDATE persons SET updated_at = '2024-01-02 03:04:05.123456+00' WHERE id = ${a!.id}`,
  );
  await db.execute(
    sql`UPDATE claims SET value = 'null'::jsonb WHERE id = (SELECT id FROM claims ORDER BY id LIMIT 1)`,
  );
  await db.transaction((tx) =>
    appendAudit(tx, {
      actorId: admin.id,
      action: 'update',
      entity: 'person',
      entityId: a!.id,
      ip: '192.0.2.1',
      diff: { sex: ['unknown', 'male'] },
    }),
  );
}

describe(`vigil backup and vigil restore (${testDatabaseKind})`, () => {
  let dir: string;
  let source: Instance;
  let backupFile: string;
  let backupOutput: string[];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vigil-backup-'));
    source = await newInstance(dir, 'source');
    await fillEveryTable(source);
    backupFile = join(dir, 'vigil.backup');
    const backup = await run(runBackupCommand, source, ['--out', backupFile]);
    expect(backup).toMatchObject({ code: 0, err: '' });
    backupOutput = backup.out;
  });
  afterAll(async () => source?.database.close());

  async function run(
    command: typeof runBackupCommand,
    instance: Instance,
    args: string[],
    /** VIGIL_BACKUP_PASSPHRASE; null when it is not set. */
    passphraseFromEnv: string | null = PASSPHRASE,
  ) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await command(
      args,
      {
        database: instance.database,
        files: instance.files,
        passphraseFromEnv: passphraseFromEnv ?? undefined,
      },
      { stdout: (l) => out.push(l), stderr: (l) => err.push(l) },
    );
    return { code, out, err: err.join('\n') };
  }

  /** A new, migrated, empty instance for one test, closed after it. */
  async function withEmptyInstance(test: (instance: Instance) => Promise<void>) {
    const instance = await newInstance(dir, `empty-${Math.random().toString(36).slice(2)}`);
    try {
      await test(instance);
    } finally {
      await instance.database.close();
    }
  }

  async function expectNothingRestored(instance: Instance) {
    expect(await findInstanceContents(instance.database.db)).toEqual({});
    expect(await filesIn(instance.filesRoot)).toEqual([]);
  }

  it('fills every table it backs up, so that none goes untested', async () => {
    const { db } = source.database;
    for (const table of backedUpTables()) {
      const [{ n } = { n: 0 }] = await rowsOf<{ n: number }>(
        db,
        sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`,
      );
      expect(n, `${table} has no row in this test's instance`).toBeGreaterThan(0);
    }
  });

  it('restores every row, file and audit entry into an empty instance, and the audit chain verifies with the same head', async () => {
    await withEmptyInstance(async (target) => {
      const restore = await run(runRestoreCommand, target, ['--in', backupFile]);
      expect(restore.err).toBe('');
      expect(restore.code).toBe(0);

      const before = await everyTable(source.database.db);
      const after = await everyTable(target.database.db);
      expect(Object.keys(after)).toEqual(Object.keys(before));
      for (const table of Object.keys(before)) {
        // Login sessions are left out on purpose: a restored instance starts logged out.
        if (table === 'sessions') expect(after[table], table).toEqual([]);
        else expect(after[table], table).toEqual(before[table]);
      }

      const stored = await source.database.db.select().from(sourceFiles);
      expect(stored.length).toBe(3);
      for (const file of stored) {
        const expected = file.sha256
          ? await source.files.readVerified(file.sha256)
          : await source.files.read(file.storageKey);
        const restored = file.sha256
          ? await target.files.readVerified(file.sha256)
          : await target.files.read(file.storageKey);
        expect(Buffer.from(restored).equals(Buffer.from(expected)), file.filename).toBe(true);
      }

      const sourceChain = await verifyAuditChain(source.database.db);
      const targetChain = await verifyAuditChain(target.database.db);
      expect(sourceChain.ok && targetChain.ok).toBe(true);
      expect(targetChain).toEqual(sourceChain);
      const head = sourceChain.ok ? `${sourceChain.head!.seq}:${sourceChain.head!.hash}` : '';
      expect(restore.out.join('\n')).toContain(`--head ${head}`);
      expect(backupOutput.join('\n')).toContain(`audit chain head ${head}`);
      const verify: string[] = [];
      expect(
        await runAuditCommand(
          ['verify', '--head', head],
          { database: target.database },
          { stdout: (l) => verify.push(l), stderr: (l) => verify.push(l) },
        ),
      ).toBe(0);
      expect(verify.join('\n')).toContain('Audit chain intact');

      // The restored instance goes on: new rows get new numbers, and the chain grows from its head.
      const { db } = target.database;
      const [person] = await db.select().from(persons).limit(1);
      const [name] = await db
        .insert(personNames)
        .values({
          personId: person!.id,
          value: 'Aram Afterrestore',
          script: 'latin',
          kind: 'alias',
          searchKey: 'aram afterrestore',
        })
        .returning();
      const [{ max } = { max: 0 }] = await rowsOf<{ max: number }>(
        db,
        sql`SELECT max(seq)::int AS max FROM person_names WHERE id <> ${name!.id}`,
      );
      expect(name!.seq).toBeGreaterThan(max);
      await db.transaction((tx) =>
        appendAudit(tx, {
          actorId: null,
          action: 'create',
          entity: 'name',
          entityId: name!.id,
        }),
      );
      expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
    });
  });

  it('keeps no plaintext in the backup file: no name, no file content, no user', async () => {
    const backup = await readFile(backupFile);
    expect(backup.subarray(0, 8).toString('latin1')).toBe('VIGILBAK');
    const names = await source.database.db.select({ value: personNames.value }).from(personNames);
    const [claim] = await source.database.db
      .select({ excerpt: claims.excerpt })
      .from(claims)
      .where(sql`${claims.excerpt} IS NOT NULL`)
      .limit(1);
    const secrets = [
      ...names.map((n) => n.value),
      claim!.excerpt!,
      FILE_TEXT,
      STAGED_TEXT,
      'reviewer-backup',
      'Aram Importyan',
      'same father, same birth date',
    ];
    expect(names.length).toBeGreaterThan(50);
    for (const secret of secrets)
      expect(backup.includes(Buffer.from(secret, 'utf8')), secret).toBe(false);
  });

  it('refuses a wrong passphrase and restores nothing', async () => {
    await withEmptyInstance(async (target) => {
      const wrong = 'correct horse battery stapler';
      const restore = await run(runRestoreCommand, target, ['--in', backupFile], wrong);
      expect(restore).toMatchObject({ code: 1, out: [] });
      expect(restore.err).toBe(
        'The backup cannot be decrypted: the passphrase is wrong, or the file was altered or damaged. Nothing was restored.',
      );
      expect(restore.err).not.toContain(wrong);
      await expectNothingRestored(target);
    });
  });

  it('refuses a backup with any one byte flipped and restores nothing', async () => {
    const original = await readFile(backupFile);
    expect(original.length).toBeGreaterThan(3 * 64 * 1024);
    // The header (marker, settings, salt, nonce), the first chunk, one in the middle, the last tag.
    const positions = [
      0,
      9,
      20,
      35,
      100,
      64 * 1024 + 500,
      Math.floor(original.length / 2),
      original.length - 1,
    ];
    await withEmptyInstance(async (target) => {
      for (const position of positions) {
        const tampered = Buffer.from(original);
        tampered[position]! ^= 0x01;
        const file = join(dir, `tampered-${position}.backup`);
        await writeFile(file, tampered);
        const restore = await run(runRestoreCommand, target, ['--in', file]);
        expect(restore.code, `byte ${position}`).toBe(1);
        expect(restore.err, `byte ${position}`).toMatch(
          /(not a Vigil backup|cannot be decrypted|altered, damaged or cut short).*Nothing was restored\.$/,
        );
        await expectNothingRestored(target);
      }
    });
  });

  it('refuses a backup cut short and restores nothing', async () => {
    const original = await readFile(backupFile);
    await withEmptyInstance(async (target) => {
      for (const length of [20, 64 * 1024 + 55, original.length - 1]) {
        const file = join(dir, `cut-${length}.backup`);
        await writeFile(file, original.subarray(0, length));
        const restore = await run(runRestoreCommand, target, ['--in', file]);
        expect(restore.code, `cut at ${length}`).toBe(1);
        await expectNothingRestored(target);
      }
    });
  });

  it('refuses to restore into an instance that is not empty, and changes nothing there', async () => {
    const before = await everyTable(source.database.db);
    const restore = await run(runRestoreCommand, source, ['--in', backupFile]);
    expect(restore.code).toBe(1);
    expect(restore.err).toMatch(
      /^This instance is not empty \(.*persons: \d+.*\); a backup is restored only into a new, empty instance\. Nothing was restored\.$/,
    );
    expect(await everyTable(source.database.db)).toEqual(before);

    await withEmptyInstance(async (target) => {
      await createUser(target.database.db, null, {
        username: 'first-admin',
        password: 'a long enough password',
        role: 'admin',
      });
      const restore = await run(runRestoreCommand, target, ['--in', backupFile]);
      expect(restore.code).toBe(1);
      expect(restore.err).toMatch(
        /not empty \((users: 1, audit_entries: 1|audit_entries: 1, users: 1)\)/,
      );
      expect(
        await target.database.db.select({ n: sql<number>`count(*)::int` }).from(persons),
      ).toEqual([{ n: 0 }]);
    });
  });

  it('takes the passphrase from a file, never from the command line', async () => {
    const passphraseFile = join(dir, 'passphrase');
    await writeFile(passphraseFile, `${PASSPHRASE}\n`, { mode: 0o600 });
    const viaFile = join(dir, 'via-file.backup');
    expect(
      await run(
        runBackupCommand,
        source,
        ['--out', viaFile, '--passphrase-file', passphraseFile],
        null,
      ),
    ).toMatchObject({ code: 0, err: '' });
    await withEmptyInstance(async (target) => {
      // Restored with the passphrase from the environment: the same passphrase, the first line of the file.
      expect(await run(runRestoreCommand, target, ['--in', viaFile])).toMatchObject({ code: 0 });
    });

    for (const args of [
      ['--out', join(dir, 'x.backup'), '--passphrase', PASSPHRASE],
      ['--out', join(dir, 'x.backup'), `--passphrase=${PASSPHRASE}`],
      ['--out', join(dir, 'x.backup'), PASSPHRASE],
    ]) {
      const result = await run(runBackupCommand, source, args);
      expect(result.code).toBe(2);
      expect(result.err).not.toContain(PASSPHRASE);
    }
    const none = await run(runBackupCommand, source, ['--out', join(dir, 'x.backup')], null);
    expect(none).toMatchObject({
      code: 2,
      err: expect.stringContaining('VIGIL_BACKUP_PASSPHRASE'),
    });
    const short = await run(
      runBackupCommand,
      source,
      ['--out', join(dir, 'x.backup')],
      'too short',
    );
    expect(short).toMatchObject({
      code: 2,
      err: expect.stringContaining('at least 12 characters'),
    });
    expect(
      await filesIn(dir).then((names) => names.filter((n) => n.startsWith('x.backup'))),
    ).toEqual([]);
  });

  it('never overwrites an existing file', async () => {
    const before = await readFile(backupFile);
    const again = await run(runBackupCommand, source, ['--out', backupFile]);
    expect(again).toMatchObject({
      code: 1,
      err: `${backupFile} already exists; a backup never overwrites a file.`,
    });
    expect((await readFile(backupFile)).equals(before)).toBe(true);
  });

  it('records the backup in the audit log, which the backup then holds', async () => {
    const [entry] = await rowsOf<{ action: string; entity: string; ip: string }>(
      source.database.db,
      sql`SELECT action, entity, ip FROM audit_entries WHERE entity = 'backup' ORDER BY seq LIMIT 1`,
    );
    expect(entry).toEqual({ action: 'read_restricted', entity: 'backup', ip: 'cli' });
  });
});
