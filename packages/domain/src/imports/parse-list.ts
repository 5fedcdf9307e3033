import { parsePartialDate } from '../dates/partial-date.ts';
import { z } from 'zod';
import { shortText } from '../common.ts';
import { NameValueSchema } from '../names/name.schema.ts';
import { readCsvTable } from './read-csv-table.ts';
import type { FieldIssue } from '../errors/app-error.ts';
import type { MatchRecord } from '../matching/match-record.schema.ts';

/** The formats a published list can be imported from. */
export const LIST_FORMATS = ['csv', 'lines'] as const;
export type ListFormat = (typeof LIST_FORMATS)[number];

/** Columns of a CSV list; only `name` is required. */
export const LIST_COLUMNS = ['id', 'name', 'birth_date', 'place', 'father_name'] as const;

/** Most rows one import may hold. */
export const MAX_LIST_ROWS = 20_000;

/** One row of a list, with the line it came from (1-based, counting the header). */
export interface ListRow extends MatchRecord {
  line: number;
}

/**
 * What is wrong with a list's birth date, as words to follow the value, or null when it is a
 * date: a year, a year and month, or a day that exists. Shared by imports and `vigil match`.
 *
 * @example
 * birthDateProblem('1990-05') // null
 * birthDateProblem('1990-13-40') // 'is not a date (month 13 does not exist)'
 * birthDateProblem('12/05/1990') // 'is not a date written YYYY, YYYY-MM or YYYY-MM-DD'
 */
export function birthDateProblem(value: string): string | null {
  if (!/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/.test(value))
    return 'is not a date written YYYY, YYYY-MM or YYYY-MM-DD';
  const parsed = parsePartialDate(value);
  return parsed.ok ? null : `is not a date (${parsed.error})`;
}

/**
 * Parses a published list: CSV with a header row (columns `id,name,birth_date,place,father_name`,
 * only `name` required), or one name per line. Every problem is reported with its line; a list
 * with any problem yields no rows, so an import is never half-read.
 *
 * @example
 * parseList('lines', 'Hayk Martirosyan\nАйк Мартиросян') // { ok: true, rows: [{ line: 1, id: '1', name: 'Hayk Martirosyan' }, …] }
 */
export function parseList(
  format: ListFormat,
  text: string,
): { ok: true; rows: ListRow[] } | { ok: false; issues: FieldIssue[] } {
  const clean = text.replace(/^\uFEFF/, '');
  // A file read as UTF-8 that was not (a Windows-1251 export, say) shows U+FFFD where it broke.
  const lineOf = (at: number) => `line ${clean.slice(0, at).split(/\r\n|\n|\r/).length}`;
  const broken = clean.indexOf('\uFFFD');
  if (broken >= 0)
    return {
      ok: false,
      issues: [
        {
          field: lineOf(broken),
          message:
            'is not valid UTF-8 text: save the list as UTF-8 (in a spreadsheet, "CSV UTF-8") and try again',
        },
      ],
    };
  const binary = clean.indexOf('\u0000');
  if (binary >= 0)
    return {
      ok: false,
      issues: [
        { field: lineOf(binary), message: 'contains binary data; upload a text or CSV file' },
      ],
    };
  return format === 'lines' ? parseLines(clean) : parseCsv(clean);
}

/** A list's id, place or father's name: as a person's birth place and father's name are kept. */
const ListCellSchema = z.union([z.literal(''), shortText(200)]);

/** What keeps a list's name from being a person's name (as `persons.create` checks it), or null. */
function nameProblem(name: string): string | null {
  const checked = NameValueSchema.safeParse(name);
  return checked.success ? null : `the name ${checked.error.issues[0]?.message ?? 'is not a name'}`;
}

/**
 * A list's numbering or bullet before the name: "12.", "12)", "№ 12 -", "12 –", "•", "-", "*",
 * "–" (a bullet only when a space follows it, so that a name is never cut).
 */
const LINE_NUMBERING = /^(?:(?:№\s*)?\d{1,5}\s*(?:[.):]|\s[-–—])|[•·▪◦‣*\-–—](?=\s))\s*/;

/**
 * A birth date after the name, as published lists write it: ", 1990", " (1990)", "1990-05-12",
 * "12.05.1990" (day first), with Russian "г.р." or "г. р." after it.
 */
const TRAILING_BIRTH_DATE =
  /[\s,;(]+(\d{4}(?:-\d{2}(?:-\d{2})?)?|\d{1,2}\.\d{1,2}\.\d{4})(?:\s*г\.?\s*р\.?)?\s*\)?\s*$/i;

/**
 * One line of a pasted list: the name without the list's numbering, and a birth date written
 * after it, if any (a day-first date becomes YYYY-MM-DD). A date after the name that does not
 * exist is not guessed at: `dateProblem` says what is wrong with it, and the name is left whole.
 *
 * @example
 * parseListLine('12. Айк Мартиросян, 1990 г.р.') // { name: 'Айк Мартиросян', birthDate: '1990', dateProblem: null }
 * parseListLine('Hayk Martirosyan (12.05.1990)') // { name: 'Hayk Martirosyan', birthDate: '1990-05-12', dateProblem: null }
 * parseListLine('Hayk Martirosyan, 31.02.1990')
 * // { name: 'Hayk Martirosyan, 31.02.1990', birthDate: null, dateProblem: '"31.02.1990" is not a date (…)' }
 */
export function parseListLine(raw: string): {
  name: string;
  birthDate: string | null;
  dateProblem: string | null;
} {
  let name = raw.trim().replace(LINE_NUMBERING, '');
  let birthDate: string | null = null;
  let dateProblem: string | null = null;
  const date = TRAILING_BIRTH_DATE.exec(name);
  if (date?.[1] && date.index > 0) {
    const dayFirst = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(date[1]);
    const iso = dayFirst
      ? `${dayFirst[3]}-${dayFirst[2]!.padStart(2, '0')}-${dayFirst[1]!.padStart(2, '0')}`
      : date[1];
    const problem = birthDateProblem(iso);
    if (problem) {
      dateProblem = `"${date[1]}" after the name ${problem}`;
    } else {
      birthDate = iso;
      name = name.slice(0, date.index);
    }
  }
  return { name: name.trim().replace(/[,;]$/, '').trim(), birthDate, dateProblem };
}

function parseLines(
  text: string,
): { ok: true; rows: ListRow[] } | { ok: false; issues: FieldIssue[] } {
  const rows: ListRow[] = [];
  const issues: FieldIssue[] = [];
  text.split(/\r\n|\n|\r/).forEach((raw, i) => {
    if (!raw.trim()) return;
    const { name, birthDate, dateProblem } = parseListLine(raw);
    const problem = dateProblem ?? (name ? nameProblem(name) : 'holds no name');
    if (problem) issues.push({ field: `line ${i + 1}`, message: problem });
    else rows.push({ line: i + 1, id: String(i + 1), name, ...(birthDate ? { birthDate } : {}) });
  });
  return finish(rows, issues);
}

function parseCsv(
  text: string,
): { ok: true; rows: ListRow[] } | { ok: false; issues: FieldIssue[] } {
  const read = readCsvTable(text);
  if (!read.ok)
    return { ok: false, issues: [{ field: `line ${read.line}`, message: read.problem }] };
  const { header, headerLine } = read.table;
  const column = (name: (typeof LIST_COLUMNS)[number]) => header.indexOf(name);
  if (column('name') < 0) {
    return {
      ok: false,
      issues: [
        {
          field: `line ${headerLine}`,
          message: `the header needs a "name" column (found: ${header.filter(Boolean).join(', ') || 'nothing'})`,
        },
      ],
    };
  }
  const issues: FieldIssue[] = [];
  const unknown = header.filter((h) => h && !(LIST_COLUMNS as readonly string[]).includes(h));
  if (unknown.length)
    issues.push({
      field: `line ${headerLine}`,
      message: `unknown columns ${unknown.join(', ')}; expected ${LIST_COLUMNS.join(', ')}`,
    });
  const rows: ListRow[] = [];
  const seen = new Set<string>();
  read.table.rows.forEach(({ line, cells }, i) => {
    const cell = (name: (typeof LIST_COLUMNS)[number]) => (cells[column(name)] ?? '').trim();
    const name = cell('name');
    if (!name) {
      issues.push({ field: `line ${line}`, message: 'the name is empty' });
      return;
    }
    const problem = nameProblem(name);
    if (problem) issues.push({ field: `line ${line}`, message: problem });
    const id = cell('id') || String(i + 1);
    if (seen.has(id))
      issues.push({ field: `line ${line}`, message: `the id "${id.slice(0, 40)}" appears twice` });
    seen.add(id);
    const birth = cell('birth_date');
    const birthProblem = birth ? birthDateProblem(birth) : null;
    if (birthProblem)
      issues.push({
        field: `line ${line}`,
        message: `birth_date "${birth.slice(0, 20)}" ${birthProblem}`,
      });
    // The place and the father become a new person's, so they meet the person's own limits.
    for (const column of ['id', 'place', 'father_name'] as const) {
      const checked = ListCellSchema.safeParse(cell(column));
      if (!checked.success)
        issues.push({
          field: `line ${line}`,
          message: `${column} ${checked.error.issues[0]?.message}`,
        });
    }
    rows.push({
      line,
      id,
      name,
      birthDate: birth || null,
      place: cell('place') || null,
      fatherName: cell('father_name') || null,
    });
  });
  return finish(rows, issues.slice(0, 20));
}

function finish(
  rows: ListRow[],
  issues: FieldIssue[],
): { ok: true; rows: ListRow[] } | { ok: false; issues: FieldIssue[] } {
  if (rows.length === 0 && issues.length === 0)
    issues.push({ field: 'text', message: 'the list holds no names' });
  if (rows.length > MAX_LIST_ROWS)
    issues.push({
      field: 'text',
      message: `the list holds ${rows.length} rows; at most ${MAX_LIST_ROWS} per import`,
    });
  return issues.length ? { ok: false, issues } : { ok: true, rows };
}
