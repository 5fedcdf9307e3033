import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createUser } from '@vigil/api';
import {
  auditEntries,
  createDiskFileStore,
  persons,
  seedDemoData,
  sourceFiles,
  sources,
  type Database,
  type FileStore,
} from '@vigil/db';
import { createTestDatabase, testDatabaseKind } from '@vigil/db/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImportCommand } from './import.command.ts';

describe(`vigil import (${testDatabaseKind})`, () => {
  let database: Database;
  let dir: string;
  let files: FileStore;
  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemoData(database.db);
    await createUser(database.db, null, {
      username: 'admin',
      password: 'a long enough password',
      role: 'admin',
    });
    dir = await mkdtemp(join(tmpdir(), 'vigil-import-'));
    files = createDiskFileStore(join(dir, 'files'));
  });
  afterAll(async () => database?.close());

  async function run(args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runImportCommand(
      args,
      { database, files },
      {
        stdout: (l) => out.push(l),
        stderr: (l) => err.push(l),
      },
    );
    return { code, out, err };
  }

  it('shows a dry run without changing anything, then imports with --yes', async () => {
    const file = join(dir, 'list.txt');
    await writeFile(file, 'Narek Hakopian\nHayk Newcomeryan\n');
    const count = async () => (await database.db.select().from(persons)).length;
    const before = await count();
    const dry = await run([file, '--title', 'A pasted list (test)']);
    expect(dry.code).toBe(0);
    expect(dry.out.join('\n')).toMatch(/line 1\treview\tNarek Hakopian — Նարեկ Հակոբյան/);
    // A new name shows no candidate that scored 0.00 (a demo man is called Hayk too).
    expect(dry.out).toContain('line 2\tnew\tHayk Newcomeryan');
    expect(dry.out.at(-1)).toContain('Dry run');
    expect(await count()).toBe(before);
    const real = await run([file, '--title', 'A pasted list (test)', '--yes']);
    expect(real.code).toBe(0);
    expect(real.out.at(-1)).toMatch(/Imported: 2 new persons, 0 linked, 1 to review, 2 claims/);
    expect(await count()).toBe(before + 2);
    // The confirmation is audited under the account the command acted as.
    const [confirmed] = await database.db
      .select({ actorId: auditEntries.actorId })
      .from(auditEntries)
      .where(and(eq(auditEntries.entity, 'import'), eq(auditEntries.action, 'update')));
    expect(confirmed?.actorId).toBeTruthy();
    // The list itself is the source's file, kept by its SHA-256.
    const [kept] = await database.db
      .select({ sha256: sourceFiles.sha256, filename: sourceFiles.filename })
      .from(sourceFiles)
      .innerJoin(sources, eq(sources.id, sourceFiles.sourceId))
      .where(eq(sources.title, 'A pasted list (test)'));
    expect(kept?.filename).toBe('list.txt');
    expect(new TextDecoder().decode(await files.readVerified(kept!.sha256!))).toBe(
      'Narek Hakopian\nHayk Newcomeryan\n',
    );
  });

  it('says which rows may name the same man twice, and puts them to a reviewer', async () => {
    const file = join(dir, 'twice.txt');
    await writeFile(file, 'Hrant Dubleyan, 1991\nSamvel Onceyan\nГрант Дублеян, 1991\n');
    const dry = await run([file, '--title', 'A list naming one man twice (test)']);
    expect(dry.out).toContain('line 1\tnew\tHrant Dubleyan — may be line 3 again');
    expect(dry.out).toContain('line 2\tnew\tSamvel Onceyan');
    expect(dry.out.at(-2)).toMatch(/; 2 may name a person another row names too$/);
    const real = await run([file, '--title', 'A list naming one man twice (test)', '--yes']);
    expect(real.out.at(-1)).toMatch(/, 1 pairs of rows to review as one person\.$/);
  });

  it('names the line of a broken CSV and imports nothing', async () => {
    const file = join(dir, 'broken.csv');
    await writeFile(file, 'id,name\n1,"Gor\n');
    const result = await run([file, '--title', 'Broken', '--yes']);
    expect(result.code).toBe(1);
    expect(result.err.join('\n')).toMatch(/broken\.csv: text \(line \d+\): has a broken quote/);
  });

  it('refuses a file that is not UTF-8', async () => {
    const file = join(dir, 'latin1.txt');
    await writeFile(file, Buffer.from([0x47, 0xe4, 0x69, 0x6b]));
    const result = await run([file, '--title', 'Latin-1']);
    expect(result).toMatchObject({ code: 1, err: [expect.stringContaining('is not valid UTF-8')] });
  });
});
