import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { birthDateProblem, parseList, parseListLine } from './parse-list.ts';

describe('parseList', () => {
  it('reads one name per line, in any script, skipping blank lines', () => {
    const result = parseList(
      'lines',
      'Hayk Martirosyan\n\n  Айк Мартиросян  \r\nՀայկ Մարտիրոսյան\n',
    );
    expect(result).toEqual({
      ok: true,
      rows: [
        { line: 1, id: '1', name: 'Hayk Martirosyan' },
        { line: 3, id: '3', name: 'Айк Мартиросян' },
        { line: 4, id: '4', name: 'Հայկ Մարտիրոսյան' },
      ],
    });
  });

  it('reads a CSV list with a BOM and columns in any order', () => {
    const result = parseList('csv', '\uFEFFname,birth_date,id\n"Petrosyan, Gor",1990-05,L1\n');
    expect(result).toMatchObject({
      ok: true,
      rows: [{ line: 2, id: 'L1', name: 'Petrosyan, Gor', birthDate: '1990-05' }],
    });
  });

  it('names the line of a broken quote', () => {
    const result = parseList('csv', 'id,name\n1,"Gor Petrosyan\n2,Aram\n');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.message).toContain('broken quote');
  });

  it('names the line of a bad birth date and takes no row from a list with a problem', () => {
    const result = parseList('csv', 'id,name,birth_date\n1,Gor,1990\n2,Aram,12/05/1990\n');
    expect(result).toEqual({
      ok: false,
      issues: [
        { field: 'line 3', message: expect.stringContaining('YYYY, YYYY-MM or YYYY-MM-DD') },
      ],
    });
  });

  it.each([
    ['1990-13-40', 'month 13 does not exist'],
    ['1990-02-30', 'day 30 does not exist'],
  ])('refuses the birth date %s, which is not a date, naming its line', (date, reason) => {
    const result = parseList('csv', `id,name,birth_date\n1,Gor,1990\n2,Aram,${date}\n`);
    expect(result).toEqual({
      ok: false,
      issues: [{ field: 'line 3', message: expect.stringContaining(reason) }],
    });
  });

  it('names the line of a broken quote where it is, past a blank line', () => {
    expect(parseList('csv', 'name,id\nA,1\n\nB,"broken\n')).toEqual({
      ok: false,
      issues: [{ field: 'line 4', message: expect.stringContaining('broken quote') }],
    });
  });

  it('reports each problem once, without papaparse guesses about the separator', () => {
    const result = parseList('csv', 'name,id\r\nA,1\r\n"B\r\nB",2\r\n"C,3\r\n');
    expect(result).toEqual({
      ok: false,
      issues: [{ field: 'line 5', message: expect.stringContaining('broken quote') }],
    });
  });

  it('names a column that appears twice in the header', () => {
    expect(parseList('csv', 'name,id,name\nGor,1,Aram\n')).toEqual({
      ok: false,
      issues: [{ field: 'line 1', message: 'the column "name" appears twice in the header' }],
    });
  });

  it('asks for a name column', () => {
    const result = parseList('csv', 'id,full_name\n1,Gor\n');
    expect(result).toEqual({
      ok: false,
      issues: [{ field: 'line 1', message: expect.stringContaining('"name" column') }],
    });
  });

  it('names the first line of text that was not UTF-8', () => {
    expect(parseList('lines', 'Aram Petrosyan\r\nGa\uFFFDk\nGa\uFFFDk')).toMatchObject({
      ok: false,
      issues: [{ field: 'line 2', message: expect.stringContaining('UTF-8') }],
    });
  });

  it('refuses duplicate ids and empty names with their lines', () => {
    const result = parseList('csv', 'id,name\n1,Gor\n1,Aram\n3,\n');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.field)).toEqual(['line 3', 'line 4']);
  });

  it('keeps script injection as plain text', () => {
    const result = parseList('lines', '<script>alert(1)</script>');
    expect(result).toMatchObject({ ok: true, rows: [{ name: '<script>alert(1)</script>' }] });
  });
});

/** Pieces that hostile or broken lists are made of: quotes, separators, line ends, odd text. */
const LIST_PIECES = [
  'id',
  'name',
  'birth_date',
  'place',
  'father_name',
  ',',
  ';',
  '"',
  '""',
  '\n',
  '\r\n',
  '\r',
  ' ',
  '\t',
  'Hayk Martirosyan',
  'Айк Мартиросян',
  'Հայկ Մարտիրոսյան',
  'Əli Həsənov',
  '<script>alert(1)</script>',
  "'; DROP TABLE persons; --",
  '1990',
  '1990-05',
  '1990-05-12',
  '1990-13-40',
  '12/05/1990',
  '\uFEFF',
  '\uFFFD',
  '\u0000',
  '\u202E',
  'x'.repeat(201),
  '12345',
  '\u0007',
];

describe('parseList on thousands of broken and hostile lists', () => {
  const list = fc
    .array(fc.oneof(fc.constantFrom(...LIST_PIECES), fc.string({ maxLength: 8 })), {
      maxLength: 40,
    })
    .map((pieces) => pieces.join(''));

  it('never throws: it gives clean rows, or problems that each name a line or the text', () => {
    fc.assert(
      fc.property(fc.constantFrom('csv' as const, 'lines' as const), list, (format, text) => {
        const result = parseList(format, text);
        if (!result.ok) {
          expect(result.issues.length).toBeGreaterThan(0);
          for (const issue of result.issues) {
            expect(issue.field).toMatch(/^(text|line \d+)$/);
            expect(issue.message.length).toBeGreaterThan(0);
          }
          return;
        }
        const ids = new Set<string>();
        for (const row of result.rows) {
          expect(row.name.trim()).toBe(row.name);
          expect(row.name.length).toBeGreaterThan(0);
          expect(row.name.length).toBeLessThanOrEqual(200);
          expect(row.name).toMatch(/\p{L}/u);
          expect(row.name).not.toContain('\uFFFD');
          if (row.birthDate) expect(birthDateProblem(row.birthDate)).toBeNull();
          expect(ids.has(row.id)).toBe(false);
          ids.add(row.id);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('parseList: what a row may hold', () => {
  it('refuses a place or a father longer than a person may have, naming its line', () => {
    expect(parseList('csv', `name,place\nAram Petrosyan,${'x'.repeat(201)}\n`)).toEqual({
      ok: false,
      issues: [{ field: 'line 2', message: 'place must be at most 200 characters' }],
    });
  });

  it.each([
    ['???', 'must contain letters'],
    ['12345 67', 'must contain letters'],
    ['x'.repeat(201), 'must be at most 200 characters'],
    ['Hayk\u0007 Martirosyan', 'contains control characters'],
  ])('refuses %j as a name, naming its line, as persons.create would', (name, message) => {
    expect(parseList('csv', `name\nAram Petrosyan\n"${name}"\n`)).toEqual({
      ok: false,
      issues: [{ field: 'line 3', message: `the name ${message}` }],
    });
  });
});

describe('parseListLine: a line of a pasted list', () => {
  it.each([
    ['Айк Мартиросян', 'Айк Мартиросян', null],
    ['12. Айк Мартиросян', 'Айк Мартиросян', null],
    ['12) Hayk Martirosyan', 'Hayk Martirosyan', null],
    ['№ 7 – Hayk Martirosyan', 'Hayk Martirosyan', null],
    ['• Ашот Выдуманян', 'Ашот Выдуманян', null],
    ['- Hayk Martirosyan, 1990', 'Hayk Martirosyan', '1990'],
    ['* Hayk Martirosyan', 'Hayk Martirosyan', null],
    ['Ter-Petrosyan Hayk', 'Ter-Petrosyan Hayk', null],
    ['3. Мартиросян Айк Арменович, 1990 г.р.', 'Мартиросян Айк Арменович', '1990'],
    ['Hayk Martirosyan (1990)', 'Hayk Martirosyan', '1990'],
    ['Hayk Martirosyan, 1990-05-12', 'Hayk Martirosyan', '1990-05-12'],
    ['Əli Həsənov 12.05.1990', 'Əli Həsənov', '1990-05-12'],
    ['Əli Həsənov, 1.5.1990', 'Əli Həsənov', '1990-05-01'],
  ])('reads %j as the name %j born %j', (line, name, birthDate) => {
    expect(parseListLine(line)).toEqual({ name, birthDate, dateProblem: null });
  });

  it('says what is wrong with a date after the name that does not exist, rather than guess', () => {
    expect(parseListLine('Hayk Martirosyan, 31.02.1990')).toEqual({
      name: 'Hayk Martirosyan, 31.02.1990',
      birthDate: null,
      dateProblem: '"31.02.1990" after the name is not a date (day 31 does not exist in 1990-02)',
    });
    expect(parseList('lines', '7. Айк Мартиросян, 1990\n8. Ваге Арутюнян, 31.02.1991\n')).toEqual({
      ok: false,
      issues: [
        {
          field: 'line 2',
          message: '"31.02.1991" after the name is not a date (day 31 does not exist in 1991-02)',
        },
      ],
    });
  });

  it('gives a pasted list its birth dates and names a line with a number and no name', () => {
    expect(parseList('lines', '1. Айк Мартиросян, 1990\n2.\n')).toEqual({
      ok: false,
      issues: [{ field: 'line 2', message: 'holds no name' }],
    });
    expect(parseList('lines', '1. Айк Мартиросян, 1990\n')).toEqual({
      ok: true,
      rows: [{ line: 1, id: '1', name: 'Айк Мартиросян', birthDate: '1990' }],
    });
  });
});
