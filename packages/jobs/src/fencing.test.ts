import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  contentKey,
  createDiskFileStore,
  imports,
  personNames,
  settings,
  refreshMatchKeys,
  sourceFiles,
  type Database,
  type FileStore,
} from '@vigil/db';
import { createTestDatabase, testDatabaseKind } from '@vigil/db/testing';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobName, JobPayload } from './catalogue.ts';
import { PGBOSS_SCHEMA, StaleAttemptError } from './fencing.ts';
import type { Handler, JobAttempt, WorkerDeps } from './handler.ts';
import type { JobQueue } from './queue.ts';
import {
  auditCount,
  createClaim,
  createPerson,
  createSource,
  createUploadedFile,
  fetchAttempt,
  jobState,
  startTestQueue,
  takeAttempt,
  until,
  writtenSoFar,
} from './testing.ts';
import { HANDLERS } from './worker.ts';

describe(`fencing of job attempts (TRUST 22, ${testDatabaseKind})`, () => {
  let database: Database;
  let queue: JobQueue;
  let files: FileStore;
  let deps: WorkerDeps;

  beforeAll(async () => {
    database = await createTestDatabase();
    queue = await startTestQueue(database);
    files = createDiskFileStore(await mkdtemp(join(tmpdir(), 'vigil-fencing-')));
    deps = { db: database.db, files };
  });
  afterAll(async () => {
    await queue?.stop();
    await database?.close();
  });

  /** Lets attempt A outlive its timeout: pg-boss's supervisor expires it and queues a retry. */
  async function expire(attempt: JobAttempt) {
    await database.db.execute(
      sql`UPDATE ${sql.identifier(PGBOSS_SCHEMA)}.job SET started_on = now() - interval '1 hour'
          WHERE name = ${attempt.name} AND id = ${attempt.id}::uuid`,
    );
    await until(async () => {
      await queue.boss.supervise(attempt.name);
      return (await jobState(queue, attempt.name, attempt.id))?.state === 'retry';
    });
  }

  it('refuses to commit an attempt that outlived its timeout once a newer attempt started, and lets the newer one commit', async () => {
    const file = await createUploadedFile(database.db, files, 'fenced upload');
    const attemptA = await takeAttempt(queue, 'sources.hash-file', { fileId: file.id });
    await expire(attemptA);
    const attemptB = await fetchAttempt(queue, 'sources.hash-file', attemptA.id);
    expect(attemptB.retryCount).toBe(attemptA.retryCount + 1);

    const before = await writtenSoFar(database.db);
    const stale = HANDLERS['sources.hash-file'](deps, { fileId: file.id }, attemptA);
    await expect(stale).rejects.toBeInstanceOf(StaleAttemptError);
    await expect(stale).rejects.toThrow(
      /stale attempt: attempt 1 at job sources\.hash-file .* is no longer current \(the job is now active at attempt 2\); it wrote nothing/,
    );
    expect(await writtenSoFar(database.db)).toEqual(before);
    const [unchanged] = await database.db
      .select()
      .from(sourceFiles)
      .where(eq(sourceFiles.id, file.id));
    expect(unchanged?.sha256).toBeNull();
    expect(await files.exists(file.storageKey)).toBe(true);

    await expect(
      HANDLERS['sources.hash-file'](deps, { fileId: file.id }, attemptB),
    ).resolves.toMatchObject({ recorded: true });
    const [hashed] = await database.db
      .select()
      .from(sourceFiles)
      .where(eq(sourceFiles.id, file.id));
    expect(hashed?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await auditCount(database.db, 'source_file', file.id)).toBe(1);
  });

  it('refuses an attempt whose job was already settled', async () => {
    const person = await createPerson(database.db);
    const attempt = await takeAttempt(queue, 'persons.recompute-status', { personId: person.id });
    await queue.boss.complete('persons.recompute-status', attempt);
    await expect(
      HANDLERS['persons.recompute-status'](deps, { personId: person.id }, attempt),
    ).rejects.toThrow(/the job is now completed/);
  });

  /** For each job, a payload that makes its handler write something. */
  const scenarios: { [N in JobName]: () => Promise<JobPayload<N>> } = {
    'sources.hash-file': async () => ({
      fileId: (await createUploadedFile(database.db, files, 'another upload')).id,
    }),
    'claims.assess': async () => {
      const source = await createSource(database.db);
      const person = await createPerson(database.db);
      const claim = await createClaim(database.db, {
        sourceId: source.id,
        subjectType: 'person',
        personId: person.id,
        predicate: 'birth_date',
        value: '1990',
      });
      return { claimId: claim.id };
    },
    'persons.recompute-status': async () => ({ personId: (await createPerson(database.db)).id }),
    'persons.proof-of-life-sweep': async () => {
      await createPerson(database.db);
      return {};
    },
    'sources.archive': async () => ({ sourceId: (await createSource(database.db)).id }),
    'imports.match-list': async () => {
      const [created] = await database.db
        .insert(imports)
        .values({
          format: 'lines',
          text: 'Aram Testyan',
          rows: [{ line: 1, id: '1', name: 'Aram Testyan' }],
          total: 1,
          sourceTitle: 'Test list',
          state: 'matching',
        })
        .returning();
      return { importId: created!.id };
    },
    'imports.apply': async () => {
      const row = {
        line: 1,
        id: '1',
        name: 'Aram Testyan',
        birthDate: null,
        place: null,
        fatherName: null,
        decision: 'new',
        match: null,
        candidates: [],
      };
      const [created] = await database.db
        .insert(imports)
        .values({
          format: 'lines',
          text: 'Aram Testyan',
          rows: [row],
          total: 1,
          sourceTitle: 'Test list',
          state: 'queued',
        })
        .returning();
      return { importId: created!.id };
    },
    'matching.refresh-keys': async () => {
      // Keys of an older version: the job recomputes them and records the current one.
      await database.db.delete(settings).where(eq(settings.key, 'match_keys_version'));
      await createPerson(database.db);
      return {};
    },
    'sources.verify-files': async () => {
      // A file recorded by its hash whose bytes were never stored: the sweep reports it missing.
      const source = await createSource(database.db);
      await database.db.insert(sourceFiles).values({
        sourceId: source.id,
        filename: 'lost.txt',
        mediaType: 'text/plain',
        size: 4,
        storageKey: contentKey('f'.repeat(64)),
        sha256: 'f'.repeat(64),
      });
      return {};
    },
    'matching.find-duplicates': async () => {
      const twins = [await createPerson(database.db), await createPerson(database.db)];
      await database.db.insert(personNames).values(
        twins.map((p) => ({
          personId: p.id,
          value: 'Samvel Duplicatyan',
          script: 'latin' as const,
          kind: 'legal' as const,
          searchKey: 'samvel duplicatyan',
        })),
      );
      await refreshMatchKeys(
        database.db,
        twins.map((p) => p.id),
      );
      return {};
    },
  };

  it.each(Object.keys(scenarios) as JobName[])(
    'writes nothing for a stale attempt at %s',
    async (name) => {
      const payload = await (scenarios[name] as () => Promise<JobPayload<JobName>>)();
      const attemptA = await takeAttempt(queue, name, payload);
      await queue.boss.fail(name, attemptA, { message: 'lost its claim (test)' });
      const attemptB = await fetchAttempt(queue, name, attemptA.id);
      const before = await writtenSoFar(database.db);
      const handler = HANDLERS[name] as Handler<JobName>;
      await expect(handler(deps, payload, attemptA)).rejects.toBeInstanceOf(StaleAttemptError);
      expect(await writtenSoFar(database.db)).toEqual(before);
      await handler(deps, payload, attemptB);
      expect(await writtenSoFar(database.db)).not.toEqual(before);
    },
  );
});
