import {
  AppError,
  auditDiff,
  MAX_REGISTRY_EXPORT_PERSONS,
  mayExportRegistry,
  REGISTRY_EXPORT_FORMATS,
  REGISTRY_EXPORT_MEDIA_TYPES,
  registryExportColumns,
  registryExportCsv,
  registryExportFilename,
  registryExportJson,
  registryExportRow,
  type RegistryExportRow,
} from '@vigil/domain';
import { appendAudit } from '@vigil/db';
import { z } from 'zod';
import type { ServiceContext } from '../context.ts';
import type { PartnerActor } from '../partners/api-keys.service.ts';
import { listPersons, PersonListInputSchema } from './persons.service.ts';

/**
 * What an export is asked for: a format and the registry's own filters, whatever they are
 * (every filter `persons.list` takes, without its paging).
 */
export const RegistryExportInputSchema = PersonListInputSchema.omit({
  cursor: true,
  limit: true,
}).extend({
  format: z.enum(REGISTRY_EXPORT_FORMATS, 'must be csv or json'),
});
export type RegistryExportInput = z.infer<typeof RegistryExportInputSchema>;

/** The most `persons.list` gives at once. */
const PAGE_SIZE = 200;

/** How a typed filter value (a search may be a name, a place a village) stands in the audit log. */
const WITHHELD_FILTER = '[withheld]';

/** Filters whose values come from a fixed vocabulary: the audit entry may keep their value. */
const VOCABULARY_FILTERS: ReadonlySet<string> = new Set(['sex', 'affiliation', 'category']);

/**
 * The filters as the audit entry keeps them: which were used, with the value of those from a
 * vocabulary; typed text is withheld, since a search is often a person's name, and a registry
 * export's entry is not sealed under any person's key, so a purge could not erase it.
 */
function auditedFilters(filters: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(filters)
      .filter(([, value]) => value !== undefined && value !== '')
      .map(([key, value]) => [key, VOCABULARY_FILTERS.has(key) ? value : WITHHELD_FILTER]),
  );
}

/** Settings a test may lower, to page and to reach the cap with a few persons. */
export interface RegistryExportOptions {
  /** Most persons in one export; {@link MAX_REGISTRY_EXPORT_PERSONS} unless given. */
  maxPersons?: number;
  /** Persons read at a time; the most `persons.list` gives unless given. */
  pageSize?: number;
}

/**
 * The registry as one file (CSV or JSON), for staff in the admin app and partners through their
 * key. It walks `listPersons` page by page with the caller's filters, so every filter and every
 * clearance rule of the registry applies unchanged: persons above the caller's clearance and
 * deleted records are not there, statuses rest only on what the caller may see, and a column
 * whose field is above the caller's clearance is absent (the family contact never leaves).
 *
 * Who may: staff whose role may write (editors, admins) and a partner key with `persons:read`
 * (`mayExportRegistry`); a viewer or reviewer gets FORBIDDEN. The file is built in memory, up to
 * {@link MAX_REGISTRY_EXPORT_PERSONS} persons: beyond it the caller is asked to narrow the
 * filters (BAD_REQUEST), and nothing is returned or audited. It is not streamed, so that the
 * one audit entry (`export` on `registry`: format, clearance, filters, count; never a name or a
 * typed value) is written with the exact count before any of it leaves. The walk is not a
 * snapshot: a record changed meanwhile is in the file as it was when its page was read.
 *
 * @example
 * const { filename, mediaType, text } = await exportRegistry(ctx, { format: 'csv', sex: 'male' });
 */
export async function exportRegistry(
  ctx: ServiceContext,
  input: RegistryExportInput,
  options: RegistryExportOptions = {},
) {
  const maxPersons = options.maxPersons ?? MAX_REGISTRY_EXPORT_PERSONS;
  const actor: ServiceContext['actor'] & Partial<Pick<PartnerActor, 'scopes'>> = ctx.actor;
  if (!mayExportRegistry(actor))
    throw new AppError(
      'FORBIDDEN',
      actor.scopes
        ? 'This key does not have the persons:read scope'
        : `Your role (${actor.role}) may not export the registry: ask an editor or an admin`,
    );
  const { format, ...filters } = input;
  const columns = registryExportColumns(ctx.actor.clearance);
  const generatedAt = new Date();
  const rows: RegistryExportRow[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await listPersons(ctx, {
      ...filters,
      cursor,
      limit: options.pageSize ?? PAGE_SIZE,
    });
    for (const person of page.items) {
      // A record renamed during the walk may come round again under its new name.
      if (seen.has(person.id)) continue;
      seen.add(person.id);
      if (seen.size > maxPersons)
        throw new AppError(
          'BAD_INPUT',
          `The export would hold more than ${maxPersons.toLocaleString('en')} persons: narrow the filters and export in parts`,
        );
      rows.push(registryExportRow(person, columns));
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);

  const text =
    format === 'csv'
      ? registryExportCsv(columns, rows)
      : registryExportJson({ generatedAt, clearance: ctx.actor.clearance, filters }, rows);
  await ctx.db.transaction((tx) =>
    appendAudit(tx, {
      actorId: ctx.actor.id,
      action: 'export',
      entity: 'registry',
      entityId: null,
      ip: ctx.ip,
      diff: auditDiff(null, {
        format,
        clearance: ctx.actor.clearance,
        filters: auditedFilters(filters),
        count: rows.length,
      }),
    }),
  );
  return {
    filename: registryExportFilename(format, generatedAt),
    mediaType: REGISTRY_EXPORT_MEDIA_TYPES[format],
    text,
    count: rows.length,
  };
}
