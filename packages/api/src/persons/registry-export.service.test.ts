import { readCsvTable } from '@vigil/domain';
import { auditEntries, claims } from '@vigil/db';
import { testDatabaseKind } from '@vigil/db/testing';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../testing.ts';
import { exportRegistry } from './registry-export.service.ts';

/** Every person here is fictional. */
describe(`exporting the registry (${testDatabaseKind})`, () => {
  let app: TestApp;
  let admin: TestUser;
  let editor: TestUser;
  /** An editor cleared for partner data only: what a partner would get. */
  let partnerEditor: TestUser;
  beforeAll(async () => {
    app = await createTestApp();
    admin = await app.as('admin');
    editor = await app.as('editor');
    partnerEditor = await app.as('editor', 'partner');
  });
  afterAll(async () => app?.close());

  const staffValues = {
    fatherName: 'Fathername Exportyan',
    birthPlace: 'Birthplace Exportyan',
    identifier: 'SN-EXPORT-STAFF',
    familyContact: 'Sister, +374 00 333 444 (fictional)',
    notes: 'Staff note about Exportyan',
  };

  /** A CSV file as papaparse reads it: its header and its rows as objects. */
  function readCsv(text: string) {
    const read = readCsvTable(text, { delimiter: ',' });
    if (!read.ok) throw new Error(`not CSV: line ${read.line} ${read.problem}`);
    const { header, rows } = read.table;
    return {
      header,
      rows: rows.map(({ cells }) => Object.fromEntries(header.map((key, i) => [key, cells[i]!]))),
    };
  }

  async function lastExportEntry(actorId: string) {
    const [entry] = await app.db
      .select()
      .from(auditEntries)
      .where(
        and(
          eq(auditEntries.entity, 'registry'),
          eq(auditEntries.action, 'export'),
          eq(auditEntries.actorId, actorId),
        ),
      )
      .orderBy(desc(auditEntries.seq))
      .limit(1);
    return entry;
  }

  it('gives a partner-cleared caller no column above partner, no person above partner, and a status from what they may see', async () => {
    const open = await admin.caller.persons.create({
      names: [{ value: 'Aram Clearexportyan' }, { value: 'Արամ Քլիրէքսպորտյան' }],
      birthDate: '1990-05',
      fatherName: staffValues.fatherName,
      birthPlace: staffValues.birthPlace,
      identifiers: [{ kind: 'service_number', value: staffValues.identifier }],
      familyContact: staffValues.familyContact,
      notes: staffValues.notes,
    });
    const staffOnly = await admin.caller.persons.create({
      names: [{ value: 'Aram Staffexportyan Clearexportyan' }],
      sensitivity: 'staff',
    });
    const restricted = await admin.caller.persons.create({
      names: [{ value: 'Aram Restrictedexportyan Clearexportyan' }],
      sensitivity: 'restricted',
    });
    // A legal category only a staff source gives: the partner's status must not rest on it.
    const staffSource = await admin.caller.sources.create({
      kind: 'testimony',
      title: 'A staff testimony (fictional)',
      sensitivity: 'staff',
    });
    const claim = await admin.caller.claims.create({
      sourceId: staffSource.id,
      subjectType: 'person',
      personId: open.id,
      predicate: 'legal_category',
      value: 'hostage',
    });
    await app.db.update(claims).set({ reviewState: 'accepted' }).where(eq(claims.id, claim.id));

    const exported = await partnerEditor.caller.persons.exportRegistry({
      format: 'csv',
      q: 'Clearexportyan',
    });
    expect(exported).toMatchObject({
      filename: expect.stringMatching(/^vigil-registry-\d{4}-\d{2}-\d{2}\.csv$/),
      mediaType: 'text/csv; charset=utf-8',
      count: 1,
    });
    const { header, rows } = readCsv(exported.text);
    for (const above of ['identifiers', 'birth_place', 'father_name', 'family_contact', 'notes'])
      expect(header).not.toContain(above);
    expect(rows).toEqual([
      expect.objectContaining({
        id: open.id,
        name: 'Aram Clearexportyan',
        other_names: 'Արամ Քլիրէքսպորտյան',
        birth_date: '1990-05',
        legal_categories_claimed: '',
      }),
    ]);
    for (const value of [...Object.values(staffValues), staffOnly.id, restricted.id])
      expect(exported.text).not.toContain(value);
    expect(exported.text).not.toContain('Staffexportyan');
    expect(exported.text).not.toContain('Restrictedexportyan');

    // An admin is cleared for all three, and for the staff columns; the family contact and
    // notes still never leave.
    const everything = await admin.caller.persons.exportRegistry({
      format: 'csv',
      q: 'Clearexportyan',
    });
    const all = readCsv(everything.text);
    expect(all.header).toEqual(expect.arrayContaining(['identifiers', 'father_name']));
    expect(all.rows.map((r) => r.id).sort()).toEqual([open.id, staffOnly.id, restricted.id].sort());
    expect(all.rows.find((r) => r.id === open.id)).toMatchObject({
      identifiers: `service_number:${staffValues.identifier}`,
      legal_categories_claimed: 'hostage',
    });
    expect(everything.text).not.toContain(staffValues.familyContact);
    expect(everything.text).not.toContain(staffValues.notes);
  });

  it('neutralizes a name that a spreadsheet would run as a formula', async () => {
    const formula = '=HYPERLINK("http://x.example","Formulaexportyan")';
    await editor.caller.persons.create({ names: [{ value: formula }] });
    const { text } = await editor.caller.persons.exportRegistry({
      format: 'csv',
      q: 'Formulaexportyan',
    });
    expect(text).toContain(`"'=HYPERLINK(""http://x.example"",""Formulaexportyan"")"`);
    expect(readCsv(text).rows.map((r) => r.name)).toEqual([`'${formula}`]);
    expect(text).not.toMatch(/(^|,|\r\n)=HYPERLINK/);
  });

  it('gives back Armenian and Cyrillic names exactly, in UTF-8 with a byte-order mark', async () => {
    const names = ['Վարդան Յունիկոդյան', 'Вардан Юникодян', 'Vardan Yunikodyan'];
    const person = await editor.caller.persons.create({
      names: names.map((value) => ({ value })),
    });
    const { text } = await editor.caller.persons.exportRegistry({
      format: 'csv',
      q: 'Yunikodyan',
    });
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(Buffer.from(text, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(text).toMatch(/\r\n$/);
    const { rows } = readCsv(text);
    expect(rows).toEqual([
      expect.objectContaining({
        id: person.id,
        name: names[0],
        other_names: `${names[1]} | ${names[2]}`,
      }),
    ]);
  });

  it('writes one audit entry with the format, the filters and the count, and no name or typed search', async () => {
    for (const value of ['Aram Auditexportyan', 'Gor Auditexportyan'])
      await editor.caller.persons.create({ names: [{ value }], sex: 'male' });
    const [before] = await app.db
      .select({ seq: auditEntries.seq })
      .from(auditEntries)
      .orderBy(desc(auditEntries.seq))
      .limit(1);
    const { count } = await editor.caller.persons.exportRegistry({
      format: 'json',
      q: 'Auditexportyan',
      sex: 'male',
    });
    expect(count).toBe(2);
    const written = await app.db
      .select()
      .from(auditEntries)
      .where(eq(auditEntries.actorId, editor.actor.id))
      .orderBy(desc(auditEntries.seq));
    const entries = written.filter((e) => e.seq > (before?.seq ?? 0));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'export',
      entity: 'registry',
      entityId: null,
      ip: '127.0.0.1',
      diff: {
        format: [null, 'json'],
        clearance: [null, 'staff'],
        filters: [null, { q: '[withheld]', sex: 'male' }],
        count: [null, 2],
      },
    });
    expect(JSON.stringify(entries[0])).not.toContain('Auditexportyan');
  });

  it('refuses a viewer and a reviewer, and audits nothing for them', async () => {
    for (const role of ['viewer', 'reviewer'] as const) {
      const { caller, actor } = await app.as(role);
      await expect(caller.persons.exportRegistry({ format: 'csv' })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      // The service refuses them too, whichever edge calls it.
      await expect(
        exportRegistry({ ...app, actor, ip: null }, { format: 'csv' }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect(await lastExportEntry(actor.id)).toBeUndefined();
    }
  });

  it('applies the registry’s filters: a search in any script, and sex', async () => {
    const men = await editor.caller.persons.create({
      names: [{ value: 'Тигран Фильтрян' }],
      sex: 'male',
    });
    const woman = await editor.caller.persons.create({
      names: [{ value: 'Anahit Filtryan' }],
      sex: 'female',
    });
    await editor.caller.persons.create({ names: [{ value: 'Aram Unrelatedyan' }], sex: 'male' });
    const ids = async (filters: { q?: string; sex?: 'male' | 'female' }) =>
      readCsv((await editor.caller.persons.exportRegistry({ format: 'csv', ...filters })).text)
        .rows.map((r) => r.id)
        .sort();
    expect(await ids({ q: 'Filtryan' })).toEqual([men.id, woman.id].sort());
    expect(await ids({ q: 'Фильтрян', sex: 'female' })).toEqual([woman.id]);
    expect(await ids({ q: 'Nobody Matchesyan' })).toEqual([]);
  });

  it('leaves out a deleted record, as the registry does', async () => {
    const person = await editor.caller.persons.create({
      names: [{ value: 'Aram Deletedexportyan' }],
    });
    const before = await editor.caller.persons.exportRegistry({
      format: 'json',
      q: 'Deletedexportyan',
    });
    expect(before.count).toBe(1);
    await admin.caller.persons.delete({
      id: person.id,
      version: person.version,
      reason: 'entered by mistake (test)',
    });
    const after = await editor.caller.persons.exportRegistry({
      format: 'json',
      q: 'Deletedexportyan',
    });
    expect(after.count).toBe(0);
    expect(after.text).not.toContain(person.id);
  });

  it('walks every page of the registry, and refuses beyond the cap with a message saying to narrow the filters', async () => {
    const created = [];
    for (const letter of ['A', 'B', 'D', 'M', 'N'])
      created.push(
        await editor.caller.persons.create({ names: [{ value: `${letter}ram Pagedexportyan` }] }),
      );
    const ctx = { ...app, actor: editor.actor, ip: '127.0.0.1' };
    const paged = await exportRegistry(
      ctx,
      { format: 'json', q: 'Pagedexportyan' },
      { pageSize: 2 },
    );
    const document = JSON.parse(paged.text) as {
      generatedAt: string;
      clearance: string;
      filters: Record<string, unknown>;
      count: number;
      persons: { id: string; name: string }[];
    };
    expect(document).toMatchObject({
      clearance: 'staff',
      filters: { q: 'Pagedexportyan' },
      count: 5,
    });
    expect(Number.isNaN(Date.parse(document.generatedAt))).toBe(false);
    expect(document.persons.map((p) => p.id)).toEqual(created.map((p) => p.id));

    const [before] = await app.db
      .select({ seq: auditEntries.seq })
      .from(auditEntries)
      .orderBy(desc(auditEntries.seq))
      .limit(1);
    await expect(
      exportRegistry(ctx, { format: 'csv', q: 'Pagedexportyan' }, { pageSize: 2, maxPersons: 4 }),
    ).rejects.toMatchObject({
      code: 'BAD_INPUT',
      safeMessage: expect.stringMatching(/more than 4 persons: narrow the filters/),
    });
    const [after] = await app.db
      .select({ seq: auditEntries.seq })
      .from(auditEntries)
      .orderBy(desc(auditEntries.seq))
      .limit(1);
    expect(after?.seq, 'a refused export is not audited').toBe(before?.seq);
    // Exactly at the cap is allowed.
    expect(
      (await exportRegistry(ctx, { format: 'csv', q: 'Pagedexportyan' }, { maxPersons: 5 })).count,
    ).toBe(5);
  });

  it('refuses an unknown format, naming the field', async () => {
    await expect(
      editor.caller.persons.exportRegistry({ format: 'xlsx' as 'csv' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('format') });
  });
});
