import {
  AppError,
  ImportRowChoiceSchema,
  importRowChoiceProblem,
  LIST_FORMATS,
  MAX_LIST_ROWS,
  parseList,
} from '@vigil/domain';
import {
  failImport,
  imports,
  matchImport,
  personNames,
  persons,
  users,
  type ImportRowPreview,
} from '@vigil/db';
import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import { z } from 'zod';
import { auditChange } from '../audit.ts';
import type { ServiceContext } from '../context.ts';
import { visibleLevels } from '../redaction.ts';

export const ImportPreviewInputSchema = z.object({
  format: z.enum(LIST_FORMATS),
  text: z.string().min(1, 'the list is empty').max(5_000_000, 'the list is larger than 5 MB'),
  filename: z.string().trim().max(255).optional(),
  sourceTitle: z
    .string()
    .trim()
    .min(1, 'give the list a title, e.g. who published it and when')
    .max(500),
});

export const ImportConfirmInputSchema = z.object({
  importId: z.uuid('must be a valid id'),
  /** Link rows the matcher is confident about without a person looking at each. */
  acceptAutomatic: z.boolean().default(false),
  /** The importer's own choice for some rows, over the matcher's decision and `acceptAutomatic`. */
  choices: z.array(ImportRowChoiceSchema).max(MAX_LIST_ROWS).default([]),
});

/** Lists of up to this many rows are matched while the user waits; longer ones by the worker. */
export const INLINE_DRY_RUN_ROWS = 500;

/**
 * Dry run of an import: parses the list (a problem is a bad input naming its line), keeps it,
 * and matches every row against the registry as the caller may see it, so the user can look at
 * the result before confirming. A list of up to {@link INLINE_DRY_RUN_ROWS} rows is matched at
 * once; a longer one is matched by the worker (`imports.match-list`) while the admin app shows
 * its progress, unless `inline` (the command line has no worker). Nothing in the registry changes.
 */
export async function previewImport(
  ctx: ServiceContext,
  input: z.infer<typeof ImportPreviewInputSchema>,
  { inline = false } = {},
) {
  const parsed = parseList(input.format, input.text);
  if (!parsed.ok)
    throw AppError.badInput(
      parsed.issues.map((i) => ({
        field: i.field === 'text' ? 'text' : `text (${i.field})`,
        message: i.message,
      })),
    );
  const matchNow = inline || parsed.rows.length <= INLINE_DRY_RUN_ROWS;
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(imports)
      .values({
        state: 'matching',
        format: input.format,
        filename: input.filename ?? null,
        text: input.text,
        rows: parsed.rows,
        total: parsed.rows.length,
        sourceTitle: input.sourceTitle,
        createdBy: ctx.actor.id,
      })
      .returning({ id: imports.id });
    if (!matchNow) await ctx.queue.enqueue(tx, 'imports.match-list', { importId: row!.id });
    await auditChange(tx, ctx, 'create', 'import', row!.id, null, {
      format: input.format,
      filename: input.filename,
      rows: parsed.rows.length,
      state: 'matching',
    });
    return row!.id;
  });
  if (matchNow) {
    try {
      await matchImport(ctx.db, id, { ip: ctx.ip });
    } catch (error) {
      // No job will finish it: the import says it failed instead of matching for ever.
      await failImport(ctx.db, id, 'The dry run could not be finished; try the list again.');
      throw error;
    }
  }
  return getImport(ctx, id, { withRows: true });
}

/**
 * The imports a caller may see: those made by someone cleared no higher than they are. A dry run
 * weighs every person and field its importer may see, so its decisions and scores would tell a
 * caller cleared lower of records and fields they may not read ("matched" on a father's name).
 * Anyone else gets NOT_FOUND, as for an import that does not exist.
 */
function visibleImports(ctx: ServiceContext) {
  return inArray(
    imports.createdBy,
    ctx.db
      .select({ id: users.id })
      .from(users)
      .where(inArray(users.clearance, visibleLevels(ctx.actor.clearance))),
  );
}

/** An import with its progress; with `withRows`, every row's decision and candidates' names. */
export async function getImport(ctx: ServiceContext, id: string, { withRows = false } = {}) {
  const [row] = await ctx.db
    .select()
    .from(imports)
    .where(and(eq(imports.id, id), visibleImports(ctx)));
  if (!row) throw AppError.notFound('Import');
  // While the dry run runs, the rows are the parsed list, not yet decided.
  const rows = row.state === 'matching' ? [] : (row.rows as ImportRowPreview[]);
  const counts = { new: 0, match: 0, review: 0 };
  for (const r of rows) counts[r.decision]++;
  // Candidates are named only when the caller may see them; the others are left out (the
  // import may have been previewed by someone cleared for more).
  const candidateNames: Record<string, string> = {};
  if (withRows) {
    const ids = [...new Set(rows.flatMap((r) => r.candidates.map((c) => c.id)))];
    const names = ids.length
      ? await ctx.db
          .select({ personId: personNames.personId, value: personNames.value })
          .from(personNames)
          .innerJoin(persons, eq(persons.id, personNames.personId))
          .where(
            and(
              inArray(personNames.personId, ids),
              inArray(persons.sensitivity, visibleLevels(ctx.actor.clearance)),
            ),
          )
          .orderBy(asc(personNames.seq))
      : [];
    for (const n of names) candidateNames[n.personId] ??= n.value;
  }
  // The same list imported before would add every row again: the dry run says so.
  const [earlier] =
    row.state === 'previewed'
      ? await ctx.db
          .select({ id: imports.id, sourceTitle: imports.sourceTitle, at: imports.updatedAt })
          .from(imports)
          .where(
            and(
              eq(imports.state, 'applied'),
              eq(imports.text, row.text),
              ne(imports.id, row.id),
              visibleImports(ctx),
            ),
          )
          .orderBy(desc(imports.updatedAt))
          .limit(1)
      : [];
  return {
    id: row.id,
    state: row.state,
    phase: row.phase,
    format: row.format,
    filename: row.filename,
    sourceTitle: row.sourceTitle,
    sourceId: row.sourceId,
    total: row.total,
    processed: row.processed,
    acceptAutomatic: row.acceptAutomatic,
    summary: row.summary,
    error: row.error,
    counts,
    importedBefore: earlier ?? null,
    createdAt: row.createdAt,
    rows:
      withRows && row.state !== 'matching'
        ? rows.map((r) => ({
            ...r,
            match: r.match && r.match in candidateNames ? r.match : null,
            candidates: r.candidates
              .filter((c) => c.id in candidateNames)
              .map((c) => ({ ...c, name: candidateNames[c.id]! })),
          }))
        : undefined,
  };
}

export async function listImports(ctx: ServiceContext) {
  const rows = await ctx.db
    .select({
      id: imports.id,
      state: imports.state,
      sourceTitle: imports.sourceTitle,
      total: imports.total,
      processed: imports.processed,
      createdAt: imports.createdAt,
      summary: imports.summary,
    })
    .from(imports)
    .where(visibleImports(ctx))
    .orderBy(desc(imports.createdAt))
    .limit(50);
  return rows;
}

/** Confirms a previewed import; the worker applies it (all rows or none) and reports progress. */
export async function confirmImport(
  ctx: ServiceContext,
  input: z.infer<typeof ImportConfirmInputSchema>,
) {
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(imports)
      .where(and(eq(imports.id, input.importId), visibleImports(ctx)))
      .for('update');
    if (!before) throw AppError.notFound('Import');
    if (before.state === 'matching')
      throw new AppError('CONFLICT', 'The dry run of this import has not finished yet');
    if (before.state !== 'previewed')
      throw new AppError('CONFLICT', `This import is already ${before.state}`);
    checkChoices(input.choices, before.rows as ImportRowPreview[]);
    await tx
      .update(imports)
      .set({
        state: 'queued',
        acceptAutomatic: input.acceptAutomatic,
        choices: input.choices,
        updatedAt: new Date(),
      })
      .where(eq(imports.id, input.importId));
    await ctx.queue.enqueue(tx, 'imports.apply', { importId: input.importId });
    await auditChange(
      tx,
      ctx,
      'update',
      'import',
      input.importId,
      { state: before.state },
      {
        state: 'queued',
        acceptAutomatic: input.acceptAutomatic,
        ...(input.choices.length ? { choices: input.choices.length } : {}),
      },
    );
  });
  return getImport(ctx, input.importId);
}

/**
 * Refuses choices that do not fit the dry run, naming each row: a line chosen twice, a line the
 * list does not have, a link to someone the dry run did not offer for the row.
 */
function checkChoices(
  choices: readonly z.infer<typeof ImportRowChoiceSchema>[],
  rows: readonly ImportRowPreview[],
) {
  const byLine = new Map(rows.map((r) => [r.line, r]));
  const seen = new Set<number>();
  const issues: { field: string; message: string }[] = [];
  choices.forEach((choice, i) => {
    const problem = seen.has(choice.line)
      ? 'is chosen for twice'
      : importRowChoiceProblem(choice, byLine.get(choice.line));
    seen.add(choice.line);
    if (problem) issues.push({ field: `choices.${i}`, message: `line ${choice.line} ${problem}` });
  });
  if (issues.length) throw AppError.badInput(issues.slice(0, 20));
}
