import { parseArgs } from 'node:util';
import { verifyAuditChain, type Database } from '@vigil/db';
import type { CommandIo } from './match.command.ts';

const USAGE = `usage: vigil audit verify [--head SEQ:HASH] | vigil audit head
  verify: walks the whole audit chain and names the first entry that was changed, deleted or
          moved; with --head, also checks that a head printed earlier is still in the chain.
  head:   prints the chain's head (SEQ:HASH), to keep somewhere the database's owner cannot
          reach; a chain rebuilt after it was printed no longer matches it.`;

/**
 * `vigil audit verify` and `vigil audit head`. Exits 0 on an intact chain, 1 on a broken one
 * (naming the entry where it breaks) and 2 on a usage error.
 */
export async function runAuditCommand(
  argv: string[],
  { database }: { database: Database },
  io: CommandIo,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { head: { type: 'string' } },
    });
  } catch (error) {
    // An unknown option is a usage error (2), not a broken chain (1), for scripts that check.
    io.stderr(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [sub] = positionals;
  if ((sub !== 'verify' && sub !== 'head') || positionals.length > 1) {
    io.stderr(USAGE);
    return 2;
  }
  let expectedHead: { seq: number; hash: string } | undefined;
  if (values.head !== undefined) {
    const match = /^(\d+):([0-9a-f]{64})$/.exec(values.head);
    if (!match) {
      io.stderr('--head must be SEQ:HASH as printed by `vigil audit head`');
      return 2;
    }
    expectedHead = { seq: Number(match[1]), hash: match[2]! };
  }
  const result = await verifyAuditChain(database.db, expectedHead ? { expectedHead } : {});
  if (sub === 'head') {
    if (!result.ok) {
      io.stderr(`The audit chain is broken at entry ${result.brokenAt}: ${result.problem}`);
      return 1;
    }
    io.stdout(result.head ? `${result.head.seq}:${result.head.hash}` : 'empty');
    return 0;
  }
  if (result.ok) {
    io.stdout(
      `Audit chain intact: ${result.entries} entries${result.head ? `, head ${result.head.seq}:${result.head.hash}` : ''}.`,
    );
    return 0;
  }
  io.stderr(
    `Audit chain BROKEN at entry ${result.brokenAt}: ${result.problem} (${result.entries} entries read).`,
  );
  return 1;
}
