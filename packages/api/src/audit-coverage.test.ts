import { createHash } from 'node:crypto';
import { AUDIT_ACTIONS, type AuditAction } from '@vigil/domain';
import { auditEntries, users } from '@vigil/db';
import { testDatabaseKind } from '@vigil/db/testing';
import { desc, eq, gt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFromSession, login } from './auth/sessions.service.ts';
import { appRouter, createCaller } from './router.ts';
import { createTestApp, totpCode, type TestApp } from './testing.ts';
import { createUser } from './users/users.service.ts';

type AnyProcedure = { _def: { type: 'query' | 'mutation' | 'subscription' } };
const mutations = Object.entries(
  appRouter._def.procedures as unknown as Record<string, AnyProcedure>,
)
  .filter(([, procedure]) => procedure._def.type === 'mutation')
  .map(([path]) => path)
  .sort();

/** The address of every test context (see `createTestApp`). */
const CALLER_IP = '127.0.0.1';
/** The password `app.as()` gives every user it creates. */
const TEST_APP_PASSWORD = 'correct horse battery staple';

/** One successful call of a mutation, and the audit entry it must write. */
interface AuditedCall {
  /** Who the entry must name. */
  actorId: string;
  call: () => Promise<unknown>;
  action: AuditAction;
  entity: string;
  /** The id of the record changed, from the call's result, when the entry must name it. */
  entityIdOf?: (result: never) => string;
  /**
   * Values the call handles that no audit entry may hold, by what they are (a failure names
   * them, never shows them); asked for once the call has run.
   */
  secrets?: () => Promise<Record<string, string>>;
}

/** Keys whose values may only appear in a diff as the `[secret]` marker. */
const SECRET_KEY = /password|token|totp|secret|contentBase64|bytes/i;

/** Every key and string value in a JSON value, at any depth. */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => [key, ...stringsIn(item)]);
}

/** Paths of keys that name a secret and hold anything other than the `[secret]` marker. */
function secretKeysWithValues(value: unknown, path = 'diff'): string[] {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => {
    const here = `${path}.${key}`;
    if (SECRET_KEY.test(key)) {
      const markers = Array.isArray(item) ? item : [item];
      return markers.every((m) => m === '[secret]' || m === null) ? [] : [here];
    }
    return secretKeysWithValues(item, here);
  });
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe(`every mutation writes an audit entry (${testDatabaseKind})`, () => {
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

  let counter = 0;
  const unique = (prefix: string) => `${prefix}-${++counter}`;

  const passwordHashOf = async (userId: string) => {
    const [user] = await app.db
      .select({ passwordHash: users.passwordHash })
      .from(users)
      .where(eq(users.id, userId));
    return user!.passwordHash;
  };

  /** A staff member outside `app.as()`, with a password of their own and an open session. */
  async function staffMemberWithSession(role: 'viewer' | 'editor') {
    const username = unique(role);
    const password = `a password of ${username} 5512`;
    const user = await createUser(app.db, null, { username, password, role });
    const { token } = await login(app.db, { username, password }, CALLER_IP);
    return { user, username, password, token };
  }

  const person = (value = 'Karen Auditov') =>
    editor.caller.persons.create({
      names: [{ value }],
      familyContact: 'Mother Lusine, +374 94 555 0177',
    });
  const source = () =>
    editor.caller.sources.create({
      kind: 'testimony',
      title: 'Testimony of a released detainee',
      content: 'I saw him in the second cell on the ninth of December.',
    });
  async function claimWithTask() {
    const [p, s] = await Promise.all([person(), source()]);
    const claim = await editor.caller.claims.create({
      sourceId: s.id,
      subjectType: 'person',
      personId: p.id,
      predicate: 'legal_category',
      value: 'hostage',
    });
    const { items } = await reviewer.caller.review.list({ kind: 'claim' });
    return { claim, task: items.find((t) => t.claim?.id === claim.id)! };
  }
  const importedList = () =>
    editor.caller.imports.preview({
      format: 'csv',
      text: 'id,name,birth_date\nL1,Listed Auditovich,1980',
      sourceTitle: 'A published list',
    });

  /**
   * How to make one successful call of each mutation. A new mutation fails the first test below
   * until it is added here, so no procedure can change data without its audit entry being proved.
   */
  const table: Record<string, () => Promise<AuditedCall>> = {
    'auth.login': async () => {
      const username = unique('login');
      const password = 'a login password 4711';
      const user = await createUser(app.db, null, { username, password, role: 'viewer' });
      const tokens: string[] = [];
      const caller = createCaller({
        ...app.contextFor(null),
        setSessionCookie: (token) => {
          if (token) tokens.push(token);
        },
      });
      return {
        actorId: user.id,
        call: () => caller.auth.login({ username, password }),
        action: 'login',
        entity: 'session',
        secrets: async () => {
          expect(tokens).toHaveLength(1);
          return {
            'the password': password,
            'the password hash': await passwordHashOf(user.id),
            'the session token': tokens[0]!,
            'the stored hash of the session token': sha256(tokens[0]!),
          };
        },
      };
    },
    'auth.logout': async () => {
      const { user, password, token } = await staffMemberWithSession('viewer');
      const actor = (await actorFromSession(app.db, token))!;
      const caller = createCaller({ ...app.contextFor(actor), sessionToken: token });
      return {
        actorId: user.id,
        call: () => caller.auth.logout(),
        action: 'logout',
        entity: 'session',
        secrets: async () => ({
          'the password': password,
          'the password hash': await passwordHashOf(user.id),
          'the session token': token,
          'the stored hash of the session token': sha256(token),
        }),
      };
    },
    'auth.startTotpEnrolment': async () => {
      const { caller, actor } = await app.asUnenrolled('admin');
      let enrolment = { uri: '', secret: '' };
      return {
        actorId: actor.id,
        call: async () => (enrolment = await caller.auth.startTotpEnrolment()),
        action: 'update',
        entity: 'user',
        entityIdOf: () => actor.id,
        secrets: async () => ({
          'the TOTP secret': enrolment.secret,
          'the otpauth URI': enrolment.uri,
        }),
      };
    },
    'auth.confirmTotpEnrolment': async () => {
      const { caller, actor } = await app.asUnenrolled('editor');
      const { secret, uri } = await caller.auth.startTotpEnrolment();
      const code = totpCode(secret);
      return {
        actorId: actor.id,
        call: () => caller.auth.confirmTotpEnrolment({ code }),
        action: 'update',
        entity: 'user',
        entityIdOf: () => actor.id,
        secrets: async () => ({
          'the TOTP secret': secret,
          'the otpauth URI': uri,
          'the code': code,
        }),
      };
    },
    'auth.changePassword': async () => {
      const { user, password, token } = await staffMemberWithSession('viewer');
      const actor = (await actorFromSession(app.db, token))!;
      const caller = createCaller({ ...app.contextFor(actor), sessionToken: token });
      const newPassword = 'a changed password 6620';
      return {
        actorId: user.id,
        call: () => caller.auth.changePassword({ currentPassword: password, newPassword }),
        action: 'change_password',
        entity: 'user',
        secrets: async () => ({
          'the old password': password,
          'the new password': newPassword,
          'the new password hash': await passwordHashOf(user.id),
          'the session token': token,
        }),
      };
    },
    'users.resetPassword': async () => {
      const { user, password } = await staffMemberWithSession('editor');
      const newPassword = 'a reset password 1048';
      return {
        actorId: admin.actor.id,
        call: () => admin.caller.users.resetPassword({ id: user.id, newPassword }),
        action: 'reset_password',
        entity: 'user',
        entityIdOf: (reset: { id: string }) => reset.id,
        secrets: async () => ({
          'the old password': password,
          'the new password': newPassword,
          'the new password hash': await passwordHashOf(user.id),
        }),
      };
    },
    'users.resetSecondFactor': async () => {
      const { caller, actor } = await app.asUnenrolled('viewer');
      const { secret } = await caller.auth.startTotpEnrolment();
      const code = totpCode(secret);
      await caller.auth.confirmTotpEnrolment({ code });
      return {
        actorId: admin.actor.id,
        call: () => admin.caller.users.resetSecondFactor({ id: actor.id }),
        action: 'update',
        entity: 'user',
        entityIdOf: (reset: { id: string }) => reset.id,
        secrets: async () => ({ 'the TOTP secret': secret, 'the last code': code }),
      };
    },
    'users.create': async () => {
      const password = 'the new staff password 9921';
      let created = '';
      return {
        actorId: admin.actor.id,
        call: async () => {
          const user = await admin.caller.users.create({
            username: unique('new-staff'),
            password,
            role: 'viewer',
          });
          created = user.id;
          return user;
        },
        action: 'create',
        entity: 'user',
        entityIdOf: (user: { id: string }) => user.id,
        secrets: async () => ({
          'the new password': password,
          'the new password hash': await passwordHashOf(created),
        }),
      };
    },
    'users.update': async () => {
      const { user, password, token } = await staffMemberWithSession('editor');
      return {
        actorId: admin.actor.id,
        call: () =>
          admin.caller.users.update({
            id: user.id,
            version: user.version,
            patch: { disabled: true, clearance: 'partner' },
          }),
        action: 'update',
        entity: 'user',
        entityIdOf: (updated: { id: string }) => updated.id,
        secrets: async () => ({
          'the password': password,
          'the password hash': await passwordHashOf(user.id),
          'the session token': token,
          'the stored hash of the session token': sha256(token),
        }),
      };
    },
    'persons.create': async () => ({
      actorId: editor.actor.id,
      call: () => person(),
      action: 'create',
      entity: 'person',
      entityIdOf: (created: { id: string }) => created.id,
    }),
    'persons.update': async () => {
      const { id, version } = await person();
      return {
        actorId: editor.actor.id,
        call: () => editor.caller.persons.update({ id, version, patch: { unit: 'Unit 7' } }),
        action: 'update',
        entity: 'person',
        entityIdOf: (updated: { id: string }) => updated.id,
      };
    },
    'persons.exportSubjectAccess': async () => {
      const { id } = await person();
      return {
        actorId: admin.actor.id,
        call: () => admin.caller.persons.exportSubjectAccess({ id }),
        action: 'export',
        entity: 'person',
        entityIdOf: () => id,
        secrets: async () => ({ 'the family contact': 'Mother Lusine, +374 94 555 0177' }),
      };
    },
    'persons.exportRegistry': async () => {
      await person('Aram Exportauditov');
      return {
        actorId: editor.actor.id,
        call: () => editor.caller.persons.exportRegistry({ format: 'csv', q: 'Exportauditov' }),
        action: 'export',
        entity: 'registry',
        // The entry says how many, in which format, with which filters: never who, nor the search.
        secrets: async () => ({
          'a name exported': 'Aram Exportauditov',
          'the search typed': 'Exportauditov',
          'the family contact': 'Mother Lusine, +374 94 555 0177',
        }),
      };
    },
    'apiKeys.create': async () => {
      let token = '';
      return {
        actorId: admin.actor.id,
        call: async () => {
          const created = await admin.caller.apiKeys.create({
            name: unique('partner'),
            scopes: ['persons:read'],
          });
          token = created.token;
          return created;
        },
        action: 'create',
        entity: 'api_key',
        entityIdOf: (created: { key: { id: string } }) => created.key.id,
        secrets: async () => ({ 'the key': token, "the key's secret": token.slice(-43) }),
      };
    },
    'apiKeys.revoke': async () => {
      const { key } = await admin.caller.apiKeys.create({
        name: unique('partner'),
        scopes: ['persons:read'],
      });
      return {
        actorId: admin.actor.id,
        call: () => admin.caller.apiKeys.revoke({ id: key.id, version: key.version }),
        action: 'update',
        entity: 'api_key',
        entityIdOf: () => key.id,
      };
    },
    'persons.delete': async () => {
      const { id, version } = await person();
      return {
        actorId: admin.actor.id,
        call: () => admin.caller.persons.delete({ id, version, reason: 'entered by mistake' }),
        action: 'delete',
        entity: 'person',
        entityIdOf: (deleted: { id: string }) => deleted.id,
      };
    },
    'persons.restore': async () => {
      const { id, version } = await person();
      await admin.caller.persons.delete({ id, version, reason: 'entered by mistake' });
      return {
        actorId: admin.actor.id,
        call: () => admin.caller.persons.restore({ id, version: version + 1 }),
        action: 'update',
        entity: 'person',
        entityIdOf: (restored: { id: string }) => restored.id,
      };
    },
    'persons.purge': async () => {
      const { id, version } = await person();
      await admin.caller.persons.delete({ id, version, reason: 'entered by mistake' });
      return {
        actorId: admin.actor.id,
        call: () =>
          admin.caller.persons.purge({ id, version: version + 1, reason: 'consent withdrawn' }),
        action: 'purge',
        entity: 'person',
        entityIdOf: (purged: { id: string }) => purged.id,
      };
    },
    'names.create': async () => {
      const { id } = await person();
      return {
        actorId: editor.actor.id,
        call: () => editor.caller.names.create({ personId: id, value: 'Карен', kind: 'alias' }),
        action: 'create',
        entity: 'name',
        entityIdOf: (created: { id: string }) => created.id,
      };
    },
    'names.update': async () => {
      const { names } = await person();
      const { id, version } = names[0]!;
      return {
        actorId: editor.actor.id,
        call: () => editor.caller.names.update({ id, version, patch: { value: 'Karen Audityan' } }),
        action: 'update',
        entity: 'name',
        entityIdOf: (updated: { id: string }) => updated.id,
      };
    },
    'events.create': async () => {
      const { id } = await person();
      return {
        actorId: editor.actor.id,
        call: () =>
          editor.caller.events.create({
            type: 'capture',
            date: '2020-12',
            participants: [{ personId: id }],
          }),
        action: 'create',
        entity: 'event',
        entityIdOf: (created: { id: string }) => created.id,
      };
    },
    'events.update': async () => {
      const { id: personId } = await person();
      const { id, version } = await editor.caller.events.create({
        type: 'capture',
        date: '2020-12',
        participants: [{ personId }],
      });
      return {
        actorId: editor.actor.id,
        call: () => editor.caller.events.update({ id, version, patch: { date: '2020-12-13' } }),
        action: 'update',
        entity: 'event',
        entityIdOf: (updated: { id: string }) => updated.id,
      };
    },
    'sources.create': async () => ({
      actorId: editor.actor.id,
      call: () => source(),
      action: 'create',
      entity: 'source',
      entityIdOf: (created: { id: string }) => created.id,
      // The document's text is the raw body of the request: the entry only says there is one.
      secrets: async () => ({
        'the document text': 'I saw him in the second cell on the ninth of December.',
      }),
    }),
    'sources.update': async () => {
      const { id, version } = await source();
      const content = 'He was moved to the third cell on the tenth of December.';
      return {
        actorId: editor.actor.id,
        call: () => editor.caller.sources.update({ id, version, patch: { content } }),
        action: 'update',
        entity: 'source',
        entityIdOf: (updated: { id: string }) => updated.id,
        secrets: async () => ({
          'the new document text': content,
          'the earlier document text': 'I saw him in the second cell on the ninth of December.',
        }),
      };
    },
    'sources.uploadFile': async () => {
      const { id } = await source();
      const bytes = 'Statement of a witness: the guard called him by his first name.';
      const contentBase64 = Buffer.from(bytes).toString('base64');
      return {
        actorId: editor.actor.id,
        call: () =>
          editor.caller.sources.uploadFile({
            sourceId: id,
            filename: 'statement.txt',
            mediaType: 'text/plain',
            contentBase64,
          }),
        action: 'create',
        entity: 'source_file',
        entityIdOf: (file: { id: string }) => file.id,
        secrets: async () => ({ 'the file bytes': bytes, 'the file as base64': contentBase64 }),
      };
    },
    'claims.create': async () => {
      const [p, s] = await Promise.all([person(), source()]);
      return {
        actorId: editor.actor.id,
        call: () =>
          editor.caller.claims.create({
            sourceId: s.id,
            subjectType: 'person',
            personId: p.id,
            predicate: 'legal_category',
            value: 'hostage',
          }),
        action: 'create',
        entity: 'claim',
        entityIdOf: (created: { id: string }) => created.id,
      };
    },
    'claims.update': async () => {
      const { claim } = await claimWithTask();
      return {
        actorId: editor.actor.id,
        call: () =>
          editor.caller.claims.update({
            id: claim.id,
            version: claim.version,
            patch: { excerpt: 'held as a hostage' },
          }),
        action: 'update',
        entity: 'claim',
        entityIdOf: (updated: { id: string }) => updated.id,
      };
    },
    'counts.create': async () => {
      const { id } = await source();
      return {
        actorId: editor.actor.id,
        call: () =>
          editor.caller.counts.create({
            sourceId: id,
            claimant: 'Ombudsman',
            asOf: '2021-01',
            population: 'held_by_state_b',
            populationLabel: 'Held by state B',
            min: 20,
            max: 25,
          }),
        action: 'create',
        entity: 'count_claim',
        entityIdOf: (created: { id: string }) => created.id,
      };
    },
    'counts.update': async () => {
      const { id: sourceId } = await source();
      const { id, version } = await editor.caller.counts.create({
        sourceId,
        claimant: 'Ombudsman',
        asOf: '2021-01',
        population: 'held_by_state_b',
        populationLabel: 'Held by state B',
        min: 20,
        max: 25,
      });
      return {
        actorId: editor.actor.id,
        call: () => editor.caller.counts.update({ id, version, patch: { max: 30 } }),
        action: 'update',
        entity: 'count_claim',
        entityIdOf: (updated: { id: string }) => updated.id,
      };
    },
    'review.assign': async () => {
      const { task } = await claimWithTask();
      return {
        actorId: reviewer.actor.id,
        call: () => reviewer.caller.review.assign({ taskId: task.id }),
        action: 'update',
        entity: 'review_task',
        entityIdOf: (assigned: { id: string }) => assigned.id,
      };
    },
    'review.decide': async () => {
      const { task } = await claimWithTask();
      return {
        actorId: reviewer.actor.id,
        call: () =>
          reviewer.caller.review.decide({
            taskId: task.id,
            claimVersion: task.claim!.version,
            outcome: 'accepted',
            reason: 'the testimony is detailed',
          }),
        action: 'decide',
        entity: 'review_task',
        entityIdOf: (decided: { id: string }) => decided.id,
      };
    },
    'imports.preview': async () => ({
      actorId: editor.actor.id,
      call: () => importedList(),
      action: 'create',
      entity: 'import',
      entityIdOf: (preview: { id: string }) => preview.id,
      // The list is the request's raw body: the entry holds its size, not its rows.
      secrets: async () => ({
        'a name from the list': 'Listed Auditovich',
        'a row of the list': 'L1,Listed Auditovich,1980',
      }),
    }),
    'imports.confirm': async () => {
      const { id } = await importedList();
      return {
        actorId: editor.actor.id,
        call: () => editor.caller.imports.confirm({ importId: id }),
        action: 'update',
        entity: 'import',
        entityIdOf: (confirmed: { id: string }) => confirmed.id,
      };
    },
    'matching.judge': async () => {
      const [a, b] = await Promise.all([person('Aram Judgedyan'), person('Aram Judgedian')]);
      return {
        actorId: reviewer.actor.id,
        call: () =>
          reviewer.caller.matching.judge({
            a: a.id,
            b: b.id,
            verdict: 'different',
            reason: 'different fathers',
          }),
        action: 'decide',
        entity: 'match_judgement',
        entityIdOf: (judged: { judgementId: string }) => judged.judgementId,
      };
    },
    'matching.undo': async () => {
      const [a, b] = await Promise.all([person('Aram Undoyan'), person('Aram Undoian')]);
      const { judgementId } = await reviewer.caller.matching.judge({
        a: a.id,
        b: b.id,
        verdict: 'same',
        reason: 'same birth date',
      });
      return {
        actorId: reviewer.actor.id,
        call: () => reviewer.caller.matching.undo({ judgementId }),
        action: 'update',
        entity: 'match_judgement',
        entityIdOf: (undone: { judgementId: string }) => undone.judgementId,
      };
    },
    'matching.scan': async () => ({
      actorId: reviewer.actor.id,
      call: () => reviewer.caller.matching.scan(),
      action: 'create',
      entity: 'job',
    }),
    'submissions.wgeidCaseFile': async () => {
      const p = await person('Aram Casefileyan');
      return {
        actorId: editor.actor.id,
        call: () =>
          editor.caller.submissions.wgeidCaseFile({
            personId: p.id,
            stepsTaken: 'Letters to the ICRC',
            submitter: { name: 'A documentation NGO', contact: 'cases@example.org' },
            include: ['birthDate'],
          }),
        action: 'export',
        entity: 'person',
        entityIdOf: () => p.id,
        // The submitter's contact is in the document, not in the log.
        secrets: async () => ({ "the submitter's contact": 'cases@example.org' }),
      };
    },
  };

  it('knows how to call every mutation of the API, so none can skip this test', () => {
    expect(mutations.length).toBeGreaterThan(20);
    expect(Object.keys(table).sort()).toEqual(mutations);
  });

  it.each(mutations)(
    '%s writes an audit entry naming who, what and from where, with no secret in it',
    async (path) => {
      const prepare = table[path];
      if (!prepare) throw new Error(`${path} is a mutation with no way to call it in this table`);
      const audited = await prepare();
      const [last] = await app.db
        .select({ seq: auditEntries.seq })
        .from(auditEntries)
        .orderBy(desc(auditEntries.seq))
        .limit(1);
      const result = await audited.call();
      const written = await app.db
        .select()
        .from(auditEntries)
        .where(gt(auditEntries.seq, last?.seq ?? 0))
        .orderBy(auditEntries.seq);

      expect(written.length, 'entries written').toBeGreaterThan(0);
      const expected = {
        actorId: audited.actorId,
        action: audited.action,
        entity: audited.entity,
        ip: CALLER_IP,
        ...(audited.entityIdOf ? { entityId: audited.entityIdOf(result as never) } : {}),
      };
      expect(written).toContainEqual(expect.objectContaining(expected));
      // Everything the call wrote says who did it and from where.
      for (const entry of written) {
        expect(entry.actorId, `entry ${entry.seq}`).toBe(audited.actorId);
        expect(entry.ip, `entry ${entry.seq}`).toBe(CALLER_IP);
        expect(AUDIT_ACTIONS, `entry ${entry.seq}`).toContain(entry.action);
        expect(entry.entity, `entry ${entry.seq}`).not.toBe('');
        expect(entry.at.getTime()).not.toBeNaN();
      }

      const secrets: Record<string, string> = {
        "the actor's password": TEST_APP_PASSWORD,
        "the actor's password hash": await passwordHashOf(audited.actorId),
        ...(await audited.secrets?.()),
      };
      const leaks = written.flatMap((entry) => [
        ...secretKeysWithValues(entry.diff).map((key) => `entry ${entry.seq}: ${key} has a value`),
        ...Object.entries(secrets)
          .filter(([, secret]) => stringsIn(entry).some((text) => text.includes(secret)))
          .map(([what]) => `entry ${entry.seq} holds ${what}`),
      ]);
      expect(leaks).toEqual([]);
    },
  );

  it('audits a failed login with who and from where, without the password tried', async () => {
    const { user, username } = await staffMemberWithSession('viewer');
    const [last] = await app.db
      .select({ seq: auditEntries.seq })
      .from(auditEntries)
      .orderBy(desc(auditEntries.seq))
      .limit(1);
    const wrong = 'a wrong password 0042';
    await expect(app.anonymous().auth.login({ username, password: wrong })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    const written = await app.db
      .select()
      .from(auditEntries)
      .where(gt(auditEntries.seq, last?.seq ?? 0));
    expect(written).toEqual([
      expect.objectContaining({
        actorId: user.id,
        action: 'login_failed',
        entity: 'session',
        ip: CALLER_IP,
      }),
    ]);
    expect(
      stringsIn(written[0]).some((text) => text.includes(wrong)),
      'the entry holds the password tried',
    ).toBe(false);
  });
});
