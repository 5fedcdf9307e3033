import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { actorOf, confirmImport, previewImport, type ServiceContext } from '@vigil/api';
import { AppError, MIN_SHOWN_SCORE } from '@vigil/domain';
import { applyImport, users, type Database, type FileStore } from '@vigil/db';
import type { JobQueue } from '@vigil/jobs';
import { eq } from 'drizzle-orm';

const USAGE = `usage: vigil import FILE --title "WHO PUBLISHED IT, WHEN" [--format csv|lines] [--as USER] [--yes] [--accept-automatic]
  Without --yes: a dry run that shows each row as new, match or review and changes nothing.
  With --yes: applies the import (all rows or none); --accept-automatic links confident matches.`;

/**
 * `vigil import`: the same import as the admin app's, from a file. The dry run and the import
 * act as a staff account (`--as`, default admin), so they are audited under that name.
 */
export async function runImportCommand(
  argv: string[],
  { database, files }: { database: Database; files: FileStore },
  io: { stdout: (line: string) => void; stderr: (line: string) => void },
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      title: { type: 'string' },
      format: { type: 'string' },
      as: { type: 'string', default: 'admin' },
      yes: { type: 'boolean', default: false },
      'accept-automatic': { type: 'boolean', default: false },
    },
  });
  const [file] = positionals;
  if (!file || !values.title) {
    io.stderr(USAGE);
    return 2;
  }
  const format = values.format ?? (file.toLowerCase().endsWith('.csv') ? 'csv' : 'lines');
  if (format !== 'csv' && format !== 'lines') {
    io.stderr('--format must be csv or lines');
    return 2;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(file));
  } catch (error) {
    io.stderr(
      error instanceof TypeError
        ? `${file}: is not valid UTF-8 text; save it as UTF-8 and try again`
        : `${file}: cannot be read (${(error as Error).message})`,
    );
    return 1;
  }
  const [user] = await database.db.select().from(users).where(eq(users.username, values.as));
  if (!user || user.disabled || (user.role !== 'editor' && user.role !== 'admin')) {
    io.stderr(`--as ${values.as}: no active editor or admin account of that name`);
    return 2;
  }
  const actor = actorOf(user);
  const noQueue = { enqueue: async () => undefined } as unknown as JobQueue;
  const ctx: ServiceContext = {
    db: database.db,
    queue: noQueue,
    files,
    actor,
    ip: 'cli',
  };
  let preview;
  try {
    preview = await previewImport(
      ctx,
      { format, text, filename: basename(file), sourceTitle: values.title },
      { inline: true },
    );
  } catch (error) {
    if (error instanceof AppError) {
      for (const issue of error.issues) io.stderr(`${file}: ${issue.field}: ${issue.message}`);
      if (!error.issues.length) io.stderr(`${file}: ${error.safeMessage}`);
      return 1;
    }
    throw error;
  }
  for (const row of preview.rows ?? []) {
    const best = row.candidates[0];
    const detail =
      best && best.score >= MIN_SHOWN_SCORE
        ? ` — ${best.name ?? best.id} (${best.score.toFixed(2)})`
        : '';
    const repeats = row.repeats?.length ? ` — may be line ${row.repeats.join(', ')} again` : '';
    io.stdout(`line ${row.line}\t${row.decision}\t${row.name}${detail}${repeats}`);
  }
  const repeated = (preview.rows ?? []).filter((row) => row.repeats?.length).length;
  io.stdout(
    `${preview.total} rows: ${preview.counts.match} match, ${preview.counts.review} to review, ${preview.counts.new} new` +
      (repeated ? `; ${repeated} may name a person another row names too` : ''),
  );
  if (!values.yes) {
    io.stdout('Dry run: nothing was changed. Run again with --yes to import.');
    return 0;
  }
  // Confirmed as in the admin app (and audited under --as); applied here rather than by a worker.
  await confirmImport(ctx, {
    importId: preview.id,
    acceptAutomatic: values['accept-automatic'],
    choices: [],
  });
  const summary = await applyImport(database.db, preview.id, { files });
  if (!summary) {
    io.stderr('The import was not applied (it changed state meanwhile).');
    return 1;
  }
  io.stdout(
    `Imported: ${summary.created} new persons, ${summary.linked} linked, ${summary.toReview} to review, ${summary.claims} claims` +
      (summary.repeats ? `, ${summary.repeats} pairs of rows to review as one person.` : '.'),
  );
  return 0;
}
