import { TRPCError } from '@trpc/server';
import fc from 'fast-check';
import { auditEntries } from '@vigil/db';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from './router.ts';
import { createTestApp, type TestApp } from './testing.ts';

/**
 * TRUST 25: malformed, oversized, wrongly typed or hostile input gets a clear 4xx naming the
 * field, never a 500, at every procedure.
 */
const HOSTILE: unknown[] = [
  undefined,
  null,
  'text',
  42,
  [],
  {},
  { id: "' OR 1=1 --" },
  { id: '00000000-0000-4000-8000-000000000000' },
  { q: "'; DROP TABLE persons; --" },
  { q: '%_\\' },
  { q: 'x'.repeat(10_000_000) },
  { names: [{ value: '<script>alert(1)</script>' }] },
  { names: [{ value: 'a'.repeat(10_000_000) }] },
  { names: [{ value: 'Ga\u0000ik' }] },
  { limit: -1 },
  { limit: 1e12 },
  { limit: 'all' },
  { cursor: 'not a cursor' },
  { cursor: Buffer.from('["a"]').toString('base64url') },
  { id: { $ne: null } },
  { birthDate: '2020-02-30', names: [{ value: 'X' }] },
  { format: 'csv', text: 'id,name\n1,"broken', sourceTitle: 'T' },
  { format: 'csv', text: '\uFFFD\uFFFD', sourceTitle: 'T' },
  { format: 'json', q: "'; DROP TABLE persons; --", sex: 'male' },
  { format: 'csv', q: '=HYPERLINK("http://x")', status: '%_\\' },
  { taskId: 'x', outcome: 'accepted', reason: 'r' },
  {
    a: '00000000-0000-4000-8000-000000000000',
    b: '00000000-0000-4000-8000-000000000000',
    verdict: 'same',
    reason: 'same',
  },
  {
    sourceId: '00000000-0000-4000-8000-000000000000',
    subjectType: 'person',
    predicate: 'legal_category',
    value: { nested: ['x'] },
  },
  {
    contentBase64: '!!!',
    sourceId: '00000000-0000-4000-8000-000000000000',
    filename: 'a',
    mediaType: 'text/plain',
  },
  Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, i])),
];

type AnyProcedure = { _def: { type: string } };
const paths = Object.keys(
  appRouter._def.procedures as unknown as Record<string, AnyProcedure>,
).filter((p) => p !== 'auth.logout');

describe('hostile input at every procedure', () => {
  let app: TestApp;
  let admin: Awaited<ReturnType<TestApp['as']>>;
  beforeAll(async () => {
    app = await createTestApp();
    admin = await app.as('admin');
  });
  afterAll(async () => app?.close());

  it.each(paths)('%s answers hostile input with a 4xx, never a 500', async (path) => {
    const fn = path.split('.').reduce<any>((node, key) => node[key], admin.caller);
    for (const input of HOSTILE) {
      try {
        await fn(input);
      } catch (error) {
        expect(error, `${path} with ${JSON.stringify(input)?.slice(0, 80)}`).toBeInstanceOf(
          TRPCError,
        );
        const { code, message } = error as TRPCError;
        expect(code, `${path}: ${message.slice(0, 200)}`).not.toBe('INTERNAL_SERVER_ERROR');
        if (code === 'BAD_REQUEST') expect(message.length, path).toBeLessThan(2000);
      }
    }
  });

  /** Keys the procedures read, so that random inputs reach past the first missing field. */
  const FIELDS = [
    'id',
    'q',
    'names',
    'value',
    'text',
    'format',
    'sourceTitle',
    'cursor',
    'limit',
    'personId',
    'sourceId',
    'claimId',
    'eventId',
    'taskId',
    'importId',
    'judgementId',
    'a',
    'b',
    'verdict',
    'reason',
    'outcome',
    'type',
    'date',
    'participants',
    'predicate',
    'subjectType',
    'birthDate',
    'version',
    'patch',
    'kind',
    'state',
    'filename',
    'mediaType',
    'contentBase64',
    'username',
    'password',
    'role',
    'clearance',
    'sensitivity',
    'withRows',
    'acceptAutomatic',
    'entity',
  ] as const;
  const hostileValue = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.constantFrom(
      ...HOSTILE.filter((h): h is Record<string, unknown> => !!h && typeof h === 'object')
        .flatMap((h) => Object.values(h))
        .filter((v) => typeof v !== 'string' || v.length < 1000),
    ),
    fc.uuid(),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.oneof(fc.string({ maxLength: 10 }), fc.object({ maxDepth: 1 })), {
      maxLength: 3,
    }),
    fc.object({ maxDepth: 1 }),
  );
  const hostileInput = fc.oneof(
    fc.anything({ maxDepth: 2 }),
    fc.dictionary(fc.constantFrom(...FIELDS), hostileValue, { maxKeys: 6 }),
  );

  it('answers thousands of generated inputs, 50 at every procedure, with a 4xx, never a 500', async () => {
    let calls = 0;
    for (const [n, path] of paths.entries()) {
      const fn = path.split('.').reduce<any>((node, key) => node[key], admin.caller);
      for (const input of fc.sample(hostileInput, { numRuns: 50, seed: 25 + n })) {
        calls++;
        try {
          await fn(input);
        } catch (error) {
          expect(error, `${path} with ${JSON.stringify(input)?.slice(0, 120)}`).toBeInstanceOf(
            TRPCError,
          );
          const { code, message } = error as TRPCError;
          expect(code, `${path} with ${JSON.stringify(input)?.slice(0, 120)}: ${message}`).not.toBe(
            'INTERNAL_SERVER_ERROR',
          );
        }
      }
    }
    expect(calls).toBeGreaterThanOrEqual(2000);
  });

  it('leaves no partial write behind a refused input', async () => {
    const [before] = await app.db.select({ n: count() }).from(auditEntries);
    await expect(
      admin.caller.persons.create({ names: [{ value: 'Valid Name' }, { value: '' }] }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      admin.caller.events.create({
        type: 'capture',
        participants: [{ personId: '00000000-0000-4000-8000-000000000000' }],
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('participants.0.personId'),
    });
    const [after] = await app.db.select({ n: count() }).from(auditEntries);
    expect(after?.n).toBe(before?.n);
  });
});

describe('regression: a NUL character in text', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => app?.close());

  // PostgreSQL text cannot hold NUL: free text (notes, a family contact) and searches reached
  // the database with it and failed there as a 500.
  it('refuses NUL in any text as bad input naming the field, and stores nothing', async () => {
    const { caller } = await app.as('admin');
    const [before] = await app.db.select({ n: count() }).from(auditEntries);
    // Each call is made when it is awaited, so that no rejection waits unhandled for its turn.
    const attempts: [() => Promise<unknown>, string][] = [
      [
        () => caller.persons.create({ names: [{ value: 'Aram Nulyan' }], notes: 'a\u0000b' }),
        'notes',
      ],
      [
        () =>
          caller.persons.create({ names: [{ value: 'Aram Nulyan' }], familyContact: 'x\u0000' }),
        'familyContact',
      ],
      [
        () => caller.sources.create({ kind: 'testimony', title: 'T', content: '\u0000' }),
        'content',
      ],
      [() => caller.persons.list({ q: 'Ar\u0000am' }), 'q'],
      [() => caller.persons.exportRegistry({ format: 'csv', q: 'Ar\u0000am' }), 'q'],
      [() => app.anonymous().auth.login({ username: 'ad\u0000min', password: 'x' }), 'username'],
    ];
    for (const [attempt, field] of attempts)
      await expect(attempt()).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.stringContaining(field),
      });
    const [after] = await app.db.select({ n: count() }).from(auditEntries);
    expect(after?.n).toBe(before?.n);
  });
});

describe('regression: forged cursors', () => {
  let app: TestApp;
  let viewer: Awaited<ReturnType<TestApp['as']>>;
  beforeAll(async () => {
    app = await createTestApp();
    viewer = await app.as('viewer');
  });
  afterAll(async () => app?.close());

  const forge = (key: unknown[]) => Buffer.from(JSON.stringify(key)).toString('base64url');

  it.each([
    ['claims.list', forge(['not-a-uuid'])],
    ['persons.list', forge(['a', 'not-a-uuid'])],
    ['counts.list', forge(['not-a-day', '00000000-0000-4000-8000-000000000000'])],
    ['events.list', forge(['2020-01-01', "' OR 1=1"])],
  ])('%s refuses a forged cursor as bad input naming the cursor', async (path, cursor) => {
    const fn = path.split('.').reduce<any>((node, key) => node[key], viewer.caller);
    await expect(fn({ cursor })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'cursor: is not a cursor this list gave out',
    });
  });
});
