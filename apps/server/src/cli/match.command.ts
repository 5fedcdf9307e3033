import { readFileSync } from 'node:fs';
import { birthDateProblem, matchList, readCsvTable } from '@vigil/domain';
import type { MatchListOptions, MatchRecord } from '@vigil/domain';

/** Where the command writes: one JSON line per list row on stdout, errors on stderr. */
export interface CommandIo {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
}

/** The columns both files must have, in any order. */
export const MATCH_CSV_COLUMNS = ['id', 'name', 'birth_date', 'place', 'father_name'] as const;

const USAGE = 'usage: vigil match --registry REGISTRY.csv --list LIST.csv';

/** A problem with an input file, located by file and line, in words a staff member understands. */
export class MatchFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly problem: string,
  ) {
    super(line === null ? `${file}: ${problem}` : `${file}, line ${line}: ${problem}`);
    this.name = 'MatchFileError';
  }
}

/** Byte offset of the first invalid UTF-8 sequence, or -1 when the bytes are valid UTF-8. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    let extra: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      extra = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      extra = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      extra = 3;
      min = 0x10000;
    } else return i;
    let code = b & (0x3f >> extra);
    for (let k = 1; k <= extra; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      code = (code << 6) | (c & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += extra + 1;
  }
  return -1;
}

function lineAtByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 10) line++;
  return line;
}

/**
 * Decodes a CSV file's bytes as UTF-8, accepting a byte-order mark. UTF-16 and bytes that are not
 * UTF-8 are refused with the line where they start, rather than read as garbled names.
 *
 * @example
 * decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]), 'list.csv') // 'a'
 */
export function decodeCsvBytes(bytes: Uint8Array, file: string): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new MatchFileError(file, 1, 'the file is UTF-16; save it as UTF-8 (CSV UTF-8)');
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    throw new MatchFileError(
      file,
      lineAtByte(bytes, nul),
      'the file contains NUL bytes, so it is probably UTF-16 or binary; save it as UTF-8 (CSV UTF-8)',
    );
  }
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = bytes.subarray(start);
  const invalid = firstInvalidUtf8(body);
  if (invalid >= 0) {
    throw new MatchFileError(
      file,
      lineAtByte(body, invalid),
      `the file is not valid UTF-8 (byte 0x${(body[invalid] ?? 0).toString(16).padStart(2, '0')}); save it as UTF-8 (CSV UTF-8)`,
    );
  }
  return new TextDecoder('utf-8').decode(body);
}

function checkBirthDate(value: string, file: string, line: number): string | null {
  if (value === '') return null;
  const problem = birthDateProblem(value);
  if (problem)
    throw new MatchFileError(file, line, `birth_date "${value}" ${problem}; or leave it empty`);
  return value;
}

/**
 * Reads the records of a matching CSV (header `id,name,birth_date,place,father_name`, any order,
 * extra columns ignored). Throws {@link MatchFileError} naming the line of the first problem.
 *
 * @example
 * parseMatchCsv('id,name,birth_date,place,father_name\nL1,Айк Петросян,1990,,\n', 'list.csv')
 * // [{ id: 'L1', name: 'Айк Петросян', birthDate: '1990', place: null, fatherName: null }]
 */
export function parseMatchCsv(text: string, file: string): MatchRecord[] {
  const read = readCsvTable(text, { delimiter: ',' });
  if (!read.ok) throw new MatchFileError(file, read.line, read.problem);
  const { header, headerLine } = read.table;
  const columns = new Map(header.map((name, i) => [name, i]));
  const missing = MATCH_CSV_COLUMNS.filter((c) => !columns.has(c));
  if (missing.length > 0) {
    throw new MatchFileError(
      file,
      headerLine,
      `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; the header must name ${MATCH_CSV_COLUMNS.join(',')}`,
    );
  }

  const records: MatchRecord[] = [];
  const firstLineOfId = new Map<string, number>();
  for (const { line: at, cells: row } of read.table.rows) {
    const field = (name: (typeof MATCH_CSV_COLUMNS)[number]) =>
      (row[columns.get(name) ?? -1] ?? '').trim();
    const id = field('id');
    const name = field('name');
    if (id === '') throw new MatchFileError(file, at, 'id is empty');
    const first = firstLineOfId.get(id);
    if (first !== undefined)
      throw new MatchFileError(file, at, `id "${id}" was already used on line ${first}`);
    firstLineOfId.set(id, at);
    if (name === '') throw new MatchFileError(file, at, 'name is empty');
    records.push({
      id,
      name,
      birthDate: checkBirthDate(field('birth_date'), file, at),
      place: field('place') || null,
      fatherName: field('father_name') || null,
    });
  }
  return records;
}

/**
 * Reads and parses one matching CSV from disk.
 *
 * @example
 * readMatchCsv('registry.csv').length
 */
export function readMatchCsv(path: string): MatchRecord[] {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem =
      code === 'ENOENT'
        ? 'file not found'
        : code === 'EISDIR'
          ? 'is a folder, not a file'
          : `cannot be read (${code ?? String(error)})`;
    throw new MatchFileError(path, null, problem);
  }
  return parseMatchCsv(decodeCsvBytes(bytes, path), path);
}

/**
 * Matches list records against registry records and returns one JSON line per list row:
 * `{"id","decision","match"?,"candidates":[{"id","score"}]}`. Shared by the command and the benchmark.
 *
 * @example
 * matchRecordsToLines(registry, list)[0] // '{"id":"L1","decision":"match","match":"R7","candidates":[…]}'
 */
export function matchRecordsToLines(
  registry: MatchRecord[],
  list: MatchRecord[],
  options: MatchListOptions = {},
): string[] {
  return matchList(registry, list, options).map((row) => JSON.stringify(row));
}

function parseArguments(argv: string[]): { registry: string; list: string } | string {
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = /^--(registry|list)=(.*)$/.exec(arg);
    if (eq) {
      values[eq[1] as string] = eq[2] as string;
    } else if (arg === '--registry' || arg === '--list') {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) return `${arg} needs a file path`;
      values[arg.slice(2)] = value;
      i++;
    } else if (arg !== 'match') {
      return `unknown argument "${arg}"`;
    }
  }
  if (!values.registry) return 'missing --registry';
  if (!values.list) return 'missing --list';
  return { registry: values.registry, list: values.list };
}

/**
 * `vigil match --registry REGISTRY.csv --list LIST.csv`: prints one JSON line per list row with
 * the decision (`match`, `review` or `new`) and up to five candidates from the registry. Bad
 * files are reported on stderr with file and line, and nothing is printed on stdout.
 *
 * @returns the exit code: 0 done, 1 an input file is bad, 2 wrong arguments.
 * @example
 * await runMatchCommand(['--registry', 'registry.csv', '--list', 'list.csv'], { stdout: console.log, stderr: console.error })
 */
export async function runMatchCommand(argv: string[], io: CommandIo): Promise<number> {
  const args = parseArguments(argv);
  if (typeof args === 'string') {
    io.stderr(`vigil match: ${args}`);
    io.stderr(USAGE);
    return 2;
  }
  let registry: MatchRecord[];
  let list: MatchRecord[];
  try {
    registry = readMatchCsv(args.registry);
    list = readMatchCsv(args.list);
  } catch (error) {
    if (!(error instanceof MatchFileError)) throw error;
    io.stderr(`vigil match: ${error.message}`);
    return 1;
  }
  for (const line of matchRecordsToLines(registry, list)) io.stdout(line);
  return 0;
}
