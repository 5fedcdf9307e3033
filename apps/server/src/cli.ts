#!/usr/bin/env node
/**
 * The `vigil` command. From the repository root: `pnpm --silent vigil <command>`.
 *
 *   start [--no-worker] [--demo]     start server (+ worker) and print the URL and first login
 *   migrate                          apply database migrations
 *   seed                             load the fictional demo data into an empty registry
 *   users add NAME --role ROLE       add a staff account (password printed or --password)
 *   users reset-totp NAME            take away a lost second factor (the account enrols again)
 *   audit verify [--head SEQ:HASH]   check the audit hash chain (and an exported head)
 *   audit head                       print the current chain head, to keep elsewhere
 *   backup --out FILE                write an encrypted backup (passphrase: VIGIL_BACKUP_PASSPHRASE)
 *   restore --in FILE                restore a backup into a new, empty instance
 *   import FILE --title T [--yes]    import a published list (dry run unless --yes)
 *   match --registry R.csv --list L.csv   reconcile a list against a registry, offline
 */
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { AppError, ROLES } from '@vigil/domain';
import type { Database } from '@vigil/db';
import { readBackupPassphrase, readEnv } from './env.ts';

// Commands load the database and API only when they need them, so that `vigil match`
// (offline, no database) starts quickly.
const db = () => import('@vigil/db');

const USAGE = `usage: vigil <command>
  start [--no-worker] [--demo]          start Vigil and print the URL and first login
  migrate                               apply database migrations
  seed                                  load fictional demo data into an empty registry
  users add NAME --role ROLE [--password P]   add a staff account (${ROLES.join(', ')})
  users reset-totp NAME                 take away a lost second factor; the account enrols again
  audit verify [--head SEQ:HASH]        check the audit hash chain
  audit head                            print the chain head to keep elsewhere
  backup --out FILE [--passphrase-file P]   write an encrypted backup (or VIGIL_BACKUP_PASSPHRASE)
  restore --in FILE [--passphrase-file P]   restore a backup into a new, empty instance
  import FILE --title T [--format csv|lines] [--yes] [--accept-automatic]   import a list (dry run unless --yes)
  match --registry REGISTRY.csv --list LIST.csv   reconcile a list offline`;

async function withDatabase<T>(run: (database: Database) => Promise<T>): Promise<T> {
  const { openDatabase } = await import('./start.ts');
  const database = await openDatabase(readEnv());
  try {
    return await run(database);
  } finally {
    await database.close();
  }
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'start': {
      const { values } = parseArgs({
        args: rest,
        options: { 'no-worker': { type: 'boolean' }, demo: { type: 'boolean' } },
      });
      const env = readEnv();
      const { startVigil } = await import('./start.ts');
      const vigil = await startVigil(env, {
        worker: !values['no-worker'],
        ...(values.demo ? { demo: true } : {}),
      });
      const login = vigil.firstLogin.password
        ? `${vigil.firstLogin.username} / ${vigil.firstLogin.password}`
        : `${vigil.firstLogin.username} (password set when this instance was created)`;
      console.log(
        `\nVigil is running at ${vigil.url}\n  database: ${vigil.database.kind === 'pglite' ? `embedded PGlite in ${env.dataDir}` : 'PostgreSQL (DATABASE_URL)'}\n  first login: ${login}\n    (an admin sets up a second factor, an authenticator app, when signing in without one)\n  stop with Ctrl+C\n`,
      );
      const shutdown = () => {
        console.log('Stopping Vigil…');
        vigil.stop().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
      return new Promise<number>(() => undefined);
    }
    case 'migrate':
      await withDatabase(async () => console.log('Migrations are current.'));
      return 0;
    case 'seed':
      return withDatabase(async (database) => {
        const { persons, seedDemoData } = await db();
        const { count } = await import('drizzle-orm');
        const [{ n } = { n: 0 }] = await database.db.select({ n: count() }).from(persons);
        if (n > 0) {
          console.error(
            `The registry already holds ${n} persons; demo data is only loaded into an empty registry.`,
          );
          return 1;
        }
        const summary = await seedDemoData(database.db);
        console.log(`Loaded fictional demo data: ${JSON.stringify(summary)}`);
        return 0;
      });
    case 'users': {
      const { runUsersCommand } = await import('./cli/users.command.ts');
      return withDatabase((database) =>
        runUsersCommand(
          rest,
          { database },
          {
            stdout: (line) => console.log(line),
            stderr: (line) => console.error(line),
          },
        ),
      );
    }
    case 'audit': {
      const { runAuditCommand } = await import('./cli/audit.command.ts');
      return withDatabase((database) =>
        runAuditCommand(
          rest,
          { database },
          {
            stdout: (line) => console.log(line),
            stderr: (line) => console.error(line),
          },
        ),
      );
    }
    case 'backup':
    case 'restore': {
      const { runBackupCommand, runRestoreCommand } = await import('./cli/backup.command.ts');
      const { createDiskFileStore } = await db();
      const files = createDiskFileStore(join(readEnv().dataDir, 'files'));
      const run = command === 'backup' ? runBackupCommand : runRestoreCommand;
      return withDatabase((database) =>
        run(
          rest,
          { database, files, passphraseFromEnv: readBackupPassphrase() },
          {
            stdout: (line) => console.log(line),
            stderr: (line) => console.error(line),
          },
        ),
      );
    }
    case 'import': {
      const { runImportCommand } = await import('./cli/import.command.ts');
      const { createDiskFileStore } = await db();
      const files = createDiskFileStore(join(readEnv().dataDir, 'files'));
      return withDatabase((database) =>
        runImportCommand(
          rest,
          { database, files },
          {
            stdout: (line) => console.log(line),
            stderr: (line) => console.error(line),
          },
        ),
      );
    }
    case 'match': {
      const { runMatchCommand } = await import('./cli/match.command.ts');
      return runMatchCommand(rest, {
        stdout: (line: string) => process.stdout.write(`${line}\n`),
        stderr: (line: string) => process.stderr.write(`${line}\n`),
      });
    }
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return command ? 0 : 2;
    default:
      console.error(`unknown command "${command}"\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof AppError) console.error(error.safeMessage);
    else console.error(error);
    process.exit(1);
  },
);
