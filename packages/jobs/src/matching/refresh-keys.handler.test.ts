import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  auditEntries,
  createDiskFileStore,
  matchKeysCurrent,
  personMatchKeys,
  personNames,
  settings,
  type Database,
} from '@vigil/db';
import { createTestDatabase, testDatabaseKind } from '@vigil/db/testing';
import { blockingKeys } from '@vigil/domain';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobQueue } from '../queue.ts';
import { createPerson, startTestQueue, until } from '../testing.ts';
import { startWorker } from '../worker.ts';

describe(`matching.refresh-keys (${testDatabaseKind})`, () => {
  let database: Database;
  let queue: JobQueue;
  beforeAll(async () => {
    database = await createTestDatabase();
    queue = await startTestQueue(database);
  });
  afterAll(async () => {
    await queue?.stop();
    await database?.close();
  });

  it('recomputes every stored match key once a worker starts on keys of an older version', async () => {
    // A person whose keys were never computed, as after an upgrade that changed the keys.
    const person = await createPerson(database.db);
    await database.db.insert(personNames).values({
      personId: person.id,
      value: 'Hovhannes Keyrefreshyan',
      script: 'latin',
      kind: 'legal',
      searchKey: 'hovhannes keyrefreshyan',
    });
    await database.db.delete(settings).where(eq(settings.key, 'match_keys_version'));
    expect(await matchKeysCurrent(database.db)).toBe(false);

    await startWorker(
      queue,
      {
        db: database.db,
        files: createDiskFileStore(await mkdtemp(join(tmpdir(), 'vigil-keys-'))),
      },
      { pollingIntervalSeconds: 0.5 },
    );
    await until(() => matchKeysCurrent(database.db));

    const keys = await database.db
      .select({ key: personMatchKeys.key })
      .from(personMatchKeys)
      .where(eq(personMatchKeys.personId, person.id));
    expect(keys.map((k) => k.key).sort()).toEqual(
      blockingKeys({ id: person.id, name: 'Hovhannes Keyrefreshyan' }).sort(),
    );
    const audited = await database.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.entity, 'match_keys'), eq(auditEntries.actorId, 'worker')));
    expect(audited).toHaveLength(1);
  });
});
