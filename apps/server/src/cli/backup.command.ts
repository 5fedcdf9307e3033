import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readFile, rename, rm, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { AppError } from '@vigil/domain';
import {
  checkBackup,
  findInstanceContents,
  instanceNotEmpty,
  readBackup,
  restoreInstance,
  writeBackup,
  type BackupSummary,
  type Database,
  type FileStore,
} from '@vigil/db';
import type { CommandIo } from './match.command.ts';

const PASSPHRASE_FROM = `The passphrase comes from the environment variable VIGIL_BACKUP_PASSPHRASE or from a file
  named by --passphrase-file (its first line); never from the command line, where other users of
  the machine and the shell's history could read it.`;

const BACKUP_USAGE = `usage: vigil backup --out FILE [--passphrase-file PATH]
  Writes an encrypted backup of every record, file and audit entry (login sessions and the job
  queue are left out) to FILE, which must not exist yet.
  ${PASSPHRASE_FROM}`;

const RESTORE_USAGE = `usage: vigil restore --in FILE [--passphrase-file PATH]
  Restores a backup into a new, empty instance (point VIGIL_DATA_DIR at a new directory, or
  DATABASE_URL at a new database, and restore before \`vigil start\`). The whole backup is
  checked before anything is written, and it is restored in one transaction.
  ${PASSPHRASE_FROM}`;

/** Backups are only as strong as their passphrase: shorter ones are refused. */
export const MIN_BACKUP_PASSPHRASE_LENGTH = 12;

export interface BackupCommandDeps {
  database: Database;
  files: FileStore;
  /** VIGIL_BACKUP_PASSPHRASE, as read by `readBackupPassphrase` in env.ts. */
  passphraseFromEnv: string | undefined;
}

type Parsed = { file: string; passphraseFile: string | undefined };

/**
 * Parses `--out`/`--in` and `--passphrase-file`. Never echoes an argument: one given by
 * mistake could be the passphrase itself.
 */
function parse(
  argv: string[],
  fileOption: 'out' | 'in',
  usage: string,
  io: CommandIo,
): Parsed | null {
  if (argv.some((arg) => arg === '--passphrase' || arg.startsWith('--passphrase='))) {
    io.stderr(`A passphrase is never taken from the command line.\n${usage}`);
    return null;
  }
  try {
    const { values } = parseArgs({
      args: argv,
      options: { [fileOption]: { type: 'string' }, 'passphrase-file': { type: 'string' } },
    });
    const file = values[fileOption];
    if (typeof file !== 'string' || !file) throw new Error(`--${fileOption} is required`);
    const passphraseFile = values['passphrase-file'];
    return {
      file,
      passphraseFile: typeof passphraseFile === 'string' ? passphraseFile : undefined,
    };
  } catch {
    io.stderr(usage);
    return null;
  }
}

async function readPassphrase(
  { passphraseFile }: Parsed,
  fromEnv: string | undefined,
  io: CommandIo,
): Promise<string | null> {
  let passphrase = fromEnv;
  if (passphraseFile !== undefined) {
    try {
      passphrase = (await readFile(passphraseFile, 'utf8')).split(/\r?\n/)[0];
    } catch (error) {
      io.stderr(
        `--passphrase-file: ${passphraseFile} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      );
      return null;
    }
  }
  if (!passphrase) {
    io.stderr(
      passphraseFile !== undefined
        ? `--passphrase-file: ${passphraseFile} is empty`
        : 'No passphrase: set VIGIL_BACKUP_PASSPHRASE or give --passphrase-file PATH.',
    );
    return null;
  }
  return passphrase;
}

const summaryLine = (summary: BackupSummary) => {
  const tables = Object.values(summary.tables);
  const rows = tables.reduce((sum, n) => sum + n, 0);
  const head = summary.audit.head
    ? `audit chain head ${summary.audit.head.seq}:${summary.audit.head.hash}`
    : 'no audit entries';
  return `${rows} rows in ${tables.length} tables, ${summary.files} files (${summary.fileBytes} bytes), ${head}`;
};

/**
 * `vigil backup --out FILE`: an encrypted backup of the instance. It is written beside FILE
 * under a temporary name (readable by its owner only) and renamed into place once complete,
 * so FILE is either a whole backup or absent. Exits 0 when written, 1 when not, 2 on a usage
 * error.
 */
export async function runBackupCommand(
  argv: string[],
  { database, files, passphraseFromEnv }: BackupCommandDeps,
  io: CommandIo,
): Promise<number> {
  const parsed = parse(argv, 'out', BACKUP_USAGE, io);
  if (!parsed) return 2;
  const passphrase = await readPassphrase(parsed, passphraseFromEnv, io);
  if (!passphrase) return 2;
  if ([...passphrase].length < MIN_BACKUP_PASSPHRASE_LENGTH) {
    io.stderr(
      `The backup passphrase must be at least ${MIN_BACKUP_PASSPHRASE_LENGTH} characters long; a backup is only as safe as its passphrase.`,
    );
    return 2;
  }
  const out = parsed.file;
  if (
    await stat(out).then(
      () => true,
      () => false,
    )
  ) {
    io.stderr(`${out} already exists; a backup never overwrites a file.`);
    return 1;
  }
  const partial = `${out}.${randomUUID()}.partial`;
  const handle = await open(partial, 'wx', 0o600).catch((error: NodeJS.ErrnoException) => {
    io.stderr(`${out}: cannot be written (${error.code ?? 'error'})`);
    return null;
  });
  if (!handle) return 1;
  try {
    const summary = await writeBackup({
      db: database.db,
      files,
      passphrase,
      ip: 'cli',
      out: async (bytes) => {
        for (let at = 0; at < bytes.byteLength;)
          at += (await handle.write(bytes, at, bytes.byteLength - at)).bytesWritten;
      },
    });
    await handle.sync();
    await handle.close();
    await rename(partial, out);
    io.stdout(`Backup written to ${out}: ${summaryLine(summary)}.`);
    io.stdout('Keep the passphrase apart from the file: without it, the backup cannot be read.');
    return 0;
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(partial, { force: true });
    io.stderr(`No backup was written: ${messageOf(error)}`);
    return 1;
  }
}

const messageOf = (error: unknown) =>
  error instanceof AppError ? error.safeMessage : (error as Error).message;

/**
 * `vigil restore --in FILE`: restores a backup into a new, empty instance. Reads the backup
 * twice: once to check all of it (passphrase, integrity, migration level, every file's
 * SHA-256) without writing, then to restore it in one transaction. Exits 0 when restored, 1
 * when nothing was, 2 on a usage error.
 */
export async function runRestoreCommand(
  argv: string[],
  { database, files, passphraseFromEnv }: BackupCommandDeps,
  io: CommandIo,
): Promise<number> {
  const parsed = parse(argv, 'in', RESTORE_USAGE, io);
  if (!parsed) return 2;
  const passphrase = await readPassphrase(parsed, passphraseFromEnv, io);
  if (!passphrase) return 2;
  const input = parsed.file;
  if (
    !(await stat(input).then(
      (s) => s.isFile(),
      () => false,
    ))
  ) {
    io.stderr(`${input}: no such file`);
    return 1;
  }
  const contents = await findInstanceContents(database.db);
  if (Object.keys(contents).length > 0) {
    io.stderr(`${instanceNotEmpty(contents).safeMessage} Nothing was restored.`);
    return 1;
  }
  const records = () => readBackup(passphrase, createReadStream(input));
  let summary: BackupSummary;
  try {
    await checkBackup(database.db, records());
    summary = await restoreInstance(database.db, files, records());
  } catch (error) {
    io.stderr(`${messageOf(error)} Nothing was restored.`);
    return 1;
  }
  io.stdout(`Restored the backup of ${summary.createdAt}: ${summaryLine(summary)}.`);
  if (summary.audit.head)
    io.stdout(
      `The audit chain verifies. Check it against a head kept elsewhere: vigil audit verify --head ${summary.audit.head.seq}:${summary.audit.head.hash}`,
    );
  return 0;
}
