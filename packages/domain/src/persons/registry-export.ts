import Papa from 'papaparse';
import { isoDay } from '../dates/partial-date.ts';
import type { ApiScope } from '../partners/api-key.ts';
import {
  DEFAULT_FIELD_SENSITIVITY,
  isFieldCleared,
  type Sensitivity,
} from '../sensitivity/sensitivity.ts';
import { roleAllows, type Role } from '../users/user.schema.ts';
import { personFields } from './person.schema.ts';

/** The formats the registry can be exported in. */
export const REGISTRY_EXPORT_FORMATS = ['csv', 'json'] as const;
export type RegistryExportFormat = (typeof REGISTRY_EXPORT_FORMATS)[number];

/**
 * Most persons one export may hold, as many as one list import: beyond it the caller is asked
 * to narrow the filters, so that a file is built in memory and audited with its exact count.
 */
export const MAX_REGISTRY_EXPORT_PERSONS = 20_000;

/** How the values of a column holding several are written in one CSV cell. */
export const REGISTRY_EXPORT_SEPARATOR = ' | ';

/**
 * Who may export the registry. Staff need a role that may write (editors, admins): a viewer or
 * reviewer may page through the registry, but a whole registry in one file is what a leak is
 * made of, so it is left to those trusted with changing it. A partner's key needs the
 * `persons:read` scope, which an admin gave it to share the registry: the export holds nothing
 * its pages would not. Either way the file is cut to the caller's clearance.
 *
 * @example
 * mayExportRegistry({ role: 'viewer' }) // false
 * mayExportRegistry({ role: 'viewer', scopes: ['persons:read'] }) // true: a partner's key
 */
export function mayExportRegistry(caller: {
  role: Role;
  /** Set for a partner's API key only. */
  scopes?: readonly ApiScope[];
}): boolean {
  if (caller.scopes) return caller.scopes.includes('persons:read');
  return roleAllows(caller.role, 'write');
}

/** A person as the registry lists them, cut to the caller's clearance: any field may be absent. */
export interface RegistryExportPerson {
  id: string;
  names: readonly { value: string }[];
  sex?: string | null;
  birthDate?: string | null;
  birthPlace?: string | null;
  fatherName?: string | null;
  citizenship?: string | null;
  affiliation?: string | null;
  unit?: string | null;
  rank?: string | null;
  identifiers?: readonly { kind: string; value: string }[] | null;
  sensitivity?: string | null;
  /** The status as derived for the caller, from what they may see. */
  status: {
    summary: string;
    liberty: { value: string };
    life: { value: string; lastProofOfLife: string | null };
    acknowledgement: { value: string };
    legal: { assessed: string | null; asserted: readonly { category: string }[] };
  };
}

/** One cell's value: text, several texts (a CSV cell joins them), or nothing recorded. */
export type RegistryExportValue = string | readonly string[] | null;

/** One column of the export and the field of a person whose sensitivity decides who gets it. */
export interface RegistryExportColumn {
  /** The CSV header and the JSON key. */
  key: string;
  /** The field of the person record (see `personFields`) the column's values come from. */
  field: string;
  value: (person: RegistryExportPerson) => RegistryExportValue;
}

const text = (value: string | null | undefined) => value ?? null;

/**
 * Every column the export may have, in order. The family contact is not among them: it is
 * restricted, and read only on a person's page, where each read is audited. Notes are not
 * either: free text that may name a witness or a relative, kept for the staff who wrote it.
 */
const COLUMNS: readonly RegistryExportColumn[] = [
  { key: 'id', field: 'id', value: (p) => p.id },
  { key: 'name', field: 'names', value: (p) => p.names[0]?.value ?? null },
  { key: 'other_names', field: 'names', value: (p) => p.names.slice(1).map((n) => n.value) },
  { key: 'sex', field: 'sex', value: (p) => text(p.sex) },
  { key: 'birth_date', field: 'birthDate', value: (p) => text(p.birthDate) },
  { key: 'birth_place', field: 'birthPlace', value: (p) => text(p.birthPlace) },
  { key: 'father_name', field: 'fatherName', value: (p) => text(p.fatherName) },
  { key: 'citizenship', field: 'citizenship', value: (p) => text(p.citizenship) },
  { key: 'affiliation', field: 'affiliation', value: (p) => text(p.affiliation) },
  { key: 'unit', field: 'unit', value: (p) => text(p.unit) },
  { key: 'rank', field: 'rank', value: (p) => text(p.rank) },
  {
    key: 'identifiers',
    field: 'identifiers',
    value: (p) => (p.identifiers ?? []).map((i) => `${i.kind}:${i.value}`),
  },
  // Who may see the record: a partner needs it to know which names may be published.
  { key: 'sensitivity', field: 'sensitivity', value: (p) => text(p.sensitivity) },
  { key: 'status', field: 'status', value: (p) => p.status.summary },
  { key: 'liberty', field: 'status', value: (p) => p.status.liberty.value },
  { key: 'life', field: 'status', value: (p) => p.status.life.value },
  { key: 'acknowledgement', field: 'status', value: (p) => p.status.acknowledgement.value },
  { key: 'legal_category', field: 'status', value: (p) => p.status.legal.assessed },
  {
    key: 'legal_categories_claimed',
    field: 'status',
    value: (p) => p.status.legal.asserted.map((a) => a.category),
  },
  { key: 'last_proof_of_life', field: 'status', value: (p) => p.status.life.lastProofOfLife },
];

/**
 * The columns of an export for a caller with `clearance`: a column whose field is above it is
 * absent, not blank, so a partner's file does not even say that identifiers exist. A field at
 * restricted level is never exported, whatever the clearance.
 *
 * @example
 * registryExportColumns('partner').map((c) => c.key).includes('identifiers') // false
 * registryExportColumns('staff').map((c) => c.key).includes('identifiers') // true
 */
export function registryExportColumns(clearance: Sensitivity): RegistryExportColumn[] {
  return COLUMNS.filter(
    ({ field }) =>
      (personFields[field] ?? DEFAULT_FIELD_SENSITIVITY) !== 'restricted' &&
      isFieldCleared(personFields, field, clearance),
  );
}

/** One person as a row of the export: the value of each of `columns`, and nothing else. */
export type RegistryExportRow = Record<string, RegistryExportValue>;

/**
 * The row of one person: each column's value, read only from that column's field. Several
 * values (other names, identifiers as `kind:value`, legal categories claimed) stay a list here;
 * the CSV joins them. A birth date is given as stored (`1990`, `1990-05`, a range).
 *
 * @example
 * registryExportRow(person, registryExportColumns('partner'))
 * // { id: '…', name: 'Aram Testyan', other_names: ['Արամ Թեսթյան'], sex: 'male', … }
 */
export function registryExportRow(
  person: RegistryExportPerson,
  columns: readonly RegistryExportColumn[],
): RegistryExportRow {
  const row: RegistryExportRow = {};
  for (const column of columns) row[column.key] = column.value(person);
  return row;
}

/** First characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell's text made safe to open in a spreadsheet: text that begins like a formula gets a
 * leading apostrophe, so `=HYPERLINK(…)` is shown, never run (OWASP "CSV Injection").
 *
 * @example
 * neutralizeFormula('=1+1') // "'=1+1"
 * neutralizeFormula('Aram') // 'Aram'
 */
export function neutralizeFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

function csvCell(value: RegistryExportValue): string {
  if (value === null) return '';
  const joined = typeof value === 'string' ? value : value.join(REGISTRY_EXPORT_SEPARATOR);
  return neutralizeFormula(joined);
}

/**
 * The export as CSV: UTF-8 with a byte-order mark (so that Excel reads Armenian and Cyrillic),
 * a header row, CRLF after every record (RFC 4180), fields quoted where they need it, and every cell that begins
 * like a formula neutralized. papaparse's own `escapeFormulae` is not used: its pattern misses
 * a formula followed by a line break inside the cell.
 *
 * @example
 * registryExportCsv(columns, rows) // '\uFEFFid,name,…\r\n3f0c…,Aram Testyan,…\r\n'
 */
export function registryExportCsv(
  columns: readonly RegistryExportColumn[],
  rows: readonly RegistryExportRow[],
): string {
  const fields = columns.map((c) => c.key);
  const csv = Papa.unparse(
    { fields, data: rows.map((row) => fields.map((key) => csvCell(row[key] ?? null))) },
    { newline: '\r\n', quotes: false, escapeFormulae: false, header: true },
  );
  // Every record ends with CRLF, the last one too (papaparse ends only a header-only file so).
  return `\uFEFF${csv.endsWith('\r\n') ? csv : `${csv}\r\n`}`;
}

/** What a JSON export says besides its rows. */
export interface RegistryExportHeader {
  generatedAt: Date;
  clearance: Sensitivity;
  /** The filters the caller chose, as they chose them. */
  filters: Record<string, unknown>;
}

/**
 * The export as JSON: `{ generatedAt, clearance, filters, count, persons }`, each person with
 * the same keys as the CSV's columns (lists stay lists).
 *
 * @example
 * JSON.parse(registryExportJson({ generatedAt, clearance: 'partner', filters: {} }, rows)).count
 */
export function registryExportJson(
  header: RegistryExportHeader,
  rows: readonly RegistryExportRow[],
): string {
  const filters = Object.fromEntries(
    Object.entries(header.filters).filter(([, value]) => value !== undefined),
  );
  return JSON.stringify(
    {
      generatedAt: header.generatedAt.toISOString(),
      clearance: header.clearance,
      filters,
      count: rows.length,
      persons: rows,
    },
    null,
    2,
  );
}

/** The media type of each format, as the HTTP answer and the browser's download give it. */
export const REGISTRY_EXPORT_MEDIA_TYPES: Record<RegistryExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json',
};

/**
 * The file name of an export: the day only, never a filter (a search may be a name, and a file
 * name ends up in download lists and logs).
 *
 * @example
 * registryExportFilename('csv', new Date('2026-11-29T10:00:00Z')) // 'vigil-registry-2026-11-29.csv'
 */
export function registryExportFilename(format: RegistryExportFormat, at: Date): string {
  return `vigil-registry-${isoDay(at)}.${format}`;
}
