import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createUser, resetSecondFactor } from '@vigil/api';
import { ROLES, type Role } from '@vigil/domain';
import type { Database } from '@vigil/db';
import type { CommandIo } from './match.command.ts';

const USAGE = `usage: vigil users add NAME --role ROLE [--password P] | vigil users reset-totp NAME
  add:        adds a staff account (${ROLES.join(', ')}); prints a generated password unless
              --password is given. An admin sets up a second factor at the first sign-in.
  reset-totp: takes away the second factor of an account whose device was lost, and ends its
              sessions; the account sets up a new one at its next sign-in (admins must).`;

/**
 * `vigil users add` and `vigil users reset-totp`. Both are audited with no actor: whoever runs
 * the command controls the server. Exits 0 when done, 1 when refused and 2 on a usage error.
 */
export async function runUsersCommand(
  argv: string[],
  { database }: { database: Database },
  io: CommandIo,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { role: { type: 'string' }, password: { type: 'string' } },
    });
  } catch (error) {
    io.stderr(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [sub, username, ...extra] = positionals;
  if (!username || extra.length > 0) {
    io.stderr(USAGE);
    return 2;
  }
  if (sub === 'reset-totp') {
    if (values.role !== undefined || values.password !== undefined) {
      io.stderr(USAGE);
      return 2;
    }
    const user = await resetSecondFactor(database.db, null, { username });
    io.stdout(
      `Reset the second factor of ${user.username}; their sessions ended. They set up a new one at their next sign-in.`,
    );
    return 0;
  }
  if (sub !== 'add' || !values.role) {
    io.stderr(USAGE);
    return 2;
  }
  if (!(ROLES as readonly string[]).includes(values.role)) {
    io.stderr(`--role must be one of ${ROLES.join(', ')}`);
    return 2;
  }
  const password = values.password ?? randomBytes(12).toString('base64url');
  const user = await createUser(database.db, null, {
    username,
    password,
    role: values.role as Role,
  });
  io.stdout(
    `Added ${user.username} (${user.role}, clearance ${user.clearance})${values.password ? '' : `, password: ${password}`}`,
  );
  return 0;
}
