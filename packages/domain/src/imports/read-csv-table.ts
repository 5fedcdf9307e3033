import Papa from 'papaparse';

/** A CSV file read into its header and rows, each row with the line it starts on. */
export interface CsvTable {
  /** Column names, trimmed and in lower case. */
  header: string[];
  headerLine: number;
  /** The rows after the header that hold anything, with as many cells as the header. */
  rows: { line: number; cells: string[] }[];
}

/** The first problem that keeps a text from being read as a table, and its line. */
export interface CsvTableProblem {
  line: number;
  problem: string;
}

/** The separator of a list whose caller does not fix one: the one its header line uses most. */
function guessDelimiter(text: string): string {
  const header = text.slice(0, text.indexOf('\n') < 0 ? undefined : text.indexOf('\n'));
  const count = (d: string) => header.split(d).length - 1;
  return [';', '\t'].reduce((best, d) => (count(d) > count(best) ? d : best), ',');
}

/**
 * Reads a CSV text as a table: a header row (the first line that holds anything), then rows of
 * as many fields, blank lines skipped. Every row knows the line it starts on, counting the lines
 * inside quoted fields, so that a problem is reported where a person will find it. The first
 * problem that makes the rest unreadable — a broken quote, a repeated column, a row with more or
 * fewer fields than the header — is returned instead of a table.
 *
 * @example
 * readCsvTable('name,id\n"Petrosyan, Gor",L1\n')
 * // { ok: true, table: { header: ['name', 'id'], headerLine: 1, rows: [{ line: 2, cells: ['Petrosyan, Gor', 'L1'] }] } }
 */
export function readCsvTable(
  text: string,
  options: { delimiter?: string } = {},
): { ok: true; table: CsvTable } | ({ ok: false } & CsvTableProblem) {
  // One line ending throughout, so that rows split where the file's lines end.
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const parsed = Papa.parse<string[]>(normalized, {
    delimiter: options.delimiter ?? guessDelimiter(normalized),
    newline: '\n',
    quoteChar: '"',
  });
  const rows = parsed.data;
  const lines: number[] = [];
  let line = 1;
  for (const row of rows) {
    lines.push(line);
    line += 1;
    for (const field of row)
      for (let i = 0; i < field.length; i++) if (field.charCodeAt(i) === 10) line++;
  }
  const error = parsed.errors[0];
  if (error) {
    const at =
      error.index !== undefined ? lineAt(normalized, error.index) : (lines[error.row ?? 0] ?? 1);
    return {
      ok: false,
      line: at,
      problem:
        error.type === 'Quotes'
          ? 'has a broken quote: a quoted field is not closed, or its closing quote is followed by other text'
          : error.message,
    };
  }
  const isBlank = (row: string[]) => row.every((f) => f.trim() === '');
  const headerAt = rows.findIndex((row) => !isBlank(row));
  if (headerAt < 0)
    return {
      ok: false,
      line: 1,
      problem: 'the file is empty; it needs a header row of column names',
    };
  const headerLine = lines[headerAt] ?? 1;
  const header = (rows[headerAt] as string[]).map((f) => f.trim().toLowerCase());
  const repeated = header.find((name, i) => name !== '' && header.indexOf(name) !== i);
  if (repeated !== undefined)
    return {
      ok: false,
      line: headerLine,
      problem: `the column "${repeated}" appears twice in the header`,
    };
  const table: CsvTable = { header, headerLine, rows: [] };
  for (let r = headerAt + 1; r < rows.length; r++) {
    const cells = rows[r] as string[];
    const at = lines[r] ?? 1;
    if (isBlank(cells)) continue;
    if (cells.length !== header.length)
      return {
        ok: false,
        line: at,
        problem: `has ${cells.length} ${cells.length === 1 ? 'field' : 'fields'} where the header names ${header.length} (is a comma inside a name not in quotes?)`,
      };
    table.rows.push({ line: at, cells });
  }
  return { ok: true, table };
}

/** The line (1-based) of a character offset in a text. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
