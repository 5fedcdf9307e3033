/**
 * Benchmark of a list import through the database (issue #4): builds a registry of fictional
 * people in an in-memory PGlite (or in PostgreSQL with `--database-url`), then previews and
 * applies a published list against it the way `imports.preview` and the `imports.apply` job do,
 * then scans the whole registry for duplicates as the nightly job does, and reports how long each
 * phase takes and whether the database path decides every row as the
 * in-memory matcher of `vigil match` does.
 *
 *   pnpm bench:import                                   registry 20,000, list 2,000
 *   pnpm bench:import --registry 10000 --list 1000
 *   pnpm bench:import --database-url postgres://postgres@127.0.0.1:5432/test   (a scratch database is made and dropped)
 *   pnpm bench:import --write-readme                    also record the results in bench/README.md
 *
 * The write phase is one transaction (an import lands whole or not at all); on PGlite, which has
 * one connection, every other request waits for it, so its length is reported on its own.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { createDb, migrateDb, type Database } from '../packages/db/src/client.ts';
import { applyImport, importRowPreviewOf } from '../packages/db/src/imports/apply-import.ts';
import { findDuplicatePairs } from '../packages/db/src/matching/merge.queries.ts';
import {
  findCandidates,
  refreshMatchKeys,
} from '../packages/db/src/matching/match-keys.queries.ts';
import { imports, personNames, persons } from '../packages/db/src/schema.ts';
import {
  decide,
  detectScript,
  findListRepeats,
  MatchIndex,
  searchKey,
} from '../packages/domain/src/index.ts';
import { argument, generate, readCpuModel } from './match.bench.ts';

const seconds = (since: number) => (performance.now() - since) / 1000;

/**
 * An in-memory PGlite, migrated; with `--database-url URL`, a new scratch database on that
 * PostgreSQL server instead, which `drop` removes.
 */
export async function openDatabase(): Promise<{
  database: Database;
  drop: () => Promise<void>;
}> {
  const at = process.argv.indexOf('--database-url');
  const serverUrl = at >= 0 ? process.argv[at + 1] : undefined;
  if (!serverUrl) {
    const database = await createDb({ memory: true });
    await migrateDb(database);
    return { database, drop: () => database.close() };
  }
  const name = `vigil_bench_${randomBytes(6).toString('hex')}`;
  const server = await createDb({ url: serverUrl });
  await server.db.execute(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await createDb({ url: url.toString() });
  await migrateDb(database);
  return {
    database,
    drop: async () => {
      await database.close();
      await server.db.execute(`DROP DATABASE ${name} WITH (FORCE)`);
      await server.close();
    },
  };
}

async function main(): Promise<void> {
  const registrySize = argument('registry', 20_000);
  const listSize = argument('list', 2_000);
  const seed = argument('seed', 20_240_601);
  const { registry, rows } = generate(registrySize, listSize, seed);
  const { database, drop } = await openDatabase();
  const { db } = database;

  // The registry: one person and one name per record, and their match keys.
  let startedAt = performance.now();
  const personIdOf = new Map<string, string>();
  const benchIdOf = new Map<string, string>();
  for (let i = 0; i < registry.length; i += 1000) {
    const slice = registry.slice(i, i + 1000).map((record) => {
      const id = randomUUID();
      personIdOf.set(record.id, id);
      benchIdOf.set(id, record.id);
      return { id, record };
    });
    await db.insert(persons).values(
      slice.map(({ id, record }) => ({
        id,
        sortName: searchKey(record.name),
        birthDate: record.birthDate ?? null,
        birthPlace: record.place ?? null,
        fatherName: record.fatherName ?? null,
        sensitivity: 'partner' as const,
      })),
    );
    await db.insert(personNames).values(
      slice.map(({ id, record }) => ({
        personId: id,
        value: record.name,
        script: detectScript(record.name),
        kind: 'legal' as const,
        searchKey: searchKey(record.name),
      })),
    );
  }
  await refreshMatchKeys(db, [...personIdOf.values()]);
  const loading = seconds(startedAt);

  // The dry run, as imports.preview does it: every row at once.
  const list = rows.map((row) => row.record);
  startedAt = performance.now();
  const previewed = await findCandidates(db, list);
  const preview = seconds(startedAt);
  // Then, as the dry run does, the rows of the list that may name one person twice.
  const lines = list.map((row, i) => ({ ...row, line: i + 2 }));
  startedAt = performance.now();
  const repeats = findListRepeats(lines);
  const repeating = seconds(startedAt);

  // The same decisions from the in-memory matcher of `vigil match`.
  const index = new MatchIndex();
  index.addAll(registry);
  let agreeing = 0;
  previewed.forEach(({ row, decision }) => {
    const inMemory = decide(index.search(row));
    const matched = decision.match ? benchIdOf.get(decision.match) : undefined;
    if (inMemory.decision === decision.decision && inMemory.match === matched) agreeing++;
    else
      console.error(
        `decided otherwise in the database: ${JSON.stringify(row)} → ${decision.decision} ${matched ?? ''}, in memory ${inMemory.decision} ${inMemory.match ?? ''}`,
      );
  });

  // The confirmed import, as the imports.apply job runs it.
  const importRows = previewed.map(({ row, decision, scored }, i) =>
    importRowPreviewOf({ ...row, line: i + 2 }, decision, scored, repeats.get(i + 2)),
  );
  const [job] = await db
    .insert(imports)
    .values({
      state: 'queued',
      format: 'csv',
      text: 'generated by bench/import.bench.ts',
      rows: importRows,
      total: importRows.length,
      sourceTitle: 'A generated list',
      acceptAutomatic: true,
    })
    .returning();
  startedAt = performance.now();
  let matching = 0;
  let writing = 0;
  let writingCpu = 0;
  const summary = await applyImport(db, job!.id, {
    transaction: async (work) => {
      matching = seconds(startedAt);
      const writeStartedAt = performance.now();
      const cpuAtStart = process.cpuUsage();
      const result = await db.transaction(work);
      writing = seconds(writeStartedAt);
      const cpu = process.cpuUsage(cpuAtStart);
      writingCpu = (cpu.user + cpu.system) / 1e6;
      return result;
    },
  });
  // The nightly scan for duplicates over the whole registry, imported rows included.
  startedAt = performance.now();
  const pairs = await findDuplicatePairs(db);
  const scan = seconds(startedAt);
  const memory = process.memoryUsage().rss / 2 ** 20;
  await drop();

  const kind = database.kind === 'pglite' ? 'PGlite (in memory)' : 'PostgreSQL';
  const rate = (n: number, s: number) => `${Math.round(n / s).toLocaleString('en')} rows/s`;
  // PGlite runs in this process, so the write's CPU time is the database's too: on a shared
  // machine it varies far less between runs than the wall time does.
  const writingCpuNote = database.kind === 'pglite' ? `; ${writingCpu.toFixed(1)} s of CPU` : '';
  const report = [
    `| phase | time |`,
    `| --- | --- |`,
    `| registry of ${registrySize.toLocaleString('en')} persons written with their match keys | ${loading.toFixed(1)} s |`,
    `| dry run of ${listSize.toLocaleString('en')} rows (imports.preview) | ${preview.toFixed(1)} s (${rate(listSize, preview)}) |`,
    `| dry run: rows of the list that may name one person twice (findListRepeats) | ${repeating.toFixed(1)} s (${repeats.size} rows) |`,
    `| apply: matching again, in chunks with progress | ${matching.toFixed(1)} s (${rate(listSize, matching)}) |`,
    `| apply: writing, one transaction | ${writing.toFixed(1)} s (${rate(listSize, writing)}${writingCpuNote}) |`,
    `| scan of the ${(registrySize + (summary?.created ?? 0)).toLocaleString('en')} persons for duplicates (the nightly job's search) | ${scan.toFixed(1)} s (${pairs.length} pairs) |`,
  ].join('\n');
  const detail = [
    `- rows the database path decides as the in-memory matcher does: ${agreeing} of ${listSize}`,
    `- applied: ${summary?.created ?? 0} new persons, ${summary?.linked ?? 0} linked, ${summary?.toReview ?? 0} to review, ${summary?.repeats ?? 0} pairs of rows to review as one person, ${summary?.claims ?? 0} claims`,
    `- resident memory at the end: ${Math.round(memory)} MiB`,
  ].join('\n');
  const date = new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  const load = `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} while running`;
  const heading = `Measured ${date} on ${readCpuModel()} (${cpus().length} cores; ${load}), Node ${process.version}, ${kind}, seed ${seed}:`;
  console.log(`${heading}\n\n${report}\n\n${detail}`);

  if (process.argv.includes('--write-readme')) {
    const path = new URL('./README.md', import.meta.url);
    const section = [
      '<!-- import-results:start -->',
      heading,
      '',
      report,
      '',
      detail,
      '<!-- import-results:end -->',
    ].join('\n');
    const readme = readFileSync(path, 'utf8');
    writeFileSync(
      path,
      readme.replace(/<!-- import-results:start -->[\s\S]*<!-- import-results:end -->/, section),
    );
    console.log('\nbench/README.md updated');
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
