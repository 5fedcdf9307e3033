/**
 * The drizzle schema of every Vigil table. Tables are plural (`persons`) so that the singular
 * stays free for the domain type (`Person`). Every mutable table carries `version` for
 * optimistic concurrency: an update names the version it read and fails when it moved.
 */
import type { ApiScope } from '@vigil/domain';
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const id = () => uuid('id').primaryKey().defaultRandom();
const version = () => integer('version').notNull().default(1);
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const users = pgTable('users', {
  id: id(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: ['viewer', 'reviewer', 'editor', 'admin'] }).notNull(),
  clearance: text('clearance', { enum: ['public', 'partner', 'staff', 'restricted'] }).notNull(),
  disabled: boolean('disabled').notNull().default(false),
  /**
   * The base32 TOTP secret of the user's authenticator app: set when enrolment starts, in use
   * once `totpEnabledAt` is set. Never leaves the server except once, to the user enrolling.
   */
  totpSecret: text('totp_secret'),
  /** When the user confirmed their first code; null while no second factor is set up. */
  totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
  /** The 30-second time step of the last code accepted, so that no code is accepted twice. */
  totpLastStep: integer('totp_last_step'),
  version: version(),
  createdAt: createdAt(),
});

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the session token; the token itself is only in the user's cookie. */
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const persons = pgTable(
  'persons',
  {
    id: id(),
    /** Search key of the person's first name, for the registry's alphabetical order. */
    sortName: text('sort_name').notNull().default(''),
    sex: text('sex', { enum: ['male', 'female', 'unknown'] })
      .notNull()
      .default('unknown'),
    birthDate: text('birth_date'),
    birthPlace: text('birth_place'),
    fatherName: text('father_name'),
    citizenship: text('citizenship'),
    affiliation: text('affiliation', { enum: ['military', 'civilian', 'unknown'] })
      .notNull()
      .default('unknown'),
    unit: text('unit'),
    rank: text('rank'),
    identifiers: jsonb('identifiers')
      .$type<{ kind: string; value: string }[]>()
      .notNull()
      .default([]),
    familyContact: text('family_contact'),
    notes: text('notes'),
    sensitivity: text('sensitivity', { enum: ['public', 'partner', 'staff', 'restricted'] })
      .notNull()
      .default('partner'),
    /** Derived by `deriveStatus` from accepted events and claims; never written by a person. */
    status: jsonb('status'),
    statusSummary: text('status_summary'),
    statusComputedAt: timestamp('status_computed_at', { withTimezone: true }),
    /** Set when a merge folded this record into another; the record is then hidden, not erased. */
    mergedInto: uuid('merged_into'),
    hiddenAt: timestamp('hidden_at', { withTimezone: true }),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('persons_sort_idx').on(t.sortName, t.id)],
);

export const personNames = pgTable(
  'person_names',
  {
    id: id(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    value: text('value').notNull(),
    script: text('script', { enum: ['armenian', 'cyrillic', 'latin', 'other'] }).notNull(),
    language: text('language'),
    kind: text('kind', { enum: ['legal', 'transliteration', 'alias', 'patronymic'] }).notNull(),
    /** Lowercase Latin form of `value` for search in any script (trigram-indexed). */
    searchKey: text('search_key').notNull(),
    claimId: uuid('claim_id'),
    /** Insertion order: a person's first name is the one shown in lists. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    version: version(),
    createdAt: createdAt(),
  },
  (t) => [
    index('person_names_person_idx').on(t.personId, t.seq),
    index('person_names_search_trgm').using('gin', sql`${t.searchKey} gin_trgm_ops`),
    index('person_names_value_trgm').using('gin', sql`lower(${t.value}) gin_trgm_ops`),
  ],
);

export const sources = pgTable('sources', {
  id: id(),
  kind: text('kind').notNull(),
  title: text('title').notNull(),
  publisher: text('publisher'),
  author: text('author'),
  url: text('url'),
  language: text('language'),
  publishedDate: text('published_date'),
  accessedDate: text('accessed_date'),
  side: text('side').notNull().default('unknown'),
  reliability: text('reliability').notNull().default('F'),
  content: text('content'),
  notes: text('notes'),
  sensitivity: text('sensitivity', { enum: ['public', 'partner', 'staff', 'restricted'] })
    .notNull()
    .default('staff'),
  archiveStatus: text('archive_status', { enum: ['pending', 'archived', 'not_applicable'] })
    .notNull()
    .default('pending'),
  version: version(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const sourceFiles = pgTable(
  'source_files',
  {
    id: id(),
    sourceId: uuid('source_id')
      .notNull()
      .references(() => sources.id),
    filename: text('filename').notNull(),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    /** Where the bytes wait until the `sources.hash-file` job hashes and stores them. */
    storageKey: text('storage_key').notNull(),
    sha256: text('sha256'),
    createdAt: createdAt(),
  },
  (t) => [index('source_files_source_idx').on(t.sourceId)],
);

export const events = pgTable(
  'events',
  {
    id: id(),
    type: text('type').notNull(),
    subtype: text('subtype'),
    /** Canonical partial-date text; `dateEarliest`/`dateLatest` make it sortable and filterable. */
    date: text('date'),
    dateEarliest: date('date_earliest', { mode: 'string' }),
    dateLatest: date('date_latest', { mode: 'string' }),
    place: text('place'),
    actingParty: text('acting_party'),
    mediator: text('mediator'),
    description: text('description'),
    sensitivity: text('sensitivity', { enum: ['public', 'partner', 'staff', 'restricted'] })
      .notNull()
      .default('partner'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('events_date_idx').on(t.dateEarliest)],
);

export const eventParticipants = pgTable(
  'event_participants',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    role: text('role').notNull().default('subject'),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.personId] }),
    index('event_participants_person_idx').on(t.personId),
  ],
);

export const claims = pgTable(
  'claims',
  {
    id: id(),
    sourceId: uuid('source_id')
      .notNull()
      .references(() => sources.id),
    subjectType: text('subject_type', { enum: ['person', 'event', 'participation'] }).notNull(),
    personId: uuid('person_id').references(() => persons.id),
    eventId: uuid('event_id').references(() => events.id),
    predicate: text('predicate').notNull(),
    value: jsonb('value'),
    excerpt: text('excerpt'),
    locator: text('locator'),
    credibility: integer('credibility').notNull().default(6),
    stance: text('stance', { enum: ['supports', 'contradicts'] })
      .notNull()
      .default('supports'),
    reviewState: text('review_state', {
      enum: ['pending', 'accepted', 'rejected', 'needs_evidence'],
    })
      .notNull()
      .default('pending'),
    enteredBy: uuid('entered_by').references(() => users.id),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewReason: text('review_reason'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('claims_person_idx').on(t.personId),
    index('claims_event_idx').on(t.eventId),
    index('claims_source_idx').on(t.sourceId),
  ],
);

export const countClaims = pgTable(
  'count_claims',
  {
    id: id(),
    sourceId: uuid('source_id')
      .notNull()
      .references(() => sources.id),
    claimant: text('claimant').notNull(),
    asOf: text('as_of').notNull(),
    asOfEarliest: date('as_of_earliest', { mode: 'string' }).notNull(),
    population: text('population').notNull(),
    populationLabel: text('population_label').notNull(),
    min: integer('min').notNull(),
    max: integer('max').notNull(),
    approximate: boolean('approximate').notNull().default(false),
    note: text('note'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('count_claims_population_idx').on(t.population, t.asOfEarliest)],
);

export const matchJudgements = pgTable(
  'match_judgements',
  {
    id: id(),
    personA: uuid('person_a')
      .notNull()
      .references(() => persons.id),
    personB: uuid('person_b')
      .notNull()
      .references(() => persons.id),
    verdict: text('verdict', { enum: ['same', 'different', 'unsure'] }).notNull(),
    reason: text('reason').notNull(),
    score: real('score'),
    features: jsonb('features').$type<Record<string, number>>(),
    decidedBy: uuid('decided_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    undoneAt: timestamp('undone_at', { withTimezone: true }),
  },
  (t) => [index('match_judgements_pair_idx').on(t.personA, t.personB)],
);

export const reviewTasks = pgTable(
  'review_tasks',
  {
    id: id(),
    kind: text('kind', {
      enum: ['claim', 'duplicate', 'conflict', 'contact_lost', 'archive_source', 'file_integrity'],
    }).notNull(),
    state: text('state', { enum: ['open', 'done'] })
      .notNull()
      .default('open'),
    claimId: uuid('claim_id').references(() => claims.id),
    personId: uuid('person_id').references(() => persons.id),
    otherPersonId: uuid('other_person_id').references(() => persons.id),
    sourceId: uuid('source_id').references(() => sources.id),
    assigneeId: uuid('assignee_id').references(() => users.id),
    outcome: text('outcome', { enum: ['accepted', 'rejected', 'needs_evidence'] }),
    reason: text('reason'),
    detail: text('detail'),
    /** Same key → same open task: lets idempotent jobs open a task at most once. */
    dedupeKey: text('dedupe_key'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('review_tasks_state_idx').on(t.state, t.kind),
    uniqueIndex('review_tasks_open_dedupe')
      .on(t.dedupeKey)
      .where(sql`${t.state} = 'open'`),
  ],
);

/**
 * Append-only and hash-chained: each row's `hash` covers its content and the previous hash.
 * Indexed by record, so that a record's history is read without walking the whole log.
 */
export const auditEntries = pgTable(
  'audit_entries',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    ip: text('ip'),
    diff: jsonb('diff').$type<Record<string, unknown>>(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_entries_entity_idx').on(t.entity, t.entityId, t.seq)],
);

/** Key-value settings of the instance (e.g. the proof-of-life window). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  version: version(),
});

/**
 * Blocking keys of every person (from all their names, birth date, father's name, place),
 * so candidates for a list row are found by index lookups, never by comparing with everyone.
 */
export const personMatchKeys = pgTable(
  'person_match_keys',
  {
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    key: text('key').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.personId, t.key] }),
    index('person_match_keys_key_idx').on(t.key),
  ],
);

/** A published list being imported: previewed, confirmed, then applied by the worker. */
export const imports = pgTable('imports', {
  id: id(),
  state: text('state', {
    enum: ['matching', 'previewed', 'queued', 'applying', 'applied', 'failed', 'cancelled'],
  })
    .notNull()
    .default('previewed'),
  format: text('format', { enum: ['csv', 'lines'] }).notNull(),
  filename: text('filename'),
  /** The list exactly as uploaded or pasted; kept as the text of the import's source. */
  text: text('text').notNull(),
  /** Parsed rows with the dry run's decision for each. */
  rows: jsonb('rows').$type<unknown[]>().notNull(),
  total: integer('total').notNull(),
  processed: integer('processed').notNull().default(0),
  phase: text('phase'),
  acceptAutomatic: boolean('accept_automatic').notNull().default(false),
  /** The importer's own choice for some rows (`ImportRowChoice`), over the matcher's decision. */
  choices: jsonb('choices').$type<unknown[]>().notNull().default([]),
  sourceTitle: text('source_title').notNull(),
  sourceId: uuid('source_id').references(() => sources.id),
  summary: jsonb('summary').$type<Record<string, number>>(),
  error: text('error'),
  createdBy: uuid('created_by').references(() => users.id),
  version: version(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** A merge of two person records after a "same" judgement; undoing it moves everything back. */
export const personMerges = pgTable('person_merges', {
  id: id(),
  judgementId: uuid('judgement_id')
    .notNull()
    .references(() => matchJudgements.id),
  survivorId: uuid('survivor_id')
    .notNull()
    .references(() => persons.id),
  mergedId: uuid('merged_id')
    .notNull()
    .references(() => persons.id),
  /** Ids of the rows moved from the merged record to the survivor, to move them back. */
  moved: jsonb('moved')
    .$type<{ names: string[]; claims: string[]; events: string[]; tasks: string[] }>()
    .notNull(),
  createdAt: createdAt(),
  undoneAt: timestamp('undone_at', { withTimezone: true }),
});

/**
 * A partner's key to the read-only partner API: its scopes and clearance (never restricted),
 * and a SHA-256 of its random secret; the token itself is shown once, when the key is made.
 */
export const apiKeys = pgTable('api_keys', {
  id: id(),
  name: text('name').notNull(),
  clearance: text('clearance', { enum: ['public', 'partner', 'staff'] }).notNull(),
  scopes: jsonb('scopes').$type<ApiScope[]>().notNull(),
  secretHash: text('secret_hash').notNull(),
  /** The last day the key works (`YYYY-MM-DD`); null: until it is revoked. */
  expiresOn: text('expires_on'),
  createdBy: uuid('created_by')
    .notNull()
    .references(() => users.id),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  revokedBy: uuid('revoked_by').references(() => users.id),
  version: version(),
  createdAt: createdAt(),
});

/**
 * Failed sign-ins of the last minutes, by user name (whether or not it exists) and address, for
 * throttling (`signInRefusal`); every failure is also in the audit log, which is never pruned.
 */
export const signInFailures = pgTable(
  'sign_in_failures',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** The user name tried, lowercased. */
    account: text('account').notNull(),
    ip: text('ip'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('sign_in_failures_account_idx').on(t.account, t.at),
    index('sign_in_failures_ip_idx').on(t.ip, t.at),
    index('sign_in_failures_at_idx').on(t.at),
  ],
);

/**
 * Request budgets of partner API callers (`takeRateToken` of `@vigil/domain`), shared by every
 * server process: one row per caller and budget, holding the moment (milliseconds since 1970,
 * fractional) at which the caller's bucket is full again. A row whose moment has passed is the
 * same as none and is swept out.
 */
export const rateBuckets = pgTable(
  'rate_buckets',
  {
    /** Which budget: a partner key's requests, or an address's requests without a working key. */
    budget: text('budget').notNull(),
    /** The key's id, or the client address. */
    caller: text('caller').notNull(),
    fullAt: doublePrecision('full_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.budget, t.caller] }),
    index('rate_buckets_full_at_idx').on(t.fullAt),
  ],
);

/**
 * One random key per record whose audit entries are sealed (`sealsAuditValues`): the values in
 * those entries are encrypted under it, so purging the record deletes its key and with it every
 * earlier value, while the hash chain over the sealed entries stays whole.
 */
export const recordKeys = pgTable(
  'record_keys',
  {
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    /** 256-bit AES-GCM key, base64. */
    key: text('key').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.entity, t.entityId] })],
);
