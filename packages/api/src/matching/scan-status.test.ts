import { auditEntries, reviewTasks } from '@vigil/db';
import { testDatabaseKind } from '@vigil/db/testing';
import { and, eq, inArray } from 'drizzle-orm';
import { startWorker } from '@vigil/jobs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing.ts';

async function until<T>(probe: () => Promise<T | null | undefined | false>): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() - start > 30_000) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe(`where a scan for duplicates stands (${testDatabaseKind})`, () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => app?.close());

  it('says queued, then finished with the pairs it opened that the reviewer may see', async () => {
    const { caller: admin } = await app.as('admin');
    const staffReviewer = (await app.as('reviewer', 'staff')).caller;
    const restrictedReviewer = (await app.as('reviewer', 'restricted')).caller;
    await expect(staffReviewer.matching.scanStatus()).resolves.toMatchObject({ state: 'none' });

    // Two records of one man that a staff reviewer may see, and two that only a reviewer
    // cleared for restricted records may.
    for (const [value, other, sensitivity] of [
      ['Hovhannes Ghazaryan', 'Ованес Казарян', 'staff'],
      ['Vardan Example-Restricted', 'Вардан Экзампл-Рестриктед', 'restricted'],
    ] as const) {
      for (const name of [value, other])
        await admin.persons.create({
          names: [{ value: name }],
          birthDate: '1991-04-02',
          sensitivity,
        });
    }

    await staffReviewer.matching.scan();
    const queued = await staffReviewer.matching.scanStatus();
    expect(queued).toMatchObject({ state: 'queued', opened: null });
    expect(queued.requestedAt).toBeInstanceOf(Date);

    await startWorker(app.queue, { db: app.db, files: app.files }, { pollingIntervalSeconds: 0.5 });
    const finished = await until(async () => {
      const status = await staffReviewer.matching.scanStatus();
      return status.state === 'finished' ? status : null;
    });
    expect(finished.endedAt!.getTime()).toBeGreaterThanOrEqual(finished.startedAt!.getTime());
    expect(finished.opened).toBe(1);
    await expect(restrictedReviewer.matching.scanStatus()).resolves.toMatchObject({ opened: 2 });

    // Each task the scan opened is in the audit trail, by the worker.
    const opened = await app.db
      .select({ id: reviewTasks.id })
      .from(reviewTasks)
      .where(eq(reviewTasks.kind, 'duplicate'));
    expect(opened).toHaveLength(2);
    const audited = await app.db
      .select({ entityId: auditEntries.entityId })
      .from(auditEntries)
      .where(
        and(
          eq(auditEntries.entity, 'review_task'),
          eq(auditEntries.action, 'create'),
          eq(auditEntries.actorId, 'worker'),
          inArray(
            auditEntries.entityId,
            opened.map((t) => t.id),
          ),
        ),
      );
    expect(audited).toHaveLength(2);
  });

  it('is not for a viewer', async () => {
    const { caller: viewer } = await app.as('viewer');
    await expect(viewer.matching.scanStatus()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
