import { claims, imports, persons, reviewTasks, seedDemoData, sources } from '@vigil/db';
import { testDatabaseKind } from '@vigil/db/testing';
import { startWorker } from '@vigil/jobs';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, until, type TestApp } from '../testing.ts';
import { INLINE_DRY_RUN_ROWS } from './imports.service.ts';

describe(`importing a published list (${testDatabaseKind})`, () => {
  let app: TestApp;
  let editor: Awaited<ReturnType<TestApp['as']>>;
  beforeAll(async () => {
    app = await createTestApp();
    await seedDemoData(app.db);
    await startWorker(app.queue, { db: app.db, files: app.files }, { pollingIntervalSeconds: 0.5 });
    editor = await app.as('editor');
  });
  afterAll(async () => app?.close());

  const list = [
    'id,name,birth_date',
    'L1,АКОПЯН Нарек,1987-03-03',
    'L2,Narek Hakopian,',
    'L3,Zoravar Newcomeryan,1970',
  ].join('\n');

  it('shows a dry run of new, matched and ambiguous rows and changes nothing', async () => {
    const before = (await app.db.select().from(persons)).length;
    const preview = await editor.caller.imports.preview({
      format: 'csv',
      text: list,
      sourceTitle: 'List published by an outlet (test)',
    });
    expect(preview.counts).toEqual({ match: 1, review: 1, new: 1 });
    const l1 = preview.rows!.find((r) => r.id === 'L1')!;
    expect(l1.decision).toBe('match');
    expect(l1.candidates[0]).toMatchObject({ id: l1.match, name: 'Նարեկ Հակոբյան' });
    expect((await app.db.select().from(persons)).length).toBe(before);
  });

  it('applies a confirmed import whole: the list becomes a source, each row a claim, ambiguous rows review tasks', async () => {
    const preview = await editor.caller.imports.preview({
      format: 'csv',
      text: list,
      sourceTitle: 'Second list (test)',
      filename: 'list.csv',
    });
    await editor.caller.imports.confirm({ importId: preview.id, acceptAutomatic: true });
    const done = await until(async () => {
      const now = await editor.caller.imports.get({ id: preview.id });
      return now.state === 'applied' || now.state === 'failed' ? now : null;
    });
    expect(done).toMatchObject({
      state: 'applied',
      processed: 3,
      total: 3,
      summary: { created: 2, linked: 1, toReview: 1, claims: 3, chosen: 0, repeats: 0 },
    });
    const [source] = await app.db.select().from(sources).where(eq(sources.id, done.sourceId!));
    expect(source?.content).toBe(list);
    // The list is also the source's file, kept by SHA-256 as any source document.
    const sourcePage = await editor.caller.sources.get({ id: done.sourceId! });
    expect(sourcePage.files).toEqual([
      expect.objectContaining({
        filename: 'list.csv',
        mediaType: 'text/csv',
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      }),
    ]);
    expect(
      await app.db.select().from(claims).where(eq(claims.sourceId, done.sourceId!)),
    ).toHaveLength(3);
    const tasks = await app.db
      .select()
      .from(reviewTasks)
      .where(eq(reviewTasks.sourceId, done.sourceId!));
    // One duplicate task per ambiguous row (with its candidates), one review of the list's claims.
    expect(tasks.filter((t) => t.kind === 'duplicate').length).toBeGreaterThanOrEqual(1);
    expect(tasks.filter((t) => t.kind === 'claim' && !t.claimId)).toHaveLength(1);
    const narek = await editor.caller.persons.list({ q: 'АКОПЯН' });
    expect(narek.items.length).toBeGreaterThanOrEqual(1);
    await expect(editor.caller.imports.confirm({ importId: preview.id })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('matches a long list in the worker, with progress, instead of while the user waits', async () => {
    // Fictional surnames made of letters only: Listoaayan, Listoabyan, …
    const letters = (i: number) =>
      String.fromCharCode(97 + (Math.floor(i / 26) % 26)) + String.fromCharCode(97 + (i % 26));
    const names = Array.from(
      { length: INLINE_DRY_RUN_ROWS + 1 },
      (_, i) => `Aram Listo${letters(i)}yan`,
    );
    const preview = await editor.caller.imports.preview({
      format: 'lines',
      text: names.join('\n'),
      sourceTitle: 'A long list (test)',
    });
    // Right after the request the worker has at most begun.
    expect(preview).toMatchObject({ state: 'matching', total: names.length, rows: undefined });
    expect(preview.processed).toBeLessThan(names.length);
    const done = await until(async () => {
      const now = await editor.caller.imports.get({ id: preview.id, withRows: true });
      return now.state === 'previewed' || now.state === 'failed' ? now : null;
    });
    expect(done.state).toBe('previewed');
    expect(done.processed).toBe(names.length);
    expect(done.counts.new + done.counts.match + done.counts.review).toBe(names.length);
    expect(done.rows?.map((r) => r.name)).toEqual(names);
  });

  it('refuses to confirm an import whose dry run has not finished', async () => {
    const [matching] = await app.db
      .insert(imports)
      .values({
        state: 'matching',
        format: 'lines',
        text: 'Aram Listovyan',
        rows: [{ line: 1, id: '1', name: 'Aram Listovyan' }],
        total: 1,
        sourceTitle: 'Still matching (test)',
        createdBy: editor.actor.id,
      })
      .returning();
    await expect(editor.caller.imports.confirm({ importId: matching!.id })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('dry run'),
    });
  });

  it('marks a short list failed when its dry run fails while the user waits, instead of leaving it matching', async () => {
    // A real failure at the dry run's last write: the database refuses to record its result.
    await app.db.execute(sql`
      CREATE FUNCTION refuse_doomed_preview() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'disk full (test)'; END $$`);
    await app.db.execute(sql`
      CREATE TRIGGER refuse_doomed_preview BEFORE UPDATE ON imports FOR EACH ROW
      WHEN (NEW.state = 'previewed' AND NEW.source_title = 'Doomed list (test)')
      EXECUTE FUNCTION refuse_doomed_preview()`);
    try {
      await expect(
        editor.caller.imports.preview({
          format: 'lines',
          text: 'Aram Doomedyan',
          sourceTitle: 'Doomed list (test)',
        }),
      ).rejects.toThrow();
    } finally {
      await app.db.execute(sql`DROP TRIGGER refuse_doomed_preview ON imports`);
      await app.db.execute(sql`DROP FUNCTION refuse_doomed_preview()`);
    }
    const [doomed] = await app.db
      .select()
      .from(imports)
      .where(eq(imports.sourceTitle, 'Doomed list (test)'));
    expect(doomed).toMatchObject({
      state: 'failed',
      error: expect.stringContaining('dry run could not be finished'),
    });
  });

  it("puts the list's claims up for one review, decided by someone other than the importer", async () => {
    const preview = await editor.caller.imports.preview({
      format: 'lines',
      text: 'Vache Listovyan\nSero Listovyan',
      sourceTitle: 'Third list (test)',
    });
    await editor.caller.imports.confirm({ importId: preview.id });
    const done = await until(async () => {
      const now = await editor.caller.imports.get({ id: preview.id });
      return now.state === 'applied' ? now : null;
    });
    const task = (await editor.caller.review.list({ kind: 'claim' })).items.find(
      (t) => t.sourceId === done.sourceId && !t.claim,
    );
    expect(task?.detail).toContain('2 name claims');
    await expect(
      editor.caller.review.decide({ taskId: task!.id, outcome: 'accepted', reason: 'checked' }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('four eyes'),
    });
    const reviewer = await app.as('reviewer');
    await reviewer.caller.review.decide({
      taskId: task!.id,
      outcome: 'accepted',
      reason: 'The list matches the outlet’s publication',
    });
    const listed = await reviewer.caller.claims.list({ sourceId: done.sourceId! });
    expect(listed.items.map((c) => c.reviewState)).toEqual(['accepted', 'accepted']);
  });

  it('never shows, nor links a row to, a person above the importer’s clearance', async () => {
    const { caller: admin } = await app.as('admin');
    const guarded = await admin.persons.create({
      names: [{ value: 'Սմբատ Գալստյան' }],
      birthDate: '1982-02-02',
      fatherName: 'Արտակ',
      sensitivity: 'restricted',
    });
    const text = 'id,name,birth_date,father_name\nG1,Smbat Galstyan,1982-02-02,Artak';
    const asAdmin = await admin.imports.preview({
      format: 'csv',
      text,
      sourceTitle: 'Guarded (test)',
    });
    expect(asAdmin.rows![0]).toMatchObject({ decision: 'match', match: guarded.id });
    const asEditor = await editor.caller.imports.preview({
      format: 'csv',
      text,
      sourceTitle: 'Guarded (test)',
    });
    expect(asEditor.rows![0]).toMatchObject({ decision: 'new', match: null, candidates: [] });
    // The admin's preview weighed a record the editor may not see: it is not theirs to read or
    // confirm, and answers as an import that does not exist.
    // Each call is made when it is awaited: a rejection made earlier and awaited later is an
    // unhandled rejection in between.
    for (const attempt of [
      () => editor.caller.imports.get({ id: asAdmin.id, withRows: true }),
      () => editor.caller.imports.confirm({ importId: asAdmin.id }),
    ])
      await expect(attempt()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await editor.caller.imports.list()).map((i) => i.id)).not.toContain(asAdmin.id);
    // Applied, the editor's import creates a new person: it links nothing to the guarded record.
    await editor.caller.imports.confirm({ importId: asEditor.id, acceptAutomatic: true });
    const done = await until(async () => {
      const now = await editor.caller.imports.get({ id: asEditor.id });
      return now.state === 'applied' && now;
    });
    expect(done.summary).toMatchObject({ created: 1, linked: 0 });
  });

  it('matches for a partner-cleared importer only on what they may read, never on a father’s name they may not', async () => {
    const { caller: admin } = await app.as('admin');
    const person = await admin.persons.create({
      names: [{ value: 'Վաչագան Ծաղկունյան' }],
      birthDate: '1979-06-06',
      fatherName: 'Գուրգեն',
    });
    const text = 'id,name,birth_date,father_name\nF1,Vachagan Tsaghkunyan,1979,Gurgen';
    const asStaff = await editor.caller.imports.preview({
      format: 'csv',
      text,
      sourceTitle: 'Father decides (test)',
    });
    expect(asStaff.rows![0]).toMatchObject({ decision: 'match', match: person.id });
    const partner = await app.as('editor', 'partner');
    const asPartner = await partner.caller.imports.preview({
      format: 'csv',
      text,
      sourceTitle: 'Father decides (test)',
    });
    // The birth year alone does not decide, and the score is the one the year and name give.
    expect(asPartner.rows![0]).toMatchObject({ decision: 'review', match: null });
    expect(asPartner.rows![0]!.candidates[0]!.id).toBe(person.id);
    expect(asPartner.rows![0]!.candidates[0]!.score).toBeLessThan(
      asStaff.rows![0]!.candidates[0]!.score,
    );
  });

  /** Confirms an import and waits until the worker has applied it or given up. */
  async function confirmAndWait(input: Parameters<typeof editor.caller.imports.confirm>[0]) {
    await editor.caller.imports.confirm(input);
    return until(async () => {
      const now = await editor.caller.imports.get({ id: input.importId });
      return now.state === 'applied' || now.state === 'failed' ? now : null;
    });
  }

  it('follows the importer’s choice for a row over the matcher’s decision', async () => {
    const { caller: admin } = await app.as('admin');
    const tigran = await admin.persons.create({
      names: [{ value: 'Tigran Choicyan' }],
      birthDate: '1975-04-04',
    });
    const levon = await admin.persons.create({
      names: [{ value: 'Levon Optionyan' }],
      birthDate: '1968-08-08',
    });
    const preview = await editor.caller.imports.preview({
      format: 'csv',
      text: 'id,name,birth_date\nC1,Tigran Choicyan,\nC2,Levon Optionyan,1968-08-08\nC3,Ashot Thirdyan,',
      sourceTitle: 'Rows chosen by hand (test)',
    });
    const [c1, c2] = preview.rows!;
    expect(c1).toMatchObject({ line: 2, decision: 'review' });
    expect(c1!.candidates[0]!.id).toBe(tigran.id);
    // The dry run says what besides the name speaks for the match.
    expect(c2).toMatchObject({ line: 3, decision: 'match', match: levon.id });
    expect(c2!.candidates[0]!.evidence).toEqual({ birthDate: 'agrees' });

    const done = await confirmAndWait({
      importId: preview.id,
      acceptAutomatic: true,
      choices: [
        { line: 2, action: 'link', personId: tigran.id },
        { line: 3, action: 'new' },
      ],
    });
    expect(done.summary).toEqual({
      created: 2,
      linked: 1,
      toReview: 0,
      claims: 3,
      chosen: 2,
      repeats: 0,
    });
    const rowClaims = await app.db.select().from(claims).where(eq(claims.sourceId, done.sourceId!));
    expect(rowClaims.find((c) => c.locator === 'line 2')?.personId).toBe(tigran.id);
    const levonRow = rowClaims.find((c) => c.locator === 'line 3')!;
    expect(levonRow.personId).not.toBe(levon.id);
    // A row made new by choice is not put to a reviewer as a duplicate.
    const tasks = await app.db
      .select()
      .from(reviewTasks)
      .where(eq(reviewTasks.sourceId, done.sourceId!));
    expect(tasks.filter((t) => t.kind === 'duplicate')).toEqual([]);
  });

  it('refuses choices that do not fit the dry run, naming the line, and confirms nothing', async () => {
    const preview = await editor.caller.imports.preview({
      format: 'lines',
      text: 'Narek Hakopian\nZoravar Unchosenyan',
      sourceTitle: 'Wrong choices (test)',
    });
    const stranger = (await editor.caller.persons.list({ q: 'Մհեր' })).items[0]!;
    for (const choices of [
      [{ line: 1, action: 'link' as const, personId: stranger.id }],
      [{ line: 2, action: 'review' as const }],
      [{ line: 7, action: 'new' as const }],
      [
        { line: 1, action: 'new' as const },
        { line: 1, action: 'review' as const },
      ],
    ])
      await expect(
        editor.caller.imports.confirm({ importId: preview.id, choices }),
      ).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.stringMatching(/line \d/),
      });
    expect((await editor.caller.imports.get({ id: preview.id })).state).toBe('previewed');
  });

  it('applies nothing when a person chosen for a row left the registry after the dry run', async () => {
    const { caller: admin } = await app.as('admin');
    const gone = await admin.persons.create({
      names: [{ value: 'Vahagn Goneyan' }],
      birthDate: '1980-10-10',
    });
    const preview = await editor.caller.imports.preview({
      format: 'lines',
      text: 'Vahagn Goneyan',
      sourceTitle: 'Chosen person deleted (test)',
    });
    expect(preview.rows![0]!.candidates[0]!.id).toBe(gone.id);
    await admin.persons.delete({ id: gone.id, version: gone.version, reason: 'entered twice' });
    const sourcesBefore = (await app.db.select().from(sources)).length;
    const done = await confirmAndWait({
      importId: preview.id,
      choices: [{ line: 1, action: 'link', personId: gone.id }],
    });
    expect(done).toMatchObject({
      state: 'failed',
      error: expect.stringContaining('Line 1: the person chosen for this row is no longer'),
    });
    expect((await app.db.select().from(sources)).length).toBe(sourcesBefore);
  });

  it('flags one man written twice in the list, and puts the two rows to a reviewer', async () => {
    const preview = await editor.caller.imports.preview({
      format: 'csv',
      text: 'id,name,birth_date\nR1,Hrant Dubleyan,1991-01-01\nR2,Samvel Onceyan,1990\nR3,Грант Дублеян,1991-01-01',
      sourceTitle: 'A list naming one man twice (test)',
    });
    expect(preview.rows!.map((r) => r.repeats ?? [])).toEqual([[4], [], [2]]);
    const done = await confirmAndWait({ importId: preview.id });
    expect(done.summary).toMatchObject({ created: 3, repeats: 1 });
    const tasks = await app.db
      .select()
      .from(reviewTasks)
      .where(eq(reviewTasks.sourceId, done.sourceId!));
    expect(tasks.filter((t) => t.kind === 'duplicate').map((t) => t.detail)).toEqual([
      'Rows 2 and 4 of “A list naming one man twice (test)” may name the same person',
    ]);
  });

  it('says in the dry run when the same list was imported before', async () => {
    const text = 'Gurgen Againyan, 1977\nSero Againyan, 1979';
    const first = await editor.caller.imports.preview({
      format: 'lines',
      text,
      sourceTitle: 'A list imported twice (test)',
    });
    expect(first.importedBefore).toBeNull();
    const done = await confirmAndWait({ importId: first.id });
    expect(done.state).toBe('applied');
    const again = await editor.caller.imports.preview({
      format: 'lines',
      text,
      sourceTitle: 'The same list again (test)',
    });
    expect(again.importedBefore).toMatchObject({
      id: first.id,
      sourceTitle: 'A list imported twice (test)',
    });
  });

  it('refuses a list with broken quoting, naming the line, and stores nothing', async () => {
    await expect(
      editor.caller.imports.preview({
        format: 'csv',
        text: 'id,name\n1,"Gor\n2,Aram',
        sourceTitle: 'Broken',
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/line \d+.*broken quote/),
    });
  });
});
