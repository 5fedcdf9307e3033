import { z } from 'zod';
import type { AuditAction, AuditEntity } from '../audit/audit-entry.schema.ts';
import { claimFields, ClaimCreateSchema } from '../claims/claim.schema.ts';
import { countClaimFields, CountClaimCreateSchema } from '../counts/count-claim.schema.ts';
import { EventCreateSchema, eventFields } from '../events/event.schema.ts';
import { personFields, PersonInputSchema } from '../persons/person.schema.ts';
import {
  isCleared,
  isFieldCleared,
  SENSITIVITIES,
  type FieldSensitivity,
  type Sensitivity,
} from '../sensitivity/sensitivity.ts';
import { SourceCreateSchema, sourceFields } from '../sources/source.schema.ts';

/** The kinds of record whose history can be shown. */
export const HISTORY_KINDS = ['person', 'source', 'event', 'claim', 'countClaim'] as const;
export const HistoryKindSchema = z.enum(HISTORY_KINDS);
export type HistoryKind = z.infer<typeof HistoryKindSchema>;

/** The audit entity under which each kind of record writes its own entries. */
export const HISTORY_ENTITY: Record<HistoryKind, AuditEntity> = {
  person: 'person',
  source: 'source',
  event: 'event',
  claim: 'claim',
  countClaim: 'count_claim',
};

/** Audit actions that change a record. Reads (`read_restricted`) and sign-ins are not history. */
export const HISTORY_ACTIONS = [
  'create',
  'update',
  'delete',
  'decide',
  'merge',
  'unmerge',
  'purge',
] as const satisfies readonly AuditAction[];

/** Actions that are worth showing even when the caller may see none of the values they changed. */
const STRUCTURAL_ACTIONS = new Set<string>(['create', 'delete', 'merge', 'unmerge', 'purge']);

/** A value that shows as nothing: none, an empty text or an empty list. */
const isBlank = (value: unknown) =>
  value === null ||
  value === undefined ||
  value === '' ||
  (Array.isArray(value) && value.length === 0);

/** One audit entity that is part of a record's history. */
export interface HistoryPart {
  /** Field sensitivities, the same table that cuts the record itself. */
  fields: FieldSensitivity;
  /**
   * The fields whose values the history shows: what staff enter and what reviewers decide.
   * Bookkeeping (version, timestamps, search keys) and derived values (the status, which rests on
   * every source, also those above a caller's clearance) are left out.
   */
  shown: readonly string[];
}

const keysOf = (schema: { shape: object }) => Object.keys(schema.shape);
const NAME_FIELDS: FieldSensitivity = { id: 'public' };

/**
 * The audit entities that make up each kind of record's history: a person's own entries and those
 * of their names; a source's and its files'; an event's and its participants'; a claim's; a count
 * claim's. Fields come from the record's schema, so a field added there is shown here too.
 */
export const HISTORY_PARTS: Record<HistoryKind, Readonly<Record<string, HistoryPart>>> = {
  person: {
    person: {
      fields: personFields,
      shown: [...keysOf(PersonInputSchema), 'names', 'mergedInto'],
    },
    name: { fields: NAME_FIELDS, shown: ['value', 'script', 'language', 'kind'] },
  },
  source: {
    source: { fields: sourceFields, shown: [...keysOf(SourceCreateSchema), 'archiveStatus'] },
    source_file: { fields: sourceFields, shown: ['filename', 'mediaType', 'size', 'sha256'] },
  },
  event: {
    event: { fields: eventFields, shown: keysOf(EventCreateSchema) },
    event_participants: { fields: eventFields, shown: ['participants'] },
  },
  claim: {
    claim: {
      fields: claimFields,
      shown: [...keysOf(ClaimCreateSchema), 'reviewState', 'reviewReason'],
    },
  },
  countClaim: {
    count_claim: { fields: countClaimFields, shown: keysOf(CountClaimCreateSchema) },
  },
};

/** One audit entry of a record or of one of its parts, as the history reads it. */
export interface HistoryEntry {
  seq: number;
  at: Date;
  action: string;
  entity: string;
  entityId: string | null;
  actorId: string | null;
  /** The acting user's display name, when the actor is a user. */
  actorName: string | null;
  /** The filtered before/after of the change: `{ field: [before, after] }`. */
  diff: Record<string, unknown> | null;
}

/** One field of a change, with its value before and after. */
export interface HistoryChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** One change of a record, as a caller may see it. */
export interface HistoryItem {
  seq: number;
  at: Date;
  action: string;
  /** The audit entity changed: the record itself (`person`) or one of its parts (`name`). */
  entity: string;
  entityId: string | null;
  /** Who made the change, or `null` when the caller may not be told (see {@link historyActorShownTo}). */
  who: string | null;
  changes: HistoryChange[];
}

/** What the history of one record is built from; everything here is read by the caller's query. */
export interface RecordHistory {
  kind: HistoryKind;
  id: string;
  /** The record's own sensitivity now; for a claim or count claim, that of the source it cites. */
  sensitivity: Sensitivity;
  /** For a claim or count claim: the source it cites now. */
  sourceId?: string | null;
  /** The audit entries of the record and of its parts (for a person: of their names now). */
  entries: readonly HistoryEntry[];
  /** For a person: the merges and unmerges that moved names to or from them. */
  merges?: readonly HistoryEntry[];
  /** For a claim or count claim: every source it cited, with its sensitivity now and its entries. */
  sources?: ReadonlyMap<string, { sensitivity: Sensitivity; entries: readonly HistoryEntry[] }>;
  /**
   * Each record that a value in the history names (a claim's source, an event's participant, the
   * person a record was merged into): its sensitivity, or `null` when it is hidden. An id that is
   * not here is withheld.
   */
  references?: ReadonlyMap<string, Sensitivity | null>;
}

type Side = 'before' | 'after';
type Pair = [unknown, unknown];

/** The `[before, after]` of one field in an entry's diff, or undefined when it has none. */
function pairOf(diff: Record<string, unknown> | null, field: string): Pair | undefined {
  const value = diff?.[field];
  return Array.isArray(value) && value.length === 2 ? [value[0], value[1]] : undefined;
}

/**
 * One field's value over time, rebuilt from the `[before, after]` pairs of the entries that changed
 * it: the value just before or just after the entry numbered `seq`. Before the first change it is
 * that change's earlier value; with no change at all, the value `now`.
 *
 * @example
 * const sensitivity = valueOver(entries, 'sensitivity', 'partner');
 * sensitivity(12, 'before') // 'restricted' when entry 12 lowered it
 */
export function valueOver(
  entries: readonly Pick<HistoryEntry, 'seq' | 'diff'>[],
  field: string,
  now: unknown,
): (seq: number, side: Side) => unknown {
  const changes = entries
    .flatMap((entry) => {
      const pair = pairOf(entry.diff, field);
      return pair ? [{ seq: entry.seq, pair }] : [];
    })
    .sort((a, b) => a.seq - b.seq);
  return (seq, side) => {
    let last: Pair | undefined;
    for (const change of changes) {
      if (change.seq < seq || (side === 'after' && change.seq === seq)) last = change.pair;
      else return last ? last[1] : change.pair[0];
    }
    return last ? last[1] : now;
  };
}

/**
 * Moves of names between persons, as changes of each name's `personId`: a merge moves the merged
 * person's names to the survivor, its undoing moves them back.
 */
export function nameMoves(merges: readonly HistoryEntry[]): HistoryEntry[] {
  const open = new Map<string, { survivor: string; names: string[] }>();
  const moves: HistoryEntry[] = [];
  const move = (entry: HistoryEntry, names: string[], from: string, to: string) => {
    for (const name of names)
      moves.push({ ...entry, entity: 'name', entityId: name, diff: { personId: [from, to] } });
  };
  for (const entry of [...merges].sort((a, b) => a.seq - b.seq)) {
    const merged = entry.entityId;
    const mergedInto = pairOf(entry.diff, 'mergedInto');
    if (entry.entity !== 'person' || !merged || !mergedInto) continue;
    if (entry.action === 'merge' && typeof mergedInto[1] === 'string') {
      const moved = pairOf(entry.diff, 'moved')?.[1] as { names?: unknown } | null | undefined;
      const names = Array.isArray(moved?.names)
        ? moved.names.filter((n): n is string => typeof n === 'string')
        : [];
      open.set(merged, { survivor: mergedInto[1], names });
      move(entry, names, merged, mergedInto[1]);
    } else if (entry.action === 'unmerge') {
      const merge = open.get(merged);
      open.delete(merged);
      if (merge) move(entry, merge.names, merge.survivor, merged);
    }
  }
  return moves;
}

function isSensitivity(value: unknown): value is Sensitivity {
  return (SENSITIVITIES as readonly unknown[]).includes(value);
}

/**
 * Whether a caller may see the record as it stood at one moment: `null` means there was no record
 * yet (every earlier value is empty); a level they are not cleared for, or anything unknown, hides.
 */
function momentVisible(sensitivity: unknown, clearance: Sensitivity): boolean {
  if (sensitivity === null) return true;
  return isSensitivity(sensitivity) && isCleared(clearance, sensitivity);
}

/** The record's own sensitivity just before or after an entry, from the entries that set it. */
function sensitivityOver(history: RecordHistory): (seq: number, side: Side) => unknown {
  const entity = HISTORY_ENTITY[history.kind];
  const own = history.entries.filter((e) => e.entity === entity && e.entityId === history.id);
  if (history.kind !== 'claim' && history.kind !== 'countClaim')
    return valueOver(own, 'sensitivity', history.sensitivity);
  // A claim is as sensitive as the source it cited at that moment, as that source stood then.
  const sourceAt = valueOver(own, 'sourceId', history.sourceId ?? null);
  const sources = new Map(
    [...(history.sources ?? new Map())].map(([id, source]) => [
      id,
      valueOver(source.entries, 'sensitivity', source.sensitivity),
    ]),
  );
  return (seq, side) => {
    const sourceId = sourceAt(seq, side);
    if (sourceId === null) return null;
    const sensitivity = typeof sourceId === 'string' ? sources.get(sourceId) : undefined;
    return sensitivity ? sensitivity(seq, side) : 'unknown';
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const WITHHELD = Symbol('withheld');

/**
 * A value with every id of a record the caller may not see taken out: an id itself is withheld, a
 * list loses the items that hold one (an event's participants), and an object that holds one is
 * withheld whole.
 */
function withoutHiddenIds(value: unknown, visible: (id: string) => boolean): unknown {
  if (typeof value === 'string') return UUID.test(value) && !visible(value) ? WITHHELD : value;
  if (Array.isArray(value))
    return value.map((item) => withoutHiddenIds(item, visible)).filter((item) => item !== WITHHELD);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const kept = withoutHiddenIds(item, visible);
      if (kept === WITHHELD) return WITHHELD;
      out[key] = kept;
    }
    return out;
  }
  return value;
}

function idsIn(value: unknown, into: Set<string>) {
  if (typeof value === 'string') {
    if (UUID.test(value)) into.add(value);
  } else if (Array.isArray(value)) {
    for (const item of value) idsIn(item, into);
  } else if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) idsIn(item, into);
  }
}

/** The part of the record an entry belongs to, or undefined when it is not part of its history. */
function partOf(history: RecordHistory, entry: HistoryEntry): HistoryPart | undefined {
  if (!(HISTORY_ACTIONS as readonly string[]).includes(entry.action)) return undefined;
  if (entry.entity === HISTORY_ENTITY[history.kind] && entry.entityId !== history.id)
    return undefined;
  return HISTORY_PARTS[history.kind][entry.entity];
}

/**
 * The sources a claim or count claim has cited, now and in any of its entries, so that the
 * caller's query can load how sensitive each was over time (see {@link RecordHistory.sources}).
 */
export function historySourceIds(history: RecordHistory): string[] {
  const ids = new Set<string>(history.sourceId ? [history.sourceId] : []);
  const entity = HISTORY_ENTITY[history.kind];
  for (const entry of history.entries) {
    if (entry.entity !== entity || entry.entityId !== history.id) continue;
    for (const value of pairOf(entry.diff, 'sourceId') ?? [])
      if (typeof value === 'string') ids.add(value);
  }
  return [...ids];
}

/**
 * The ids of records that values in a history name, so that the caller's query can look up
 * whether each may be shown (see {@link RecordHistory.references}).
 */
export function historyReferences(history: RecordHistory): string[] {
  const ids = new Set<string>();
  for (const entry of history.entries) {
    const part = partOf(history, entry);
    if (!part) continue;
    for (const field of part.shown) {
      const pair = pairOf(entry.diff, field);
      if (pair) idsIn(pair, ids);
    }
  }
  return [...ids];
}

/** Display names the audit trail uses for what no user did. */
const AUTOMATIC_ACTORS: Record<string, string> = {
  worker: 'Vigil (automatic)',
  seed: 'Demo data',
};

/**
 * Who made a change, as a caller may be told. Staff names are shown only to callers cleared for
 * staff data and above: a partner learns what changed and when, never who entered it (as with
 * TRUST 3, which keeps submitters out of aggregates, and as `enteredBy` is a staff field).
 *
 * @example
 * historyActorShownTo({ actorId: 'u1', actorName: 'Ani Petrosyan' }, 'staff')   // 'Ani Petrosyan'
 * historyActorShownTo({ actorId: 'u1', actorName: 'Ani Petrosyan' }, 'partner') // null
 */
export function historyActorShownTo(
  entry: Pick<HistoryEntry, 'actorId' | 'actorName'>,
  clearance: Sensitivity,
): string | null {
  if (!isCleared(clearance, 'staff')) return null;
  if (entry.actorName) return entry.actorName;
  return (entry.actorId && AUTOMATIC_ACTORS[entry.actorId]) || 'Unknown';
}

/**
 * The changes of one record that a caller may see, newest first:
 * - a field above the caller's clearance is left out of every entry, both its values;
 * - an entry is shown only when the caller could have seen the record both just before and just
 *   after it: values from a time the record (or, for a claim, its source) was above their
 *   clearance stay hidden even after it was lowered;
 * - a value that names a record the caller may not see (a restricted source, a hidden person) is
 *   left out; a list of participants loses only the persons they may not see;
 * - a name's entries belong to a person only while the name was theirs (merges move names);
 * - an update with nothing left to show is left out, so that a hidden change does not show as an
 *   empty one; who made each change is shown only to staff clearance and above.
 *
 * @example
 * historyVisibleTo({ kind: 'person', id, sensitivity: 'partner', entries }, 'partner')
 * // [{ action: 'update', who: null, changes: [{ field: 'rank', before: 'private', after: 'sergeant' }] }]
 */
export function historyVisibleTo(history: RecordHistory, clearance: Sensitivity): HistoryItem[] {
  const sensitivityAt = sensitivityOver(history);
  const references = history.references ?? new Map<string, Sensitivity | null>();
  const visibleId = (id: string) => {
    const level = references.get(id);
    return level !== undefined && level !== null && isCleared(clearance, level);
  };
  const moves = history.kind === 'person' ? nameMoves(history.merges ?? []) : [];
  const ownerOf = (nameId: string) =>
    valueOver(
      [...history.entries, ...moves].filter((e) => e.entity === 'name' && e.entityId === nameId),
      'personId',
      history.id,
    );

  const items: HistoryItem[] = [];
  for (const entry of [...history.entries].sort((a, b) => b.seq - a.seq)) {
    const part = partOf(history, entry);
    if (!part) continue;
    if (
      history.kind === 'person' &&
      entry.entity === 'name' &&
      (!entry.entityId || ownerOf(entry.entityId)(entry.seq, 'after') !== history.id)
    )
      continue;
    if (
      !momentVisible(sensitivityAt(entry.seq, 'before'), clearance) ||
      !momentVisible(sensitivityAt(entry.seq, 'after'), clearance)
    )
      continue;
    const changes: HistoryChange[] = [];
    for (const field of part.shown) {
      const pair = pairOf(entry.diff, field);
      if (!pair || !isFieldCleared(part.fields, field, clearance)) continue;
      const before = withoutHiddenIds(pair[0], visibleId);
      const after = withoutHiddenIds(pair[1], visibleId);
      if (before === WITHHELD || after === WITHHELD) continue;
      if (JSON.stringify(before ?? null) === JSON.stringify(after ?? null)) continue;
      // Nothing before and an empty list or text after (a person created without identifiers)
      // is no change a reader could see.
      if (isBlank(before) && isBlank(after)) continue;
      changes.push({ field, before: before ?? null, after: after ?? null });
    }
    if (changes.length === 0 && !STRUCTURAL_ACTIONS.has(entry.action)) continue;
    items.push({
      seq: entry.seq,
      at: entry.at,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      who: historyActorShownTo(entry, clearance),
      changes,
    });
  }
  return items;
}

/**
 * The restricted fields whose values a history shows: reading them must be audited, as reading
 * them on the record is.
 *
 * @example
 * restrictedFieldsShown('person', items) // ['familyContact']
 */
export function restrictedFieldsShown(kind: HistoryKind, items: readonly HistoryItem[]): string[] {
  const fields = new Set<string>();
  for (const item of items) {
    const part = HISTORY_PARTS[kind][item.entity];
    for (const change of item.changes) {
      if (
        part?.fields[change.field] === 'restricted' &&
        (change.before !== null || change.after !== null)
      )
        fields.add(change.field);
    }
  }
  return [...fields];
}
