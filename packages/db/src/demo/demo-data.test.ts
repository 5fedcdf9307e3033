import { corroboration, gradeEvent, type PersonStatus } from '@vigil/domain';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../client.ts';
import { personNames, persons, reviewTasks } from '../schema.ts';
import { loadStatusInput } from '../status/status.queries.ts';
import { createTestDatabase, testDatabaseKind } from '../testing.ts';
import { seedDemoData } from './demo-data.ts';

describe(`demo data (${testDatabaseKind})`, () => {
  let database: Database;
  let statuses: { id: string; status: PersonStatus }[];
  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemoData(database.db, new Date('2026-11-25T12:00:00Z'));
    statuses = (await database.db
      .select({ id: persons.id, status: persons.status })
      .from(persons)) as typeof statuses;
  });
  afterAll(async () => database?.close());

  it('holds at least 30 fictional persons with names in Armenian, Cyrillic and Latin script', async () => {
    expect(statuses.length).toBeGreaterThanOrEqual(30);
    const scripts = new Set(
      (await database.db.select({ script: personNames.script }).from(personNames)).map(
        (n) => n.script,
      ),
    );
    expect([...scripts].sort()).toEqual(['armenian', 'cyrillic', 'latin']);
  });

  it('has a person in each status the registry distinguishes', () => {
    const values = (pick: (s: PersonStatus) => string | null | undefined) =>
      new Set(statuses.map((s) => pick(s.status)));
    for (const liberty of ['held', 'released', 'repatriated'])
      expect(
        values((s) => s.liberty.value),
        liberty,
      ).toContain(liberty);
    for (const held of [
      'no_process_known',
      'under_investigation',
      'on_trial',
      'serving_sentence',
    ]) {
      expect(
        values((s) => s.liberty.heldState),
        held,
      ).toContain(held);
    }
    for (const life of [
      'alive_confirmed',
      'no_recent_proof_of_life',
      'reported_dead',
      'confirmed_dead',
      'remains_returned',
    ]) {
      expect(
        values((s) => s.life.value),
        life,
      ).toContain(life);
    }
    for (const ack of ['acknowledged', 'denied', 'cannot_identify', 'no_reply', 'unknown']) {
      expect(
        values((s) => s.acknowledgement.value),
        ack,
      ).toContain(ack);
    }
  });

  it('surfaces a person captured on video and never heard of again', () => {
    expect(statuses.some((s) => s.status.flags.disappeared)).toBe(true);
    expect(statuses.some((s) => s.status.flags.contactLost)).toBe(true);
  });

  it('has a contested release, shown as contested', () => {
    expect(statuses.some((s) => s.status.liberty.contested)).toBe(true);
  });

  it('has a corroborated capture and a capture repeated only by one side', async () => {
    const grades = [];
    for (const { id } of statuses) {
      const input = await loadStatusInput(database.db, id);
      for (const event of input.events.filter((e) => e.type === 'capture'))
        grades.push(corroboration(event.claims).level);
    }
    expect(grades).toContain('corroborated');
    expect(grades).toContain('single_source');
    expect(gradeEvent([]).grade).toBe('weak');
  });

  it('leaves claims waiting in the review queue', async () => {
    const open = await database.db.select().from(reviewTasks).where(eq(reviewTasks.kind, 'claim'));
    expect(open.length).toBeGreaterThanOrEqual(3);
  });
});
