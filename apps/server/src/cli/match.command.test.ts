import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runMatchCommand } from './match.command.ts';

const dir = mkdtempSync(join(tmpdir(), 'vigil-match-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileCount = 0;
/** Writes a file for one test and returns its path. */
function file(content: string | Uint8Array): string {
  const path = join(dir, `file-${++fileCount}.csv`);
  writeFileSync(path, content);
  return path;
}

async function run(argv: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runMatchCommand(argv, {
    stdout: (l) => stdout.push(l),
    stderr: (l) => stderr.push(l),
  });
  return { code, stdout, stderr };
}

const HEADER = 'id,name,birth_date,place,father_name';
const REGISTRY = [
  HEADER,
  'R1,Հայկ Մարտիրոսյան,1990-05-12,Գյումրի,Արմեն',
  'R2,Əli Həsənov,1979-03-04,Bakı,Xəlil',
  'R3,Сергей Иванов,1985,,',
  'R4,Hayk Martirosyan,1971-02-03,Vanadzor,Samvel',
].join('\n');

describe('vigil match', () => {
  it('prints one JSON line per list row, in list order', async () => {
    const list = file(
      [
        HEADER,
        'L1,MARTIROSYAN Hayk,1990-05-12,,',
        'L2,Гасанов Али Халил оглы,1979,,',
        'L3,Sergey Ivanov,1985,,',
        'L4,Narek Avetisyan,2001-01-01,,',
      ].join('\n'),
    );
    const { code, stdout, stderr } = await run(['--registry', file(REGISTRY), '--list', list]);
    expect(stderr).toEqual([]);
    expect(code).toBe(0);
    const rows = stdout.map((line) => JSON.parse(line));
    expect(rows.map((r) => [r.id, r.decision, r.match])).toEqual([
      ['L1', 'match', 'R1'],
      ['L2', 'match', 'R2'],
      ['L3', 'review', undefined],
      ['L4', 'new', undefined],
    ]);
    expect(Object.keys(rows[0])).toEqual(['id', 'decision', 'match', 'candidates']);
    expect(Object.keys(rows[2])).toEqual(['id', 'decision', 'candidates']);
    expect(rows[0].candidates[0]).toEqual({ id: 'R1', score: expect.any(Number) });
    expect(rows[0].candidates.length).toBeLessThanOrEqual(5);
  });

  it('never matches a namesake with another birth year and father', async () => {
    const list = file([HEADER, 'L1,Hayk Martirosyan,1965-07-08,,Levon'].join('\n'));
    const { stdout } = await run(['--registry', file(REGISTRY), '--list', list]);
    expect(JSON.parse(stdout[0] ?? '{}').decision).not.toBe('match');
  });

  it('accepts a UTF-8 byte-order mark, CRLF lines, quoted fields and columns in any order', async () => {
    const text =
      '\uFEFFname,id,father_name,place,birth_date,notes\r\n"Martirosyan, Hayk",L1,,"Gyumri\r\ncentre",1990-05-12,"said ""seen"""\r\n';
    const { code, stdout, stderr } = await run([
      '--registry',
      file(REGISTRY),
      `--list=${file(text)}`,
    ]);
    expect(stderr).toEqual([]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout[0] ?? '{}')).toMatchObject({
      id: 'L1',
      decision: 'match',
      match: 'R1',
    });
  });

  it('skips blank lines', async () => {
    const list = file(`${HEADER}\n\nL1,Hayk Martirosyan,1990-05-12,,\n\n`);
    const { stdout } = await run(['--registry', file(REGISTRY), '--list', list]);
    expect(stdout).toHaveLength(1);
  });

  it('prints nothing for a list with a header only', async () => {
    const { code, stdout } = await run([
      '--registry',
      file(REGISTRY),
      '--list',
      file(`${HEADER}\n`),
    ]);
    expect(code).toBe(0);
    expect(stdout).toEqual([]);
  });
});

describe('vigil match with bad files', () => {
  async function expectFileError(list: string, pattern: RegExp) {
    const { code, stdout, stderr } = await run(['--registry', file(REGISTRY), '--list', list]);
    expect(code).toBe(1);
    expect(stdout).toEqual([]);
    expect(stderr.join('\n')).toMatch(pattern);
    expect(stderr.join('\n')).toContain(list);
  }

  it('names a missing file', async () => {
    await expectFileError(join(dir, 'nowhere.csv'), /file not found/);
  });

  it('names missing columns on line 1', async () => {
    await expectFileError(
      file('id,name,place\nL1,Hayk Martirosyan,Gyumri\n'),
      /line 1: missing columns birth_date, father_name/,
    );
  });

  it('names the line where a quoted field is not closed', async () => {
    await expectFileError(
      file(`${HEADER}\nL1,Hayk Martirosyan,,,\nL2,"Aram Sargsyan,1990,,\nL3,Levon Petrosyan,,,\n`),
      /line 3: .*quote/i,
    );
  });

  it('names the line with a closing quote followed by other text', async () => {
    await expectFileError(file(`${HEADER}\nL1,"Hayk" Martirosyan,1990,,\n`), /line 2: .*quote/i);
  });

  it('names the line of bytes that are not UTF-8', async () => {
    const bytes = Buffer.concat([
      Buffer.from(`${HEADER}\nL1,Hayk,,,\nL2,`),
      Buffer.from([0xc1, 0xe9, 0xf2]),
      Buffer.from(',,,\n'),
    ]);
    await expectFileError(file(bytes), /line 3: the file is not valid UTF-8/);
  });

  it('refuses UTF-16 with a byte-order mark', async () => {
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(`${HEADER}\nL1,Hayk,,,\n`, 'utf16le'),
    ]);
    await expectFileError(file(utf16), /line 1: the file is UTF-16/);
  });

  it('refuses UTF-16 without a byte-order mark', async () => {
    await expectFileError(
      file(Buffer.from(`${HEADER}\nL1,Hayk,,,\n`, 'utf16le')),
      /line 1: .*UTF-16/,
    );
  });

  it('names a row with too many or too few fields', async () => {
    await expectFileError(
      file(`${HEADER}\nL1,Hayk Martirosyan,1990,,\nL2,Aram,1990\n`),
      /line 3: has 3 fields where the header names 5/,
    );
  });

  it('names a birth date that is not a date', async () => {
    await expectFileError(
      file(`${HEADER}\nL1,Hayk Martirosyan,12.05.1990,,\n`),
      /line 2: birth_date "12.05.1990" is not a date/,
    );
    await expectFileError(
      file(`${HEADER}\nL1,Hayk Martirosyan,1990-13-01,,\n`),
      /line 2: birth_date "1990-13-01" is not a date \(month 13 does not exist\)/,
    );
  });

  it('names an empty or repeated id and an empty name', async () => {
    await expectFileError(file(`${HEADER}\n,Hayk Martirosyan,,,\n`), /line 2: id is empty/);
    await expectFileError(
      file(`${HEADER}\nL1,Hayk,,,\nL1,Aram,,,\n`),
      /line 3: id "L1" was already used on line 2/,
    );
    await expectFileError(file(`${HEADER}\nL1,,1990,,\n`), /line 2: name is empty/);
  });

  it('counts lines inside quoted fields when naming a line', async () => {
    await expectFileError(
      file(`${HEADER}\nL1,"Hayk\nMartirosyan",,,\nL2,Aram,1990-99,,\n`),
      /line 4: birth_date/,
    );
  });

  it('names an empty file', async () => {
    await expectFileError(file(''), /line 1: the file is empty/);
  });

  it('checks the registry as well as the list', async () => {
    const registry = file('id,name\nR1,Hayk\n');
    const { code, stdout, stderr } = await run([
      '--registry',
      registry,
      '--list',
      file(`${HEADER}\n`),
    ]);
    expect(code).toBe(1);
    expect(stdout).toEqual([]);
    expect(stderr.join('\n')).toContain(registry);
  });

  it('explains wrong arguments with exit code 2', async () => {
    const { code, stdout, stderr } = await run(['--registry', 'a.csv']);
    expect(code).toBe(2);
    expect(stdout).toEqual([]);
    expect(stderr.join('\n')).toMatch(
      /missing --list[\s\S]*usage: vigil match --registry REGISTRY.csv --list LIST.csv/,
    );
  });
});
