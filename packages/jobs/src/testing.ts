/**
 * Test helpers for the job handlers: a queue with short timings, real job attempts to hand to
 * handlers, and factories for fictional records. Not exported from the package.
 */
import { partialDateBounds } from '@vigil/domain';
import {
  auditEntries,
  claims,
  eventParticipants,
  events,
  persons,
  reviewTasks,
  sourceFiles,
  sources,
  type Database,
  type Db,
  type FileStore,
} from '@vigil/db';
import { and, count, eq, isNotNull } from 'drizzle-orm';
import type { QueueOptions } from 'pg-boss';
import { JOB_NAMES, type JobName, type JobPayload } from './catalogue.ts';
import type { JobAttempt } from './handler.ts';
import { startJobQueue, type JobQueue } from './queue.ts';

/** Every queue with a short expiry and no delay between attempts, so retries happen within seconds. */
export const FAST_QUEUES = Object.fromEntries(
  JOB_NAMES.map((name) => [
    name,
    { expireInSeconds: 3, retryDelay: 0, retryBackoff: false, retryLimit: 2 },
  ]),
) as Record<JobName, QueueOptions>;

/** A queue on the test database with {@link FAST_QUEUES} and a supervisor that runs every second. */
export function startTestQueue(database: Database): Promise<JobQueue> {
  return startJobQueue(database, { queues: FAST_QUEUES, superviseIntervalSeconds: 1 });
}

export { until } from '@vigil/db/testing';

/**
 * Sends a job and fetches it, as a worker would: the attempt a handler is given. Use in test
 * files that run no worker on the same queue.
 */
export async function takeAttempt<N extends JobName>(
  queue: JobQueue,
  name: N,
  payload: JobPayload<N>,
): Promise<JobAttempt> {
  const id = await queue.boss.send(name, payload);
  if (!id) throw new Error(`could not send ${name}`);
  return fetchAttempt(queue, name, id);
}

/** Fetches the given job (a new attempt at it); other jobs fetched on the way are left active. */
export async function fetchAttempt(
  queue: JobQueue,
  name: JobName,
  id: string,
): Promise<JobAttempt> {
  for (let tries = 0; tries < 100; tries++) {
    const [job] = await queue.boss.fetch(name, { includeMetadata: true });
    if (!job) break;
    if (job.id === id)
      return {
        name,
        id,
        retryCount: job.retryCount,
        lastAttempt: job.retryCount >= job.retryLimit,
      };
  }
  throw new Error(`job ${name} ${id} could not be fetched`);
}

/** The state and retry count of one job in pg-boss's table. */
export async function jobState(queue: JobQueue, name: JobName, id: string) {
  const [job] = await queue.boss.findJobs(name, { id });
  return job ? { state: job.state, retryCount: job.retryCount } : null;
}

/** How many audit entries name this entity. */
export async function auditCount(db: Db, entity: string, entityId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(auditEntries)
    .where(and(eq(auditEntries.entity, entity), eq(auditEntries.entityId, entityId)));
  return row?.n ?? 0;
}

/** Counts of everything a handler can write, to show that a refused attempt wrote nothing. */
export async function writtenSoFar(db: Db) {
  const [audit] = await db.select({ n: count() }).from(auditEntries);
  const [tasks] = await db.select({ n: count() }).from(reviewTasks);
  const [statuses] = await db
    .select({ n: count() })
    .from(persons)
    .where(isNotNull(persons.statusComputedAt));
  const [hashed] = await db
    .select({ n: count() })
    .from(sourceFiles)
    .where(isNotNull(sourceFiles.sha256));
  const [archived] = await db
    .select({ n: count() })
    .from(sources)
    .where(eq(sources.archiveStatus, 'archived'));
  return {
    audit: audit?.n,
    tasks: tasks?.n,
    statuses: statuses?.n,
    hashed: hashed?.n,
    archived: archived?.n,
  };
}

// ── Fictional records ─────────────────────────────────────────────────────────────────────

export async function createSource(db: Db, values: Partial<typeof sources.$inferInsert> = {}) {
  const [source] = await db
    .insert(sources)
    .values({
      kind: 'news_article',
      title: 'Test report',
      publisher: 'Test Outlet',
      side: 'independent',
      reliability: 'B',
      ...values,
    })
    .returning();
  return source!;
}

/** A source with one uploaded file waiting in staging, as the API leaves it. */
export async function createUploadedFile(db: Db, files: FileStore, text: string) {
  const source = await createSource(db);
  const bytes = new TextEncoder().encode(text);
  const storageKey = await files.stage(bytes);
  const [file] = await db
    .insert(sourceFiles)
    .values({
      sourceId: source.id,
      filename: 'report.txt',
      mediaType: 'text/plain',
      size: bytes.byteLength,
      storageKey,
    })
    .returning();
  return file!;
}

export async function createPerson(db: Db) {
  const [person] = await db.insert(persons).values({ sortName: 'test person' }).returning();
  return person!;
}

export async function createEvent(
  db: Db,
  type: string,
  date: string | null,
  personIds: string[] = [],
) {
  const bounds = date ? partialDateBounds(date) : null;
  const [event] = await db
    .insert(events)
    .values({
      type,
      date,
      dateEarliest: bounds?.earliest ?? null,
      dateLatest: bounds?.latest ?? null,
    })
    .returning();
  for (const personId of personIds)
    await db.insert(eventParticipants).values({ eventId: event!.id, personId });
  return event!;
}

export async function createClaim(
  db: Db,
  values: Partial<typeof claims.$inferInsert> &
    Pick<typeof claims.$inferInsert, 'sourceId' | 'subjectType' | 'predicate'>,
) {
  const [claim] = await db
    .insert(claims)
    .values({ credibility: 2, ...values })
    .returning();
  return claim!;
}

/** The review tasks with this deduplication key, open or done. */
export function tasksWithKey(db: Db, dedupeKey: string) {
  return db.select().from(reviewTasks).where(eq(reviewTasks.dedupeKey, dedupeKey));
}
