import { describe, expect, it } from 'vitest';
import { readCsvTable } from './read-csv-table.ts';

describe('readCsvTable', () => {
  it('gives each row the line it starts on, past blank lines and lines inside quotes', () => {
    const result = readCsvTable('\nname,id\r\nA,1\r\n\r\n"B\r\nB",2\r\nC,3\r\n');
    expect(result).toEqual({
      ok: true,
      table: {
        header: ['name', 'id'],
        headerLine: 2,
        rows: [
          { line: 3, cells: ['A', '1'] },
          { line: 5, cells: ['B\nB', '2'] },
          { line: 7, cells: ['C', '3'] },
        ],
      },
    });
  });

  it('reads lists separated by semicolons or tabs, as spreadsheets save them', () => {
    for (const separator of [';', '\t']) {
      const result = readCsvTable(`name${separator}birth_date\nPetrosyan, Gor${separator}1990\n`);
      expect(result.ok && result.table.rows[0]?.cells).toEqual(['Petrosyan, Gor', '1990']);
    }
  });

  it('names the line of a broken quote after a blank line', () => {
    expect(readCsvTable('name,id\nA,1\n\nB,"broken\n')).toMatchObject({
      ok: false,
      line: 4,
      problem: expect.stringContaining('broken quote'),
    });
  });

  it('names a row with more fields than the header: a comma inside a name without quotes', () => {
    expect(readCsvTable('name,id\nPetrosyan, Gor,1\n')).toMatchObject({
      ok: false,
      line: 2,
      problem: 'has 3 fields where the header names 2 (is a comma inside a name not in quotes?)',
    });
  });

  it('names a column that appears twice, and an empty file', () => {
    expect(readCsvTable('Name,id,NAME\nA,1,B\n')).toMatchObject({ ok: false, line: 1 });
    expect(readCsvTable('\n \n')).toMatchObject({ ok: false, line: 1 });
  });
});
