import {
  auditEntries,
  claims,
  eventParticipants,
  events,
  matchJudgements,
  openAuditDiffs,
  personNames,
  persons,
  reviewTasks,
  verifyAuditChain,
} from '@vigil/db';
import {
  readAuditEntries,
  rehashAuditChain,
  tamperWithAudit,
  testDatabaseKind,
} from '@vigil/db/testing';
import { and, eq, inArray, or } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing.ts';

describe(`TRUST 14: an admin's deliberate purge erases a deleted person (${testDatabaseKind})`, () => {
  let app: TestApp;
  let admin: Awaited<ReturnType<TestApp['as']>>;
  let editor: Awaited<ReturnType<TestApp['as']>>;
  let reviewer: Awaited<ReturnType<TestApp['as']>>;
  beforeAll(async () => {
    app = await createTestApp();
    admin = await app.as('admin');
    editor = await app.as('editor');
    reviewer = await app.as('reviewer');
  });
  afterAll(async () => app?.close());

  const CONTACT = 'fictional brother, +000 555 0199';

  /** A person entered by mistake, with a family contact, claims, events and a judgement. */
  async function documentedPerson(name: string) {
    const created = await admin.caller.persons.create({ names: [{ value: name }] });
    const person = await admin.caller.persons.update({
      id: created.id,
      version: created.version,
      patch: { familyContact: CONTACT, notes: `seen with ${name}'s unit` },
    });
    const other = await editor.caller.persons.create({ names: [{ value: `Other ${name}` }] });
    const source = await editor.caller.sources.create({ kind: 'news_article', title: 'A list' });
    const claim = await editor.caller.claims.create({
      sourceId: source.id,
      subjectType: 'person',
      personId: person.id,
      predicate: 'legal_category',
      value: 'hostage',
      excerpt: `${name} was taken at the checkpoint`,
    });
    const solo = await editor.caller.events.create({
      type: 'capture',
      date: '2020-12-13',
      description: `${name} taken alone`,
      participants: [{ personId: person.id }],
    });
    const shared = await editor.caller.events.create({
      type: 'exchange',
      date: '2021-05-04',
      participants: [{ personId: person.id }, { personId: other.id }],
    });
    const judgement = await reviewer.caller.matching.judge({
      a: person.id,
      b: other.id,
      verdict: 'different',
      reason: 'other father',
    });
    return { person, other, source, claim, solo, shared, judgement };
  }

  async function deleteRecord(id: string) {
    const person = await app.db.select().from(persons).where(eq(persons.id, id));
    await admin.caller.persons.delete({
      id,
      version: person[0]!.version,
      reason: 'entered by mistake',
    });
    return (await app.db.select().from(persons).where(eq(persons.id, id)))[0]!;
  }

  it('erases the record, its names, claims, own events, tasks and judgements, and their audit values', async () => {
    const name = 'Purgeable Fictionyan';
    const { person, other, claim, solo, shared, judgement } = await documentedPerson(name);
    const deleted = await deleteRecord(person.id);
    const recordIds = [person.id, claim.id, solo.id, judgement.judgementId];

    const result = await admin.caller.persons.purge({
      id: person.id,
      version: deleted.version,
      reason: 'consent withdrawn by the family',
    });
    expect(result).toMatchObject({
      id: person.id,
      purged: true,
      erased: { names: 1, claims: 1, events: 1, judgements: 1, unsealedAuditEntries: 0 },
    });
    expect(result.erased.reviewTasks).toBeGreaterThanOrEqual(1);

    // The records are gone, not hidden.
    expect(await app.db.select().from(persons).where(eq(persons.id, person.id))).toEqual([]);
    expect(
      await app.db.select().from(personNames).where(eq(personNames.personId, person.id)),
    ).toEqual([]);
    expect(await app.db.select().from(claims).where(eq(claims.id, claim.id))).toEqual([]);
    expect(await app.db.select().from(events).where(eq(events.id, solo.id))).toEqual([]);
    expect(
      await app.db
        .select()
        .from(reviewTasks)
        .where(or(eq(reviewTasks.personId, person.id), eq(reviewTasks.claimId, claim.id))),
    ).toEqual([]);
    expect(
      await app.db.select().from(matchJudgements).where(eq(matchJudgements.personB, other.id)),
    ).toEqual([]);
    // The shared event stays, with the other person only.
    const kept = await app.db
      .select()
      .from(eventParticipants)
      .where(eq(eventParticipants.eventId, shared.id));
    expect(kept.map((p) => p.personId)).toEqual([other.id]);
    expect(await admin.caller.persons.listDeleted()).not.toContainEqual(
      expect.objectContaining({ id: person.id }),
    );
    await expect(
      admin.caller.persons.restore({ id: person.id, version: deleted.version }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });

    // No earlier value survives in the audit log, and the chain still verifies.
    const stored = await app.db
      .select()
      .from(auditEntries)
      .where(inArray(auditEntries.entityId, recordIds));
    const everything = JSON.stringify(stored);
    for (const secret of [CONTACT, name, 'checkpoint', 'taken alone', 'other father'])
      expect(everything).not.toContain(secret);
    const opened = await openAuditDiffs(
      app.db,
      stored.filter((e) => e.action !== 'purge'),
    );
    expect(opened.every((e) => e.erased && e.diff === null)).toBe(true);
    expect(await verifyAuditChain(app.db)).toMatchObject({ ok: true });

    // The purge itself is audited, readable, with who, why and what.
    const [purge] = await readAuditEntries(app.db, { action: 'purge', entityId: person.id });
    expect(purge).toMatchObject({
      actorId: admin.actor.id,
      erased: false,
      diff: {
        reason: [null, 'consent withdrawn by the family'],
        erased: [null, expect.objectContaining({ names: 1, claims: 1 })],
      },
    });
    // The other person's record and the shared event still read as before.
    await expect(admin.caller.persons.get({ id: other.id })).resolves.toMatchObject({
      id: other.id,
    });
    await expect(admin.caller.events.get({ id: shared.id })).resolves.toMatchObject({
      id: shared.id,
    });
  });

  it('says how many audit entries were written in clear before sealing, which it cannot erase', async () => {
    const { person } = await documentedPerson('Legacy Fictionyan');
    // An entry as an instance before migration 0007 wrote it: its values in clear.
    await tamperWithAudit(app.database.db, async (tx) => {
      await tx
        .update(auditEntries)
        .set({ diff: { notes: [null, 'written in clear'] } })
        .where(and(eq(auditEntries.entityId, person.id), eq(auditEntries.action, 'update')));
      await rehashAuditChain(tx);
    });
    const deleted = await deleteRecord(person.id);
    const result = await admin.caller.persons.purge({
      id: person.id,
      version: deleted.version,
      reason: 'consent withdrawn',
    });
    expect(result.erased.unsealedAuditEntries).toBe(1);
  });

  it('purges only a deleted record, on its current version, and says why not', async () => {
    const { person } = await documentedPerson('Kept Fictionyan');
    await expect(
      admin.caller.persons.purge({ id: person.id, version: person.version, reason: 'test' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/^Delete the record first/),
    });
    const deleted = await deleteRecord(person.id);
    await expect(
      admin.caller.persons.purge({ id: person.id, version: deleted.version - 1, reason: 'test' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await app.db.select().from(persons).where(eq(persons.id, person.id))).toHaveLength(1);
  });

  it('refuses a record a merge ties to another', async () => {
    const survivor = await editor.caller.persons.create({
      names: [{ value: 'Merged Fictionyan' }],
    });
    const twin = await editor.caller.persons.create({ names: [{ value: 'Merged Fictionian' }] });
    await reviewer.caller.matching.judge({
      a: survivor.id,
      b: twin.id,
      verdict: 'same',
      reason: 'same man, two spellings',
    });
    const deleted = await deleteRecord(survivor.id);
    await expect(
      admin.caller.persons.purge({ id: survivor.id, version: deleted.version, reason: 'test' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/undo those merges/),
    });
  });

  it('is for admins cleared for restricted data only', async () => {
    const { person } = await documentedPerson('Guarded Fictionyan');
    const deleted = await deleteRecord(person.id);
    const staffAdmin = await app.as('admin', 'staff');
    for (const caller of [staffAdmin.caller, editor.caller])
      await expect(
        caller.persons.purge({ id: person.id, version: deleted.version, reason: 'test' }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await app.db.select().from(persons).where(eq(persons.id, person.id))).toHaveLength(1);
  });
});
