import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDiskFileStore, reviewTasks, type Database } from '@vigil/db';
import { createTestDatabase, testDatabaseKind } from '@vigil/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkerDeps } from '../handler.ts';
import type { JobQueue } from '../queue.ts';
import {
  auditCount,
  createClaim,
  createEvent,
  createPerson,
  createSource,
  startTestQueue,
  takeAttempt,
  tasksWithKey,
} from '../testing.ts';
import { assessClaimJob } from './assess.handler.ts';

describe(`claims.assess (${testDatabaseKind})`, () => {
  let database: Database;
  let queue: JobQueue;
  let deps: WorkerDeps;

  beforeAll(async () => {
    database = await createTestDatabase();
    queue = await startTestQueue(database);
    deps = {
      db: database.db,
      files: createDiskFileStore(await mkdtemp(join(tmpdir(), 'vigil-assess-'))),
    };
  });
  afterAll(async () => {
    await queue?.stop();
    await database?.close();
  });

  /** Runs the job once, as a worker would, with a fresh attempt. */
  const assess = async (claimId: string) =>
    assessClaimJob(deps, { claimId }, await takeAttempt(queue, 'claims.assess', { claimId }));

  it('opens the review task of a new claim with the assessment in words, once however often it runs', async () => {
    const source = await createSource(database.db, {
      title: 'Observer report',
      publisher: 'Observer Mission',
      side: 'third_party',
      reliability: 'A',
    });
    const person = await createPerson(database.db);
    const event = await createEvent(database.db, 'capture', '2020-12-13', [person.id]);
    const claim = await createClaim(database.db, {
      sourceId: source.id,
      subjectType: 'event',
      eventId: event.id,
      predicate: 'occurred',
    });

    await expect(assess(claim.id)).resolves.toMatchObject({ claimTask: 'opened', conflict: false });
    await expect(assess(claim.id)).resolves.toMatchObject({
      claimTask: 'unchanged',
      conflictTask: null,
    });
    const tasks = await tasksWithKey(database.db, `claim:${claim.id}`);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      kind: 'claim',
      state: 'open',
      claimId: claim.id,
      sourceId: source.id,
    });
    expect(tasks[0]?.detail).toContain(
      '“Observer report” (Observer Mission, third party) says the capture on 13 Dec 2020 happened',
    );
    expect(tasks[0]?.detail).toContain(
      'If this claim is accepted: Confirmed: a single strong source',
    );
    expect(await auditCount(database.db, 'review_task', tasks[0]!.id)).toBe(1);
  });

  it('writes the assessment into the task the API opened for the claim', async () => {
    const source = await createSource(database.db);
    const person = await createPerson(database.db);
    const claim = await createClaim(database.db, {
      sourceId: source.id,
      subjectType: 'person',
      personId: person.id,
      predicate: 'birth_date',
      value: '1990-05',
    });
    const [opened] = await database.db
      .insert(reviewTasks)
      .values({
        kind: 'claim',
        claimId: claim.id,
        personId: person.id,
        dedupeKey: `claim:${claim.id}`,
      })
      .returning();

    await expect(assess(claim.id)).resolves.toMatchObject({ claimTask: 'updated' });
    const [task] = await tasksWithKey(database.db, `claim:${claim.id}`);
    expect(task?.id).toBe(opened?.id);
    expect(task?.detail).toContain('says the birth date is “1990-05”');
    expect(task?.version).toBe(2);
  });

  it('opens no review task for a claim that was already reviewed', async () => {
    const source = await createSource(database.db);
    const person = await createPerson(database.db);
    const claim = await createClaim(database.db, {
      sourceId: source.id,
      subjectType: 'person',
      personId: person.id,
      predicate: 'name',
      value: 'Aram Testyan',
      reviewState: 'accepted',
    });
    await expect(assess(claim.id)).resolves.toMatchObject({ claimTask: null });
    expect(await tasksWithKey(database.db, `claim:${claim.id}`)).toEqual([]);
  });

  it('opens one conflict task for an event that accepted claims say both happened and did not', async () => {
    const gazette = await createSource(database.db, {
      title: 'Gazette article',
      publisher: 'Southern Gazette',
      side: 'state_b',
    });
    const monitor = await createSource(database.db, {
      title: 'Monitor briefing',
      publisher: 'Neutral Monitor',
      side: 'independent',
    });
    const person = await createPerson(database.db);
    const event = await createEvent(database.db, 'release', '2021-01-05', [person.id]);
    const says = await createClaim(database.db, {
      sourceId: gazette.id,
      subjectType: 'event',
      eventId: event.id,
      predicate: 'occurred',
      reviewState: 'accepted',
    });
    const denies = await createClaim(database.db, {
      sourceId: monitor.id,
      subjectType: 'event',
      eventId: event.id,
      predicate: 'occurred',
      stance: 'contradicts',
      reviewState: 'accepted',
    });

    await expect(assess(denies.id)).resolves.toMatchObject({
      conflictTask: 'opened',
      conflict: true,
    });
    await expect(assess(says.id)).resolves.toMatchObject({ conflictTask: 'unchanged' });
    const tasks = await tasksWithKey(database.db, `conflict:${event.id}`);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]?.kind).toBe('conflict');
    expect(tasks[0]?.detail).toMatch(
      /^Accepted claims disagree on whether the release on 5 Jan 2021 happened\. Contested: “Gazette article” .* says it happened; “Monitor briefing” .* says it did not\.$/,
    );
  });

  it('adds disagreeing birth dates to the person’s open conflict task rather than opening another', async () => {
    const gazette = await createSource(database.db, {
      title: 'Gazette article',
      publisher: 'Southern Gazette',
      side: 'state_b',
    });
    const courier = await createSource(database.db, {
      title: 'Courier report',
      publisher: 'Northern Courier',
      side: 'state_a',
    });
    const person = await createPerson(database.db);
    await database.db.insert(reviewTasks).values({
      kind: 'conflict',
      personId: person.id,
      dedupeKey: `conflict:${person.id}`,
      detail: 'Accepted claims disagree on: liberty',
    });
    await createClaim(database.db, {
      sourceId: gazette.id,
      subjectType: 'person',
      personId: person.id,
      predicate: 'birth_date',
      value: '1990',
      reviewState: 'accepted',
    });
    const other = await createClaim(database.db, {
      sourceId: courier.id,
      subjectType: 'person',
      personId: person.id,
      predicate: 'birth_date',
      value: '1991',
      reviewState: 'accepted',
    });

    await expect(assess(other.id)).resolves.toMatchObject({ conflictTask: 'updated' });
    await expect(assess(other.id)).resolves.toMatchObject({ conflictTask: 'unchanged' });
    const tasks = await tasksWithKey(database.db, `conflict:${person.id}`);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]?.detail?.split('\n')).toEqual([
      'Accepted claims disagree on: liberty',
      expect.stringMatching(
        /^Accepted claims disagree on the birth date of this person: they give the birth dates that cannot both be right: “1990” .*; “1991” /,
      ),
    ]);
    expect(await auditCount(database.db, 'review_task', tasks[0]!.id)).toBe(1);
  });

  it('does nothing for a claim that no longer exists', async () => {
    await expect(assess('00000000-0000-4000-8000-000000000000')).resolves.toEqual({
      skipped: 'the claim no longer exists',
    });
  });
});
