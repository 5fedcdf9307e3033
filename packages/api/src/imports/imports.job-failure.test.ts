import { imports, personNames } from '@vigil/db';
import { testDatabaseKind } from '@vigil/db/testing';
import { startWorker } from '@vigil/jobs';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, until, type TestApp } from '../testing.ts';

/** Tried once and retried once, with no wait: fewer attempts than the catalogue's policy. */
const RETRY_LIMIT = 1;

describe(`an import the worker cannot apply (${testDatabaseKind})`, () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({
      queue: {
        queues: {
          'imports.apply': {
            retryLimit: RETRY_LIMIT,
            retryDelay: 0,
            retryBackoff: false,
            expireInSeconds: 30,
          },
        },
      },
    });
    await startWorker(app.queue, { db: app.db, files: app.files }, { pollingIntervalSeconds: 0.5 });
  });
  afterAll(async () => app?.close());

  it("ends failed after the queue's last attempt, with a message that holds none of the list's names", async () => {
    // A real failure on every attempt: the database refuses the new names, and its error (as the
    // driver reports it) carries the query's values, the list's own names.
    await app.db.execute(sql`
      CREATE FUNCTION refuse_names() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'disk full (test)'; END $$`);
    await app.db.execute(sql`
      CREATE TRIGGER refuse_names BEFORE INSERT ON person_names FOR EACH ROW
      WHEN (NEW.value LIKE '%Unwrittenyan%') EXECUTE FUNCTION refuse_names()`);
    const { caller: editor } = await app.as('editor');
    const preview = await editor.imports.preview({
      format: 'lines',
      text: 'Aram Unwrittenyan',
      sourceTitle: 'A list that cannot be applied (test)',
    });
    await editor.imports.confirm({ importId: preview.id, acceptAutomatic: true });

    const failed = await until(async () => {
      const now = await editor.imports.get({ id: preview.id });
      return now.state === 'failed' ? now : null;
    });
    expect(failed.error).toMatch(/could not be applied after 2 attempts/);
    expect(failed.error).not.toMatch(/Unwrittenyan|insert|params/i);
    // The handler marks the import failed inside its last attempt; pg-boss marks the job failed
    // only after the handler has thrown, a moment later.
    const job = await until(async () => {
      const [found] = await app.queue.boss.findJobs('imports.apply', {
        data: { importId: preview.id },
      });
      return found?.state === 'failed' ? found : null;
    });
    expect(job).toMatchObject({ state: 'failed', retryCount: RETRY_LIMIT });
    // All rows or none: nothing of the list was written.
    expect(
      await app.db
        .select()
        .from(personNames)
        .where(sql`${personNames.value} LIKE '%Unwrittenyan%'`),
    ).toEqual([]);
    const [stored] = await app.db.select().from(imports).where(eq(imports.id, preview.id));
    expect(stored?.sourceId ?? null).toBeNull();
  });
});
