import { randomBytes } from 'node:crypto';
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import pg from 'pg';
import { openAuditDiffs } from './audit/audit-sealing.ts';
import { AUDIT_GENESIS, storedEntryHash } from './audit/audit.queries.ts';
import { createDb, migrateDb, type Database, type Db, type DbOrTx, type Tx } from './client.ts';
import { auditEntries } from './schema.ts';

/**
 * A migrated, empty database for one test file: in-memory PGlite, or a fresh database on the
 * PostgreSQL server named by `TEST_DATABASE_URL` (dropped again on close).
 */
export async function createTestDatabase(): Promise<Database> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const database = await createDb({ memory: true });
    await migrateDb(database);
    return database;
  }
  const name = `vigil_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await createDb({ url: url.toString() });
  await migrateDb(database);
  return {
    ...database,
    async close() {
      await database.close();
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

/**
 * The audit entries of one action on one record, oldest first, with their sealed values opened
 * as a reader of the history sees them.
 */
export async function readAuditEntries(
  db: DbOrTx,
  filter: { action: string; entityId: string; actorId?: string },
) {
  const conditions: SQL[] = [
    eq(auditEntries.action, filter.action),
    eq(auditEntries.entityId, filter.entityId),
  ];
  if (filter.actorId) conditions.push(eq(auditEntries.actorId, filter.actorId));
  const rows = await db
    .select()
    .from(auditEntries)
    .where(and(...conditions))
    .orderBy(asc(auditEntries.seq));
  return openAuditDiffs(db, rows);
}

/** Which database the tests run on, for titles and `describe.skipIf`. */
export const testDatabaseKind: 'pglite' | 'postgres' = process.env.TEST_DATABASE_URL
  ? 'postgres'
  : 'pglite';

/**
 * Changes audit entries behind the application's back, in one transaction. The database
 * refuses UPDATE, DELETE and TRUNCATE on them, so this first disables that trigger, as an
 * attacker with the database owner's rights could too; what must catch them then is the hash
 * chain and an exported head. Only tests that prove that should call this.
 */
export async function tamperWithAudit(db: Db, change: (tx: Tx) => Promise<void>): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only`);
    await change(tx);
    await tx.execute(sql`ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_append_only`);
  });
}

/**
 * Recomputes every link and hash of the audit chain, as an attacker who changed an entry
 * would next do to hide it: the chain then verifies on its own, and only a head exported
 * before the change catches it. Call it inside `tamperWithAudit`.
 */
export async function rehashAuditChain(tx: DbOrTx): Promise<void> {
  const rows = await tx.select().from(auditEntries).orderBy(asc(auditEntries.seq));
  let prevHash = AUDIT_GENESIS;
  for (const row of rows) {
    const hash = storedEntryHash(prevHash, row);
    await tx.update(auditEntries).set({ prevHash, hash }).where(eq(auditEntries.seq, row.seq));
    prevHash = hash;
  }
}

/** Waits until `probe` returns something truthy, checking every 100 ms; for tests on the worker. */
export async function until<T>(
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
