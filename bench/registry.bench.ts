/**
 * Benchmark of the registry list and its export: writes a registry of fictional people taken
 * in a conflict — each with a capture event, for some a release, and accepted legal-category
 * claims — from sources of mixed sensitivity into an in-memory PGlite (or PostgreSQL with
 * `--database-url`), stores their statuses, then times `listPersons` with each of its filters
 * for a staff-cleared and a partner-cleared caller, and `exportRegistry` of the whole registry.
 *
 *   pnpm bench:registry                           20,000 persons
 *   pnpm bench:registry --persons 5000 --repeat 5
 *   pnpm bench:registry --database-url postgres://postgres@127.0.0.1:5432/test   (a scratch database is made and dropped)
 *   pnpm bench:registry --write-readme            also record the results in bench/README.md
 *
 * For a caller below restricted clearance, the `status` and `category` filters keep every person
 * whose status may rest on a source or event above their clearance, derive those statuses as
 * the caller may know them, and read on until a page is full: the table counts the statuses
 * derived, which is what such a page costs.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import type { ServiceContext } from '../packages/api/src/context.ts';
import type { PartnerActor } from '../packages/api/src/partners/api-keys.service.ts';
import { exportRegistry } from '../packages/api/src/persons/registry-export.service.ts';
import { listPersons } from '../packages/api/src/persons/persons.service.ts';
import type { Db } from '../packages/db/src/client.ts';
import {
  claims,
  eventParticipants,
  events,
  personNames,
  persons,
  sources,
} from '../packages/db/src/schema.ts';
import { computePersonStatuses } from '../packages/db/src/status/status.queries.ts';
import {
  detectScript,
  hasLegalCategory,
  hasStatusValue,
  partialDateBounds,
  searchKey,
  visibleLevels,
  type LegalCategory,
  type PersonStatus,
  type Sensitivity,
} from '../packages/domain/src/index.ts';
import { openDatabase } from './import.bench.ts';
import { argument, generate, mulberry32, readCpuModel } from './match.bench.ts';

// ---------------------------------------------------------------------------------------------
// The generated registry

/** Invented village names: none is a real place, and none is part of another (`place` filter). */
const VILLAGES = `Arvanik Belsordzor Corvashen Dalmaret Elvarik Ferusan Gorvalun Halvedzor Iskamar
Jorvatun Kelmarin Lindzovar Morvakert Nelvashen Ostravel Pemberak Quorvan Rastenik Surnavet Tavorsk
Ulmadzor Velkarun Wendolak Xalvaran Yervanik Zelvaran Brenzavan Dorvakhit Kestrava Mirovash`.split(
  /\s+/,
);

const STATE_A = 'armed forces of State A';
const STATE_B = 'armed forces of State B';

/**
 * The sources: most may be shown to partners, 15 % only to staff and 3 % only to restricted
 * clearance. Claims draw from them evenly, so their sensitivities come in the same shares.
 */
const SOURCE_COUNT = 200;
const SOURCE_SENSITIVITY: [Sensitivity, number][] = [
  ['restricted', 0.03],
  ['staff', 0.15],
  ['partner', 0.82],
];
const SOURCE_KINDS = ['official_list', 'news_article', 'ngo_report', 'testimony'] as const;
const SOURCE_SIDES = ['state_a', 'state_b', 'independent', 'third_party'] as const;
const RELIABILITIES = ['B', 'C', 'C', 'D', 'F'] as const;

/** Legal categories as sources assert them, with their shares. */
const CATEGORIES: [LegalCategory, number][] = [
  ['prisoner_of_war', 0.5],
  ['civilian_internee', 0.22],
  ['hostage', 0.18],
  ['enforced_disappearance', 0.1],
];
const SECOND_LEGAL_CLAIM = 0.35;
const SECOND_CLAIM_AGREES = 0.6;
const RELEASED = 0.3;

const FIRST_CAPTURE_DAY = Date.UTC(2020, 8, 1);
const CAPTURE_DAYS = 153; // 2020-09-01 … 2021-01-31
const DAY = 86_400_000;
const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

interface GeneratedRegistry {
  sources: (typeof sources.$inferInsert)[];
  persons: (typeof persons.$inferInsert)[];
  names: (typeof personNames.$inferInsert)[];
  events: (typeof events.$inferInsert)[];
  participants: (typeof eventParticipants.$inferInsert)[];
  claims: (typeof claims.$inferInsert)[];
  /** Persons some of whose claims come from a source above this clearance. */
  restingOnHidden: Record<'partner' | 'staff', number>;
}

function generateRegistry(size: number, seed: number): GeneratedRegistry {
  const random = mulberry32(seed + 1);
  const chance = (p: number) => random() < p;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const weighted = <T>(shares: readonly [T, number][]): T => {
    let x = random();
    for (const [value, share] of shares) if ((x -= share) < 0) return value;
    return shares.at(-1)![0];
  };

  const sourceRows = Array.from({ length: SOURCE_COUNT }, (_, i) => {
    let at = i / SOURCE_COUNT;
    const [sensitivity] = SOURCE_SENSITIVITY.find(([, share]) => (at -= share) < 0) ?? ['partner'];
    return {
      id: randomUUID(),
      kind: SOURCE_KINDS[i % SOURCE_KINDS.length]!,
      title: `Generated source ${i + 1}`,
      publisher: `Generated outlet ${(i % 60) + 1}`,
      side: SOURCE_SIDES[i % SOURCE_SIDES.length]!,
      reliability: RELIABILITIES[i % RELIABILITIES.length]!,
      sensitivity,
      archiveStatus: 'not_applicable' as const,
    };
  });
  const registry = generate(size, 0, seed).registry;
  const out: GeneratedRegistry = {
    sources: sourceRows,
    persons: [],
    names: [],
    events: [],
    participants: [],
    claims: [],
    restingOnHidden: { partner: 0, staff: 0 },
  };
  for (const record of registry) {
    const personId = randomUUID();
    const used: (typeof sourceRows)[number][] = [];
    const claim = (row: Omit<typeof claims.$inferInsert, 'sourceId'>) => {
      let source = pick(sourceRows);
      while (used.includes(source)) source = pick(sourceRows);
      used.push(source);
      out.claims.push({
        ...row,
        sourceId: source.id,
        credibility: chance(0.5) ? 2 : 3,
        reviewState: 'accepted',
      });
    };
    const event = (row: Omit<typeof events.$inferInsert, 'id'>) => {
      const id = randomUUID();
      out.events.push({ ...row, id, sensitivity: 'partner' });
      out.participants.push({ eventId: id, personId, role: 'subject' });
      claim({ subjectType: 'event', eventId: id, predicate: 'occurred' });
    };

    const category = weighted(CATEGORIES);
    const captured = FIRST_CAPTURE_DAY + Math.floor(random() * CAPTURE_DAYS) * DAY;
    const captureDate = chance(0.75) ? isoDay(captured) : isoDay(captured).slice(0, 7);
    const captureBounds = partialDateBounds(captureDate);
    event({
      type: 'capture',
      date: captureDate,
      dateEarliest: captureBounds.earliest,
      dateLatest: captureBounds.latest,
      place: pick(VILLAGES),
      actingParty: chance(0.65) ? STATE_B : STATE_A,
    });
    if (chance(RELEASED)) {
      const releaseDate = isoDay(
        Date.parse(captureBounds.latest) + (20 + Math.floor(random() * 180)) * DAY,
      );
      event({
        type: 'release',
        date: releaseDate,
        dateEarliest: releaseDate,
        dateLatest: releaseDate,
        place: chance(0.5) ? pick(VILLAGES) : null,
      });
    }
    claim({ subjectType: 'person', personId, predicate: 'legal_category', value: category });
    if (chance(SECOND_LEGAL_CLAIM)) {
      let second = category;
      if (!chance(SECOND_CLAIM_AGREES)) while (second === category) second = weighted(CATEGORIES);
      claim({ subjectType: 'person', personId, predicate: 'legal_category', value: second });
    }
    if (used.some((s) => s.sensitivity !== 'partner')) out.restingOnHidden.partner++;
    if (used.some((s) => s.sensitivity === 'restricted')) out.restingOnHidden.staff++;

    const key = searchKey(record.name);
    const military = category === 'prisoner_of_war';
    out.persons.push({
      id: personId,
      sortName: key,
      sex: military || chance(0.85) ? 'male' : 'female',
      birthDate: record.birthDate ?? null,
      birthPlace: record.place ?? null,
      fatherName: record.fatherName ?? null,
      affiliation: military ? 'military' : 'civilian',
      sensitivity: 'partner',
    });
    out.names.push({
      personId,
      value: record.name,
      script: detectScript(record.name),
      kind: 'legal',
      searchKey: key,
    });
  }
  return out;
}

async function insertInChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += 1000) await insert(rows.slice(i, i + 1000));
}

/**
 * Derives every person's status from everything and stores it, as `recomputePersonStatus`
 * does one person at a time (without the review tasks it opens), 500 persons a round.
 */
async function storeStatuses(db: Db, personIds: string[]): Promise<PersonStatus[]> {
  const now = new Date();
  const stored: PersonStatus[] = [];
  for (let i = 0; i < personIds.length; i += 500) {
    const chunk = personIds.slice(i, i + 500);
    const [statuses = []] = await computePersonStatuses(db, chunk, [{ now }]);
    stored.push(...statuses);
    const values = chunk.map((id, at) => ({
      id,
      status: statuses[at],
      summary: statuses[at]!.summary,
    }));
    // One statement per round; the JSON goes in as a literal, its quotes doubled.
    const json = JSON.stringify(values).replaceAll("'", "''");
    await db.execute(
      `UPDATE persons SET status = v.status, status_summary = v.summary, status_computed_at = '${now.toISOString()}'
       FROM jsonb_to_recordset('${json}'::jsonb) AS v(id uuid, status jsonb, summary text)
       WHERE persons.id = v.id`,
    );
  }
  return stored;
}

/** Every person's status as a caller of `clearance` may know it. */
async function statusesFor(db: Db, personIds: string[], clearance: Sensitivity) {
  const levels = visibleLevels(clearance);
  const known: PersonStatus[] = [];
  for (let i = 0; i < personIds.length; i += 2000) {
    const [statuses = []] = await computePersonStatuses(
      db,
      personIds.slice(i, i + 2000),
      [{ now: new Date() }],
      { levels },
    );
    known.push(...statuses);
  }
  return known;
}

// ---------------------------------------------------------------------------------------------
// Measuring

type Filters = Omit<Parameters<typeof listPersons>[1], 'cursor' | 'limit'>;

interface Counter {
  /** Queries of `persons` (the batches `listPersons` reads), their rows and their time. */
  queries: number;
  rows: number;
  ms: number;
}

const newCounter = (): Counter => ({ queries: 0, rows: 0, ms: 0 });

/**
 * `db`, counting the queries of `select().from(persons)`, their rows and their time: the
 * batches `listPersons` reads, whose every row's status it derives for the caller.
 */
function countingPersonRows(db: Db, counter: Counter): Db {
  type Method = (...args: unknown[]) => unknown;
  const counting = (query: object): object => {
    const proxy: object = new Proxy(query, {
      get(target, key) {
        const value = Reflect.get(target, key, target) as unknown;
        if (typeof value !== 'function') return value;
        if (key === 'then')
          return (resolve?: Method, reject?: Method) => {
            const startedAt = performance.now();
            return (value as Method).call(
              target,
              (rows: unknown[]) => {
                counter.queries++;
                counter.rows += rows.length;
                counter.ms += performance.now() - startedAt;
                return resolve ? resolve(rows) : rows;
              },
              reject,
            );
          };
        return (...args: unknown[]) => {
          const result = (value as Method).apply(target, args);
          return result === target ? proxy : result;
        };
      },
    });
    return proxy;
  };
  return new Proxy<Db>(db, {
    get(target, key) {
      const value = Reflect.get(target, key, target) as unknown;
      if (typeof value !== 'function') return value;
      if (key !== 'select') return (value as Method).bind(target);
      return (...args: unknown[]) => {
        const builder = (value as Method).apply(target, args) as { from: Method };
        if (args.length > 0) return builder;
        return {
          from: (table: unknown, ...rest: unknown[]) => {
            const query = builder.from(table, ...rest) as object;
            return table === persons ? counting(query) : query;
          },
        };
      };
    },
  });
}

interface Walk {
  /** Milliseconds to the first page, and to the last page walked. */
  firstPage: number;
  pages: number;
  /** Persons on the first page, and on all pages walked. */
  firstPersons: number;
  persons: number;
}

/** Reads up to `pages` pages of 50, following the cursor, as the admin app pages the registry. */
async function walk(ctx: ServiceContext, filters: Filters, pages: number): Promise<Walk> {
  const startedAt = performance.now();
  const result: Walk = { firstPage: 0, pages: 0, firstPersons: 0, persons: 0 };
  let cursor: string | undefined;
  for (let page = 0; page < pages; page++) {
    const { items, nextCursor } = await listPersons(ctx, { ...filters, cursor, limit: 50 });
    result.persons += items.length;
    result.pages = performance.now() - startedAt;
    if (page === 0) {
      result.firstPage = result.pages;
      result.firstPersons = items.length;
    }
    cursor = nextCursor ?? undefined;
    if (!cursor) break;
  }
  return result;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const milliseconds = (ms: number) =>
  ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms).toLocaleString('en')} ms`;
const mebibytes = (bytes: number) => `${Math.round(bytes / 2 ** 20).toLocaleString('en')} MiB`;
const count = (n: number) => n.toLocaleString('en');

/** Runs `work` while sampling the resident memory, and returns its peak with the result. */
async function withPeakMemory<T>(work: () => Promise<T>) {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  try {
    const result = await work();
    return { result, peak: Math.max(peak, process.memoryUsage().rss) };
  } finally {
    clearInterval(timer);
  }
}

// ---------------------------------------------------------------------------------------------
// Run and report

async function main(): Promise<void> {
  const size = argument('persons', 20_000);
  const repeat = argument('repeat', 3);
  const seed = argument('seed', 20_240_601);
  const pages = 5;
  const log = (text: string) => console.error(`[bench:registry] ${text}`);

  const registry = generateRegistry(size, seed);
  const { database, drop } = await openDatabase();
  const { db } = database;
  try {
    let startedAt = performance.now();
    await insertInChunks(registry.sources, (chunk) => db.insert(sources).values(chunk));
    await insertInChunks(registry.persons, (chunk) => db.insert(persons).values(chunk));
    await insertInChunks(registry.names, (chunk) => db.insert(personNames).values(chunk));
    await insertInChunks(registry.events, (chunk) => db.insert(events).values(chunk));
    await insertInChunks(registry.participants, (chunk) =>
      db.insert(eventParticipants).values(chunk),
    );
    await insertInChunks(registry.claims, (chunk) => db.insert(claims).values(chunk));
    const writing = performance.now() - startedAt;
    log(`registry written in ${milliseconds(writing)}`);
    startedAt = performance.now();
    const personIds = registry.persons.map((p) => p.id!);
    const stored = await storeStatuses(db, personIds);
    // Planner statistics, as a registry in use has them.
    await db.execute('ANALYZE');
    const statusing = performance.now() - startedAt;
    log(`statuses stored in ${milliseconds(statusing)}`);

    // The most common surname of the generated names (the first of the Armenian pool).
    const q = 'Petrosyan';
    const cases: { label: string; filters: Filters }[] = [
      { label: 'no filter', filters: {} },
      { label: `q "${q}"`, filters: { q } },
      { label: 'status "held"', filters: { status: 'held' } },
      { label: 'category "hostage"', filters: { category: 'hostage' } },
      { label: 'taken in 2020-10', filters: { takenFrom: '2020-10', takenTo: '2020-10' } },
      { label: 'place "Kelmarin"', filters: { place: 'Kelmarin' } },
      { label: 'side "State B"', filters: { side: 'State B' } },
      {
        label: 'status "held", category "hostage", side "State B"',
        filters: { status: 'held', category: 'hostage', side: 'State B' },
      },
      // The worst case of a page: a status nobody has, so that every person whose status may
      // rest on a hidden source is read and derived before the answer (none).
      { label: 'status "escaped" (nobody)', filters: { status: 'escaped' } },
    ];
    const staff: ServiceContext['actor'] = {
      id: 'bench-staff',
      username: 'bench-staff',
      displayName: 'A staff member (benchmark)',
      role: 'editor',
      clearance: 'staff',
      totpEnabled: true,
    };
    const partner: PartnerActor = {
      id: 'bench-partner-key',
      username: 'api-key:bench-partner-key',
      displayName: 'A partner (benchmark)',
      role: 'viewer',
      clearance: 'partner',
      totpEnabled: true,
      scopes: ['persons:read'],
    };
    const callers = [
      { label: 'staff', actor: staff },
      { label: 'partner', actor: partner },
    ];
    // Listing and export use neither the queue nor the file store.
    const contextOf = (actor: ServiceContext['actor'], on: Db = db): ServiceContext => ({
      db: on,
      actor,
      ip: '127.0.0.1',
      queue: undefined as never,
      files: undefined as never,
    });

    const rows: string[] = [];
    for (const { label, filters } of cases) {
      for (const caller of callers) {
        // A first walk, untimed, counts the statuses derived (and warms the caches).
        const first = newCounter();
        await listPersons(contextOf(caller.actor, countingPersonRows(db, first)), {
          ...filters,
          limit: 50,
        });
        const walked = newCounter();
        await walk(contextOf(caller.actor, countingPersonRows(db, walked)), filters, pages);
        const walks: Walk[] = [];
        for (let i = 0; i < repeat; i++)
          walks.push(await walk(contextOf(caller.actor), filters, pages));
        const firstPage = median(walks.map((w) => w.firstPage));
        const allPages = median(walks.map((w) => w.pages));
        rows.push(
          `| ${label} | ${caller.label} | ${milliseconds(firstPage)} | ${milliseconds(allPages)} | ${walks[0]!.firstPersons} / ${walks[0]!.persons} | ${count(first.rows)} / ${count(walked.rows)} | ${first.queries} (${milliseconds(first.ms)}) |`,
        );
        log(rows.at(-1)!);
      }
    }

    const exports: string[] = [];
    for (const caller of callers) {
      const counter = newCounter();
      const before = process.memoryUsage().rss;
      startedAt = performance.now();
      const { result, peak } = await withPeakMemory(() =>
        exportRegistry(contextOf(caller.actor, countingPersonRows(db, counter)), {
          format: 'csv',
        }),
      );
      const took = performance.now() - startedAt;
      exports.push(
        `| ${caller.label} | ${milliseconds(took)} | ${count(result.count)} | ${count(counter.rows)} | ${counter.queries} (${milliseconds(counter.ms)}) | ${(Buffer.byteLength(result.text) / 2 ** 20).toFixed(1)} MiB | ${mebibytes(before)} → ${mebibytes(peak)} |`,
      );
      log(exports.at(-1)!);
    }

    const kind = database.kind === 'pglite' ? 'PGlite (in memory)' : 'PostgreSQL';
    const date = new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
    const load = `load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} while running`;
    const heading = `Measured ${date} on ${readCpuModel()} (${cpus().length} cores; ${load}), Node ${process.version}, ${kind}, seed ${seed}:`;
    const share = (n: number) => `${Math.round((100 * n) / size)} %`;
    const known = {
      stored,
      staff: await statusesFor(db, personIds, 'staff'),
      partner: await statusesFor(db, personIds, 'partner'),
    };
    const answering = (test: (status: PersonStatus) => boolean) =>
      (['stored', 'staff', 'partner'] as const)
        .map(
          (who) =>
            `${count(known[who].filter(test).length)} ${who === 'stored' ? 'stored' : `for ${who}`}`,
        )
        .join(', ');
    const data = [
      `- registry: ${count(size)} persons, ${count(registry.events.length)} events, ${count(registry.claims.length)} accepted claims from ${SOURCE_COUNT} sources; written in ${milliseconds(writing)}, statuses stored in ${milliseconds(statusing)}`,
      `- persons held: ${answering((status) => hasStatusValue(status, 'held'))}; with "hostage" asserted: ${answering((status) => hasLegalCategory(status, 'hostage'))}`,
      `- persons with a claim from a source hidden from a partner: ${count(registry.restingOnHidden.partner)} (${share(registry.restingOnHidden.partner)}); from a source hidden from staff: ${count(registry.restingOnHidden.staff)} (${share(registry.restingOnHidden.staff)})`,
    ].join('\n');
    const listTable = [
      `| filter | caller | first page | ${pages} pages | persons (first page / ${pages} pages) | statuses derived (first page / ${pages} pages) | batches read for the first page (their SQL time) |`,
      '| --- | --- | --- | --- | --- | --- | --- |',
      ...rows,
    ].join('\n');
    const exportTable = [
      '| caller | time | persons | statuses derived | batches read (their SQL time) | CSV | resident memory (before → peak) |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      ...exports,
    ].join('\n');
    const report = `${heading}\n\n${data}\n\n${listTable}\n\nThe export of the whole registry as CSV (\`exportRegistry\`, pages of 200):\n\n${exportTable}`;
    console.log(report);

    if (process.argv.includes('--write-readme')) writeReadme(database.kind, report);
  } finally {
    await drop();
  }
}

const SECTION = `## \`pnpm bench:registry\` — the registry list and export

\`bench/registry.bench.ts\` writes a registry of fictional persons (names as in \`bench:match\`),
each with a capture event (2020-09 to 2021-01, in one of 30 invented villages, by the armed
forces of State A or State B), a release for 30 % of them, and one or two accepted
legal-category claims (prisoner of war, civilian internee, hostage, enforced disappearance).
Every claim comes from one of 200 sources: 82 % may be shown to partners, 15 % only to staff,
3 % only to restricted clearance. It stores every status as the worker does, then times
\`listPersons\` for a staff-cleared and a partner-cleared caller (pages of 50: the time to the
first page, and to the fifth following the cursor; the median of three walks), and
\`exportRegistry\` of the whole registry as CSV.

For a caller below restricted clearance the \`status\` and \`category\` filters keep, besides the
persons whose stored status answers, every person whose status may rest on a source or event
above their clearance, derive those statuses as the caller may know them, and read on until the
page is full, 100 rows at a time. "Statuses derived" counts the persons read and derived for (a
page without those filters derives 51: the page and one more); "batches read" counts those
queries of \`persons\`, and their time is the SQL part of the page. The last case, a status
nobody in the registry has, is the worst a page can cost: every person whose status may rest on
a hidden source is read and derived before the empty answer.

\`\`\`
pnpm bench:registry                              # 20,000 persons
pnpm bench:registry --persons 5000 --repeat 5
pnpm bench:registry --database-url postgres://postgres@127.0.0.1:5432/test
pnpm bench:registry --write-readme               # record the results below
\`\`\``;

/** Writes the results between the markers of the database's kind, adding the section if absent. */
function writeReadme(kind: 'pglite' | 'postgres', report: string): void {
  const path = new URL('./README.md', import.meta.url);
  const marker = kind === 'pglite' ? 'registry-results' : 'registry-postgres-results';
  const block = `<!-- ${marker}:start -->\n${report}\n<!-- ${marker}:end -->`;
  let readme = readFileSync(path, 'utf8');
  if (!readme.includes('<!-- registry-results:start -->'))
    readme = `${readme.trimEnd()}\n\n${SECTION}\n\n<!-- registry-results:start -->\n<!-- registry-results:end -->\n`;
  if (!readme.includes(`<!-- ${marker}:start -->`))
    readme = readme.replace(
      '<!-- registry-results:end -->',
      `<!-- registry-results:end -->\n\nThe same on PostgreSQL (\`--database-url\`):\n\n<!-- ${marker}:start -->\n<!-- ${marker}:end -->`,
    );
  writeFileSync(
    path,
    readme.replace(
      new RegExp(`<!-- ${marker}:start -->[\\s\\S]*<!-- ${marker}:end -->`),
      () => block,
    ),
  );
  console.log('\nbench/README.md updated');
}

await main();
