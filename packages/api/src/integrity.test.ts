import {
  apiKeys,
  auditEntries,
  claims,
  countClaims,
  eventParticipants,
  events,
  matchJudgements,
  openDuplicateTasks,
  personMatchKeys,
  personMerges,
  personNames,
  persons,
  reviewTasks,
  sessions,
  sources,
  users,
} from '@vigil/db';
import { testDatabaseKind } from '@vigil/db/testing';
import type { JobName } from '@vigil/jobs';
import { and, asc, count, eq, inArray, or, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from './router.ts';
import { createTestApp, type TestApp } from './testing.ts';

type Caller = Awaited<ReturnType<TestApp['as']>>;
type Patch = Record<string, unknown>;

async function call(caller: unknown, path: string, input: unknown): Promise<unknown> {
  const fn = path.split('.').reduce<any>((node, key) => node[key], caller);
  return fn(input);
}

/** Every procedure that saves over a record: `*.update`, and any other that takes a `version`. */
const savingProcedures = Object.entries(
  appRouter._def.procedures as unknown as Record<
    string,
    { _def: { type: string; inputs: { shape?: Record<string, unknown> }[] } }
  >,
)
  .filter(
    ([path, procedure]) =>
      path.endsWith('.update') ||
      (procedure._def.type === 'mutation' &&
        procedure._def.inputs.some((input) => input.shape && 'version' in input.shape)),
  )
  .map(([path]) => path)
  .sort();

/** The message a temporary trigger fails a write with, to tell it from any other failure. */
const REFUSAL = 'disk full (test)';

/** The messages of an error and of its causes, outermost first. */
function messagesOf(error: unknown): string[] {
  const messages: string[] = [];
  for (let e = error; e instanceof Error; e = e.cause) messages.push(e.message);
  return messages;
}

/** An id as an SQL literal, for a trigger's body or condition (DDL takes no parameters). */
function idLiteral(id: string) {
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new Error(`not an id: ${id}`);
  return sql.raw(`'${id}'`);
}

describe(`integrity (${testDatabaseKind})`, () => {
  let app: TestApp;
  let editor: Caller;
  let reviewer: Caller;
  let admin: Caller;
  beforeAll(async () => {
    app = await createTestApp();
    editor = await app.as('editor');
    reviewer = await app.as('reviewer');
    admin = await app.as('admin');
  });
  afterAll(async () => app?.close());

  const auditCount = async () => (await app.db.select({ n: count() }).from(auditEntries))[0]!.n;
  const jobCount = async () =>
    (await app.queue.stats()).reduce((sum, queue) => sum + queue.total, 0);
  const jobsOf = async (name: JobName, data: Record<string, string>) =>
    (await app.queue.boss.findJobs(name, { data })).length;
  const matchKeysOf = (...personIds: string[]) =>
    app.db
      .select()
      .from(personMatchKeys)
      .where(inArray(personMatchKeys.personId, personIds))
      .orderBy(asc(personMatchKeys.personId), asc(personMatchKeys.key));

  const newPerson = (name: string) =>
    editor.caller.persons.create({ names: [{ value: name }], sex: 'male', birthDate: '1990-05' });
  const newSource = (title: string) =>
    editor.caller.sources.create({ kind: 'news_article', title, publisher: 'Outlet A' });

  describe('a save over a newer version (TRUST 12)', () => {
    interface UpdateCase {
      /** Who saves. */
      by: () => Caller;
      /**
       * Creates the record and what it hangs on; `first` is saved with `version`, then `stale`
       * is sent with that same, now stale, version. `stale` touches what the update writes
       * besides the record's row (participants, match keys, jobs, sessions, review tasks).
       */
      create: () => Promise<{ id: string; version: number; first: Patch; stale: Patch }>;
      /** What someone else does between the two saves. */
      meanwhile?: (id: string) => Promise<void>;
      /**
       * The first save, when it is not this procedure with `first` (deleting a record twice
       * finds none the second time: someone else changes it instead).
       */
      firstSave?: (id: string, version: number) => Promise<void>;
      /** The procedure's input, when it takes no `patch`. */
      input?: (id: string, version: number, patch: Patch) => unknown;
      /** Every row the update could write. */
      stored: (id: string) => Promise<unknown>;
    }

    const cases: Record<string, UpdateCase> = {
      'persons.update': {
        by: () => editor,
        async create() {
          const person = await newPerson('Gor Stalevyan');
          return {
            id: person.id,
            version: person.version,
            first: { rank: 'private' },
            stale: { rank: 'sergeant', birthDate: '1988', fatherName: 'Levon' },
          };
        },
        async stored(id) {
          return {
            person: await app.db.select().from(persons).where(eq(persons.id, id)),
            keys: await matchKeysOf(id),
          };
        },
      },
      'persons.delete': {
        by: () => admin,
        async create() {
          const person = await newPerson('Gor Deletedyan');
          return { id: person.id, version: person.version, first: {}, stale: {} };
        },
        // Someone edits the person after the admin opened it: the delete is refused.
        async firstSave(id, version) {
          await editor.caller.persons.update({ id, version, patch: { rank: 'private' } });
        },
        input: (id, version) => ({ id, version, reason: 'entered twice' }),
        stored: (id) => app.db.select().from(persons).where(eq(persons.id, id)),
      },
      'persons.restore': {
        by: () => admin,
        async create() {
          const person = await newPerson('Gor Restoredyan');
          await admin.caller.persons.delete({
            id: person.id,
            version: person.version,
            reason: 'entered twice',
          });
          return { id: person.id, version: person.version + 1, first: {}, stale: {} };
        },
        // Restored and deleted again by someone else meanwhile.
        async firstSave(id, version) {
          const restored = await admin.caller.persons.restore({ id, version });
          await admin.caller.persons.delete({ id, version: restored.version, reason: 'again' });
        },
        input: (id, version) => ({ id, version }),
        stored: (id) => app.db.select().from(persons).where(eq(persons.id, id)),
      },
      'persons.purge': {
        by: () => admin,
        async create() {
          const person = await newPerson('Gor Purgedyan');
          await admin.caller.persons.delete({
            id: person.id,
            version: person.version,
            reason: 'entered twice',
          });
          return { id: person.id, version: person.version + 1, first: {}, stale: {} };
        },
        // Restored and deleted again by someone else meanwhile: the purge was confirmed on
        // another version of the record.
        async firstSave(id, version) {
          const restored = await admin.caller.persons.restore({ id, version });
          await admin.caller.persons.delete({ id, version: restored.version, reason: 'again' });
        },
        input: (id, version) => ({ id, version, reason: 'consent withdrawn' }),
        stored: (id) => app.db.select().from(persons).where(eq(persons.id, id)),
      },
      'names.update': {
        by: () => editor,
        async create() {
          const person = await newPerson('Armen Stalenyan');
          const name = person.names[0]!;
          return {
            id: name.id,
            version: name.version,
            first: { value: 'Armen Stalenian' },
            stale: { value: 'Arsen Stalenyants', kind: 'alias' },
          };
        },
        async stored(id) {
          const name = await app.db.select().from(personNames).where(eq(personNames.id, id));
          return { name, keys: await matchKeysOf(name[0]!.personId) };
        },
      },
      'events.update': {
        by: () => editor,
        async create() {
          const subject = await newPerson('Vahe Staleventyan');
          const other = await newPerson('Ashot Staleventyan');
          const event = await editor.caller.events.create({
            type: 'capture',
            date: '2020-12-13',
            participants: [{ personId: subject.id, role: 'subject' }],
          });
          return {
            id: event.id,
            version: event.version,
            first: { place: 'Hadrut' },
            stale: {
              place: 'Shushi',
              date: '2020-11',
              participants: [{ personId: other.id, role: 'subject' }],
            },
          };
        },
        async stored(id) {
          return {
            event: await app.db.select().from(events).where(eq(events.id, id)),
            participants: await app.db
              .select()
              .from(eventParticipants)
              .where(eq(eventParticipants.eventId, id))
              .orderBy(asc(eventParticipants.personId)),
          };
        },
      },
      'sources.update': {
        by: () => editor,
        async create() {
          const source = await newSource('Stale report');
          return {
            id: source.id,
            version: source.version,
            first: { title: 'Stale report, corrected' },
            // A new address would mark the source for archiving and enqueue the job.
            stale: { title: 'Overwritten', url: 'https://example.org/stale-report' },
          };
        },
        stored: (id) => app.db.select().from(sources).where(eq(sources.id, id)),
      },
      'claims.update': {
        by: () => editor,
        async create() {
          const person = await newPerson('Karen Staleclaimyan');
          const source = await newSource('Stale claim source');
          const claim = await editor.caller.claims.create({
            sourceId: source.id,
            subjectType: 'person',
            personId: person.id,
            predicate: 'legal_category',
            value: 'hostage',
          });
          return {
            id: claim.id,
            version: claim.version,
            first: { credibility: 3 },
            // Saved over the accepted claim, it would send it back to review and recompute.
            stale: { credibility: 5, excerpt: 'overwritten' },
          };
        },
        async meanwhile(id) {
          const [task] = await app.db
            .select()
            .from(reviewTasks)
            .where(and(eq(reviewTasks.claimId, id), eq(reviewTasks.state, 'open')));
          const [claim] = await app.db.select().from(claims).where(eq(claims.id, id));
          await reviewer.caller.review.decide({
            taskId: task!.id,
            claimVersion: claim!.version,
            outcome: 'accepted',
            reason: 'checked against the list',
          });
        },
        async stored(id) {
          return {
            claim: await app.db.select().from(claims).where(eq(claims.id, id)),
            tasks: await app.db
              .select()
              .from(reviewTasks)
              .where(eq(reviewTasks.claimId, id))
              .orderBy(asc(reviewTasks.id)),
          };
        },
      },
      'counts.update': {
        by: () => editor,
        async create() {
          const source = await newSource('Stale count source');
          const countClaim = await editor.caller.counts.create({
            sourceId: source.id,
            claimant: 'Ministry',
            asOf: '2021-01',
            population: 'held_by_state_b',
            populationLabel: 'Held by state B',
            min: 10,
            max: 20,
          });
          return {
            id: countClaim.id,
            version: countClaim.version,
            first: { max: 25 },
            stale: { min: 30, max: 40, asOf: '2021-02' },
          };
        },
        stored: (id) => app.db.select().from(countClaims).where(eq(countClaims.id, id)),
      },
      'apiKeys.revoke': {
        by: () => admin,
        async create() {
          const { key } = await admin.caller.apiKeys.create({
            name: 'A partner (stale revocation)',
            scopes: ['persons:read'],
          });
          // A revocation changes nothing but the key's state: the second is refused as stale.
          return { id: key.id, version: key.version, first: {}, stale: {} };
        },
        stored: (id) => app.db.select().from(apiKeys).where(eq(apiKeys.id, id)),
      },
      'users.update': {
        by: () => admin,
        async create() {
          const username = `stale-${Math.random().toString(36).slice(2, 8)}`;
          const password = 'correct horse battery staple';
          const user = await admin.caller.users.create({ username, password, role: 'viewer' });
          await app.anonymous().auth.login({ username, password });
          return {
            id: user.id,
            version: user.version,
            first: { displayName: 'Renamed' },
            // Disabling would end the session opened above.
            stale: { disabled: true, role: 'reviewer' },
          };
        },
        async stored(id) {
          return {
            user: await app.db.select().from(users).where(eq(users.id, id)),
            sessions: await app.db.select().from(sessions).where(eq(sessions.userId, id)),
          };
        },
      },
    };

    it('knows how to set up every procedure that saves over a record, and no other', () => {
      expect(savingProcedures.length).toBeGreaterThanOrEqual(6);
      expect(Object.keys(cases).sort()).toEqual(savingProcedures);
    });

    it.each(savingProcedures)(
      '%s refuses a stale version with CONFLICT and changes nothing',
      async (path) => {
        const updateCase = cases[path];
        if (!updateCase) throw new Error(`${path} has no case here: add one to \`cases\``);
        const caller = updateCase.by().caller;
        const record = await updateCase.create();
        const input =
          updateCase.input ??
          ((id: string, version: number, patch: Patch) => ({ id, version, patch }));
        if (updateCase.firstSave) await updateCase.firstSave(record.id, record.version);
        else await call(caller, path, input(record.id, record.version, record.first));
        await updateCase.meanwhile?.(record.id);
        const before = await updateCase.stored(record.id);
        const audits = await auditCount();
        const jobs = await jobCount();

        await expect(
          call(caller, path, input(record.id, record.version, record.stale)),
        ).rejects.toMatchObject({ code: 'CONFLICT' });

        expect(await updateCase.stored(record.id)).toEqual(before);
        expect(await auditCount()).toBe(audits);
        expect(await jobCount()).toBe(jobs);
      },
    );
  });

  describe('changes that span records (TRUST 13)', () => {
    it('review.decide commits nothing when its last write fails: the claim stays pending, its task open, no audit entry, no job', async () => {
      const person = await newPerson('Samvel Atomicyan');
      const source = await newSource('Report of a capture');
      const event = await editor.caller.events.create({
        type: 'capture',
        date: '2020-12-13',
        participants: [{ personId: person.id, role: 'subject' }],
      });
      const claim = await editor.caller.claims.create({
        sourceId: source.id,
        subjectType: 'event',
        eventId: event.id,
        predicate: 'occurred',
        credibility: 2,
      });
      const [task] = await app.db
        .select()
        .from(reviewTasks)
        .where(and(eq(reviewTasks.claimId, claim.id), eq(reviewTasks.state, 'open')));
      const stored = async () => ({
        claim: await app.db.select().from(claims).where(eq(claims.id, claim.id)),
        task: await app.db.select().from(reviewTasks).where(eq(reviewTasks.id, task!.id)),
      });
      const jobs = async () => ({
        recompute: await jobsOf('persons.recompute-status', { personId: person.id }),
        assess: await jobsOf('claims.assess', { claimId: claim.id }),
        all: await jobCount(),
      });
      const before = { stored: await stored(), audits: await auditCount(), jobs: await jobs() };
      const decision = {
        taskId: task!.id,
        claimVersion: claim.version,
        outcome: 'accepted' as const,
        reason: 'Outlet A names the place and the unit',
      };

      // The decision's last write is the audit entry that closes its task: after the claim's
      // new state, its audit entry, the jobs and the task itself. The database refuses it.
      await app.db.execute(sql`
        CREATE FUNCTION refuse_decision_audit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION ${sql.raw(`'${REFUSAL}'`)}; END $$`);
      await app.db.execute(sql`
        CREATE TRIGGER refuse_decision_audit BEFORE INSERT ON audit_entries FOR EACH ROW
        WHEN (NEW.entity = 'review_task' AND NEW.action = 'decide'
          AND NEW.entity_id = ${idLiteral(task!.id)})
        EXECUTE FUNCTION refuse_decision_audit()`);
      let failure: unknown;
      try {
        failure = await reviewer.caller.review.decide(decision).catch((error: unknown) => error);
      } finally {
        await app.db.execute(sql`DROP TRIGGER refuse_decision_audit ON audit_entries`);
        await app.db.execute(sql`DROP FUNCTION refuse_decision_audit()`);
      }
      expect(failure).toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
      expect(messagesOf(failure).join(' | ')).toContain(REFUSAL);

      expect(await stored()).toEqual(before.stored);
      expect(before.stored.claim[0]?.reviewState).toBe('pending');
      expect(before.stored.task[0]?.state).toBe('open');
      expect(await auditCount()).toBe(before.audits);
      expect(await jobs()).toEqual(before.jobs);

      // Once the database takes it again, the same decision goes through whole.
      await reviewer.caller.review.decide(decision);
      const after = await stored();
      expect(after.claim[0]?.reviewState).toBe('accepted');
      expect(after.task[0]?.state).toBe('done');
      expect((await jobs()).recompute).toBe(before.jobs.recompute + 1);
    });

    it('matching.judge "same" merges nothing when its last write fails: no judgement, nothing moved or hidden, no audit entry, no job', async () => {
      const a = await newPerson('Hovhannes Atomyan');
      const b = await editor.caller.persons.create({
        names: [{ value: 'Ованес Атомян' }],
        sex: 'male',
        birthDate: '1990-05',
      });
      const source = await newSource('A list of the held');
      const event = await editor.caller.events.create({
        type: 'capture',
        date: '2020-12',
        participants: [{ personId: b.id, role: 'subject' }],
      });
      const personClaim = await editor.caller.claims.create({
        sourceId: source.id,
        subjectType: 'person',
        personId: b.id,
        predicate: 'legal_category',
        value: 'prisoner_of_war',
      });
      await openDuplicateTasks(app.db, [{ a: a.id, b: b.id, score: 1 }]);
      const pair = [a.id, b.id];
      const stored = async () => ({
        persons: await app.db
          .select()
          .from(persons)
          .where(inArray(persons.id, pair))
          .orderBy(asc(persons.id)),
        names: await app.db
          .select()
          .from(personNames)
          .where(inArray(personNames.personId, pair))
          .orderBy(asc(personNames.id)),
        claims: await app.db.select().from(claims).where(eq(claims.id, personClaim.id)),
        participants: await app.db
          .select()
          .from(eventParticipants)
          .where(eq(eventParticipants.eventId, event.id))
          .orderBy(asc(eventParticipants.personId)),
        tasks: await app.db
          .select()
          .from(reviewTasks)
          .where(
            and(
              eq(reviewTasks.kind, 'duplicate'),
              or(inArray(reviewTasks.personId, pair), inArray(reviewTasks.otherPersonId, pair)),
            ),
          )
          .orderBy(asc(reviewTasks.id)),
        judgements: await app.db
          .select()
          .from(matchJudgements)
          .where(
            or(inArray(matchJudgements.personA, pair), inArray(matchJudgements.personB, pair)),
          ),
        merges: await app.db.select().from(personMerges).where(eq(personMerges.mergedId, b.id)),
        keys: await matchKeysOf(a.id, b.id),
      });
      const jobs = async () => ({
        recompute: await jobsOf('persons.recompute-status', { personId: a.id }),
        all: await jobCount(),
      });
      const before = { stored: await stored(), audits: await auditCount(), jobs: await jobs() };
      expect(before.stored.tasks).toMatchObject([{ state: 'open' }]);
      const judgement = {
        a: a.id,
        b: b.id,
        verdict: 'same' as const,
        reason: 'same birth date, the names transliterate',
      };

      // The database refuses the merge's audit entry: by then the judgement, its audit entry,
      // the pair's task closed and the whole merge (names, claims, events moved, b hidden) are
      // written; only the recompute job would follow.
      await app.db.execute(sql`
        CREATE FUNCTION refuse_closing_judged_pair() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION ${sql.raw(`'${REFUSAL}'`)}; END $$`);
      await app.db.execute(sql`
        CREATE TRIGGER refuse_closing_judged_pair BEFORE INSERT ON audit_entries FOR EACH ROW
        WHEN (NEW.action = 'merge' AND NEW.entity_id = ${idLiteral(b.id)})
        EXECUTE FUNCTION refuse_closing_judged_pair()`);
      let failure: unknown;
      try {
        failure = await reviewer.caller.matching.judge(judgement).catch((error: unknown) => error);
      } finally {
        await app.db.execute(sql`DROP TRIGGER refuse_closing_judged_pair ON audit_entries`);
        await app.db.execute(sql`DROP FUNCTION refuse_closing_judged_pair()`);
      }
      expect(failure).toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
      expect(messagesOf(failure).join(' | ')).toContain(REFUSAL);

      expect(await stored()).toEqual(before.stored);
      expect(await auditCount()).toBe(before.audits);
      expect(await jobs()).toEqual(before.jobs);
      await expect(reviewer.caller.persons.get({ id: b.id })).resolves.toMatchObject({
        id: b.id,
      });

      // Once the database takes it again, the same judgement merges the pair whole.
      const judged = await reviewer.caller.matching.judge(judgement);
      expect(judged.mergeId).not.toBeNull();
      const after = await stored();
      expect(after.persons.find((p) => p.id === b.id)?.mergedInto).toBe(a.id);
      expect(after.names.every((n) => n.personId === a.id)).toBe(true);
      expect(after.claims[0]?.personId).toBe(a.id);
      expect(after.tasks).toMatchObject([{ state: 'done' }]);
      expect((await jobs()).recompute).toBe(before.jobs.recompute + 1);
    });
  });
});
