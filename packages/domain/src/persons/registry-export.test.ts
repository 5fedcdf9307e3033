import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { personFields } from './person.schema.ts';
import {
  mayExportRegistry,
  neutralizeFormula,
  registryExportColumns,
  registryExportCsv,
  registryExportFilename,
  registryExportJson,
  registryExportRow,
  type RegistryExportPerson,
} from './registry-export.ts';
import { SENSITIVITIES } from '../sensitivity/sensitivity.ts';

// Fictional persons only.
const person: RegistryExportPerson = {
  id: '3f0c2b9e-1a2b-4c3d-8e4f-5a6b7c8d9e0f',
  names: [
    { value: 'Aram Exporttestyan' },
    { value: 'Արամ Էքսպորտթեսթյան' },
    { value: 'Арам Экспорттестян' },
  ],
  sex: 'male',
  birthDate: '1990-05',
  birthPlace: 'A fictional village',
  fatherName: 'Fathername Exporttestyan',
  citizenship: 'AM',
  affiliation: 'military',
  unit: 'Unit 7',
  rank: 'private',
  identifiers: [
    { kind: 'service_number', value: 'SN-EXPORT-1' },
    { kind: 'icrc_case', value: 'ICRC-42' },
  ],
  sensitivity: 'partner',
  status: {
    summary: 'held — alive, confirmed 2021-03-01',
    liberty: { value: 'held' },
    life: { value: 'alive_confirmed', lastProofOfLife: '2021-03-01' },
    acknowledgement: { value: 'acknowledged' },
    legal: {
      assessed: 'prisoner_of_war',
      asserted: [{ category: 'prisoner_of_war' }, { category: 'hostage' }],
    },
  },
};
const FAMILY_CONTACT = 'Sister, +374 00 111 222 (fictional)';
/** A record as the database holds it, with what no export may carry. */
const withContact = { ...person, familyContact: FAMILY_CONTACT, notes: 'A staff note' };

const keysFor = (clearance: (typeof SENSITIVITIES)[number]) =>
  registryExportColumns(clearance).map((c) => c.key);

function parseCsv(csv: string) {
  const parsed = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), {
    newline: '\r\n',
    skipEmptyLines: true,
  });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

describe('the columns of a registry export', () => {
  it('leaves out, entirely, every column whose field is above the clearance', () => {
    const partner = keysFor('partner');
    expect(partner).toEqual([
      'id',
      'name',
      'other_names',
      'sex',
      'birth_date',
      'citizenship',
      'affiliation',
      'unit',
      'rank',
      'sensitivity',
      'status',
      'liberty',
      'life',
      'acknowledgement',
      'legal_category',
      'legal_categories_claimed',
      'last_proof_of_life',
    ]);
    for (const staffOnly of ['identifiers', 'birth_place', 'father_name'])
      expect(keysFor('staff')).toContain(staffOnly);
    // Names and everything undeclared are partner-level: a public caller gets only the id.
    // A public record is named: its names go wherever the record may go.
    expect(keysFor('public')).toEqual(['id', 'name', 'other_names']);
  });

  it('never has a column of a restricted field, even for a caller cleared for restricted data', () => {
    expect(keysFor('restricted')).toEqual(keysFor('staff'));
    for (const clearance of SENSITIVITIES)
      for (const column of registryExportColumns(clearance)) {
        expect(personFields[column.field], column.key).not.toBe('restricted');
        expect(column.field).not.toBe('familyContact');
      }
  });
});

describe('the row of one person', () => {
  it('gives the first name, the other spellings, the partial birth date as stored, identifiers as kind:value, and the status', () => {
    expect(registryExportRow(person, registryExportColumns('staff'))).toEqual({
      id: person.id,
      name: 'Aram Exporttestyan',
      other_names: ['Արամ Էքսպորտթեսթյան', 'Арам Экспорттестян'],
      sex: 'male',
      birth_date: '1990-05',
      birth_place: 'A fictional village',
      father_name: 'Fathername Exporttestyan',
      citizenship: 'AM',
      affiliation: 'military',
      unit: 'Unit 7',
      rank: 'private',
      identifiers: ['service_number:SN-EXPORT-1', 'icrc_case:ICRC-42'],
      sensitivity: 'partner',
      status: 'held — alive, confirmed 2021-03-01',
      liberty: 'held',
      life: 'alive_confirmed',
      acknowledgement: 'acknowledged',
      legal_category: 'prisoner_of_war',
      legal_categories_claimed: ['prisoner_of_war', 'hostage'],
      last_proof_of_life: '2021-03-01',
    });
  });

  it('holds only the columns given, and never the family contact or notes of the record', () => {
    for (const clearance of SENSITIVITIES) {
      const columns = registryExportColumns(clearance);
      const row = registryExportRow(withContact, columns);
      expect(Object.keys(row)).toEqual(columns.map((c) => c.key));
      const csv = registryExportCsv(columns, [row]);
      const json = registryExportJson({ generatedAt: new Date(), clearance, filters: {} }, [row]);
      for (const file of [csv, json]) {
        expect(file).not.toContain(FAMILY_CONTACT);
        expect(file).not.toContain('A staff note');
      }
    }
    const partnerCsv = registryExportCsv(registryExportColumns('partner'), [
      registryExportRow(withContact, registryExportColumns('partner')),
    ]);
    for (const staffValue of ['SN-EXPORT-1', 'Fathername', 'A fictional village'])
      expect(partnerCsv).not.toContain(staffValue);
  });

  it('gives null for what is not recorded, and an empty list for no other names', () => {
    const bare: RegistryExportPerson = {
      ...person,
      names: [{ value: 'Aram Barevyan' }],
      birthDate: null,
      identifiers: [],
      status: {
        ...person.status,
        life: { value: 'unknown', lastProofOfLife: null },
        legal: { assessed: null, asserted: [] },
      },
    };
    expect(registryExportRow(bare, registryExportColumns('staff'))).toMatchObject({
      other_names: [],
      birth_date: null,
      identifiers: [],
      legal_category: null,
      legal_categories_claimed: [],
      last_proof_of_life: null,
    });
  });
});

describe('the CSV', () => {
  const columns = registryExportColumns('staff');

  it('is UTF-8 with a byte-order mark, a header row and CRLF line ends', () => {
    const csv = registryExportCsv(columns, [registryExportRow(person, columns)]);
    expect(csv.startsWith('\uFEFFid,name,other_names,')).toBe(true);
    const lines = csv.split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[2], 'the last record ends with CRLF too').toBe('');
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/\n/);
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });

  it('joins several values with " | " and quotes only the cells that need it', () => {
    const row = registryExportRow(
      { ...person, names: [{ value: 'Petrosyan, Gor' }, { value: 'Gor "Gogo" Petrosyan' }] },
      columns,
    );
    const csv = registryExportCsv(columns, [row]);
    expect(csv).toContain(',"Petrosyan, Gor","Gor ""Gogo"" Petrosyan",male,1990-05,');
    expect(csv).toContain(',service_number:SN-EXPORT-1 | icrc_case:ICRC-42,');
    const [, cells] = parseCsv(csv);
    expect(cells?.[1]).toBe('Petrosyan, Gor');
    expect(cells?.[2]).toBe('Gor "Gogo" Petrosyan');
  });

  it('has only its header when nobody matches', () => {
    expect(registryExportCsv(registryExportColumns('public'), [])).toBe(
      '\uFEFFid,name,other_names\r\n',
    );
  });

  it.each([
    '=HYPERLINK("http://x.example","click")',
    '+1+1',
    '-2+3',
    '@SUM(A1:A2)',
    '\t=1+1',
    '\r=1+1',
    '=1+1\nsecond line',
  ])('neutralizes a cell that begins like a formula: %j', (name) => {
    const csv = registryExportCsv(columns, [
      registryExportRow({ ...person, names: [{ value: name }] }, columns),
    ]);
    const [, cells] = parseCsv(csv);
    expect(cells?.[1]).toBe(`'${name}`);
  });

  it('neutralizes every cell that begins like a formula and nothing else, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (cell) => {
        const safe = neutralizeFormula(cell);
        expect(/^[=+\-@\t\r]/.test(safe)).toBe(false);
        expect(safe === cell || safe === `'${cell}`).toBe(true);
      }),
    );
  });

  it('gives back Armenian, Cyrillic and any other names exactly through papaparse', () => {
    const names = ['Հայկ Մարտիրոսյան', 'Айк Мартиросян', 'Haik Martirosian', 'Ağa Testoğlu'];
    const rows = names.map((value) =>
      registryExportRow({ ...person, names: [{ value }] }, columns),
    );
    const parsed = parseCsv(registryExportCsv(columns, rows));
    expect(parsed[0]).toEqual(columns.map((c) => c.key));
    expect(parsed.slice(1).map((cells) => cells[1])).toEqual(names);

    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }), {
          minLength: 1,
          maxLength: 5,
        }),
        (values) => {
          const generated = values.map((value) =>
            registryExportRow({ ...person, names: [{ value }] }, columns),
          );
          const back = parseCsv(registryExportCsv(columns, generated));
          expect(back.slice(1).map((cells) => cells[1])).toEqual(values.map(neutralizeFormula));
        },
      ),
    );
  });
});

describe('the JSON', () => {
  it('says when, for which clearance and filters, how many, and gives the rows with lists kept', () => {
    const columns = registryExportColumns('partner');
    const json = registryExportJson(
      {
        generatedAt: new Date('2026-11-29T10:00:00Z'),
        clearance: 'partner',
        filters: { q: 'Aram', sex: 'male', affiliation: undefined },
      },
      [registryExportRow(person, columns)],
    );
    expect(JSON.parse(json)).toEqual({
      generatedAt: '2026-11-29T10:00:00.000Z',
      clearance: 'partner',
      filters: { q: 'Aram', sex: 'male' },
      count: 1,
      persons: [
        expect.objectContaining({
          name: 'Aram Exporttestyan',
          other_names: ['Արամ Էքսպորտթեսթյան', 'Арам Экспорттестян'],
          legal_categories_claimed: ['prisoner_of_war', 'hostage'],
        }),
      ],
    });
    expect(json).not.toContain('identifiers');
  });
});

describe('who may export the registry', () => {
  it('lets staff who may write, and a partner key with persons:read', () => {
    expect(mayExportRegistry({ role: 'viewer' })).toBe(false);
    expect(mayExportRegistry({ role: 'reviewer' })).toBe(false);
    expect(mayExportRegistry({ role: 'editor' })).toBe(true);
    expect(mayExportRegistry({ role: 'admin' })).toBe(true);
    expect(mayExportRegistry({ role: 'viewer', scopes: ['persons:read'] })).toBe(true);
    expect(mayExportRegistry({ role: 'viewer', scopes: ['events:read', 'counts:read'] })).toBe(
      false,
    );
  });
});

describe('the file name', () => {
  it('names the day only', () => {
    const at = new Date('2026-11-29T23:59:00Z');
    expect(registryExportFilename('csv', at)).toBe('vigil-registry-2026-11-29.csv');
    expect(registryExportFilename('json', at)).toBe('vigil-registry-2026-11-29.json');
  });
});
