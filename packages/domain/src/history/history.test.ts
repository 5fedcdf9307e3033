import { describe, expect, it } from 'vitest';
import type { Sensitivity } from '../sensitivity/sensitivity.ts';
import {
  historyActorShownTo,
  historyReferences,
  historySourceIds,
  historyVisibleTo,
  nameMoves,
  restrictedFieldsShown,
  valueOver,
  type HistoryEntry,
  type RecordHistory,
} from './history.ts';

const PERSON = '11111111-1111-4111-8111-111111111111';
const OTHER_PERSON = '22222222-2222-4222-8222-222222222222';
const NAME = '33333333-3333-4333-8333-333333333333';
const SOURCE = '44444444-4444-4444-8444-444444444444';
const HIDDEN_SOURCE = '55555555-5555-4555-8555-555555555555';
const CLAIM = '66666666-6666-4666-8666-666666666666';
const EVENT = '77777777-7777-4777-8777-777777777777';

let seq = 0;
function entry(
  entity: string,
  entityId: string,
  action: string,
  diff: Record<string, unknown>,
  actor: { actorId?: string | null; actorName?: string | null } = {},
): HistoryEntry {
  seq += 1;
  return {
    seq,
    at: new Date(Date.UTC(2024, 0, 1, 0, seq)),
    action,
    entity,
    entityId,
    actorId: actor.actorId ?? 'u1',
    actorName: actor.actorName === undefined ? 'Ani Editor' : actor.actorName,
    diff,
  };
}

const person = (entries: HistoryEntry[], extra: Partial<RecordHistory> = {}): RecordHistory => ({
  kind: 'person',
  id: PERSON,
  sensitivity: 'partner',
  entries,
  ...extra,
});

const created = () =>
  entry('person', PERSON, 'create', {
    sex: [null, 'male'],
    rank: [null, 'private'],
    sensitivity: [null, 'partner'],
    familyContact: [null, 'mother +374 10 000000'],
    notes: [null, 'a staff note'],
    names: [null, ['Aram Petrosyan']],
  });

const changesOf = (history: RecordHistory, clearance: Sensitivity) =>
  historyVisibleTo(history, clearance).map((item) => ({
    action: item.action,
    changes: Object.fromEntries(item.changes.map((c) => [c.field, [c.before, c.after]])),
  }));

describe('valueOver', () => {
  const entries = [
    { seq: 3, diff: { sensitivity: [null, 'partner'] } },
    { seq: 5, diff: { rank: ['a', 'b'] } },
    { seq: 8, diff: { sensitivity: ['partner', 'restricted'] } },
  ];
  const sensitivity = valueOver(entries, 'sensitivity', 'restricted');

  it('gives the value in force just before and just after an entry', () => {
    expect(sensitivity(3, 'before')).toBeNull();
    expect(sensitivity(3, 'after')).toBe('partner');
    expect(sensitivity(5, 'before')).toBe('partner');
    expect(sensitivity(8, 'before')).toBe('partner');
    expect(sensitivity(8, 'after')).toBe('restricted');
    expect(sensitivity(9, 'before')).toBe('restricted');
  });

  it('reads a time before the first change from that change’s earlier value', () => {
    const lowered = valueOver(
      [{ seq: 10, diff: { sensitivity: ['staff', 'partner'] } }],
      'sensitivity',
      'partner',
    );
    expect(lowered(4, 'after')).toBe('staff');
  });

  it('falls back to the value now when nothing ever changed it', () => {
    expect(valueOver(entries, 'unit', 'U1')(4, 'before')).toBe('U1');
  });
});

describe('historyVisibleTo', () => {
  it('shows an update with the earlier and the new value', () => {
    const entries = [
      created(),
      entry('person', PERSON, 'update', { rank: ['private', 'sergeant'] }),
    ];
    expect(changesOf(person(entries), 'staff')[0]).toEqual({
      action: 'update',
      changes: { rank: ['private', 'sergeant'] },
    });
  });

  it('leaves out a field created empty, which shows as nothing before and after', () => {
    const entries = [
      entry('person', PERSON, 'create', {
        sex: [null, 'male'],
        identifiers: [null, []],
        unit: [null, ''],
      }),
    ];
    expect(changesOf(person(entries), 'staff')).toEqual([
      { action: 'create', changes: { sex: [null, 'male'] } },
    ]);
  });

  it('lists several updates newest first, with every earlier value', () => {
    const entries = [
      created(),
      entry('person', PERSON, 'update', { rank: ['private', 'sergeant'] }),
      entry('person', PERSON, 'update', { rank: ['sergeant', 'lieutenant'] }),
      entry('person', PERSON, 'update', { rank: ['lieutenant', 'captain'] }),
    ];
    const items = historyVisibleTo(person(entries), 'staff');
    expect(items.map((i) => i.seq)).toEqual([...entries].reverse().map((e) => e.seq));
    expect(items.slice(0, 3).map((i) => i.changes[0]?.before)).toEqual([
      'lieutenant',
      'sergeant',
      'private',
    ]);
  });

  it('leaves a field above the caller’s clearance out of every entry, both values', () => {
    const entries = [
      created(),
      entry('person', PERSON, 'update', {
        familyContact: ['mother +374 10 000000', 'brother +374 10 111111'],
        notes: ['a staff note', 'another staff note'],
        unit: [null, 'Unit 7'],
      }),
    ];
    const text = (clearance: Sensitivity) =>
      JSON.stringify(historyVisibleTo(person(entries), clearance));
    expect(text('partner')).not.toMatch(/mother|brother|staff note|familyContact|notes/);
    expect(text('partner')).toContain('Unit 7');
    expect(text('staff')).not.toMatch(/mother|brother|familyContact/);
    expect(text('staff')).toContain('another staff note');
    expect(text('restricted')).toContain('brother +374 10 111111');
  });

  it('leaves out an update whose every change is above the caller’s clearance', () => {
    const entries = [
      created(),
      entry('person', PERSON, 'update', { familyContact: ['mother', 'brother'] }),
    ];
    expect(changesOf(person(entries), 'staff').map((i) => i.action)).toEqual(['create']);
    expect(changesOf(person(entries), 'restricted').map((i) => i.action)).toEqual([
      'update',
      'create',
    ]);
  });

  it('shows neither bookkeeping nor derived values, nor reads, nor other records’ entries', () => {
    const entries = [
      created(),
      entry('person', PERSON, 'update', {
        version: [1, 2],
        updatedAt: ['2024-01-01', '2024-01-02'],
        sortName: ['a', 'b'],
      }),
      entry(
        'person',
        PERSON,
        'update',
        { statusSummary: ['Held', 'Released'] },
        { actorId: 'worker' },
      ),
      entry('person', PERSON, 'read_restricted', { fields: ['familyContact'] }),
      entry('person', OTHER_PERSON, 'update', { rank: ['a', 'b'] }),
      entry('claim', CLAIM, 'create', { value: [null, 'hostage'] }),
    ];
    expect(changesOf(person(entries), 'restricted').map((i) => i.action)).toEqual(['create']);
  });

  it('hides values from a time the record was above the caller’s clearance, even after it was lowered', () => {
    const entries = [
      entry('person', PERSON, 'create', {
        sensitivity: [null, 'restricted'],
        birthDate: [null, '1990'],
        unit: [null, 'SECRET UNIT'],
      }),
      entry('person', PERSON, 'update', { unit: ['SECRET UNIT', 'REAL UNIT'] }),
      // Lowered together with a change that was meant to stay hidden.
      entry('person', PERSON, 'update', {
        unit: ['REAL UNIT', 'a unit'],
        sensitivity: ['restricted', 'partner'],
      }),
      entry('person', PERSON, 'update', { rank: [null, 'private'] }),
    ];
    const partner = JSON.stringify(historyVisibleTo(person(entries), 'partner'));
    expect(partner).not.toMatch(/SECRET UNIT|REAL UNIT|restricted|1990/);
    expect(changesOf(person(entries), 'partner')).toEqual([
      { action: 'update', changes: { rank: [null, 'private'] } },
    ]);
    expect(historyVisibleTo(person(entries), 'restricted')).toHaveLength(4);
  });

  it('hides a record’s values from the time it was raised above the caller’s clearance until it was lowered', () => {
    const entries = [
      created(),
      entry('person', PERSON, 'update', { sensitivity: ['partner', 'restricted'] }),
      entry('person', PERSON, 'update', { unit: [null, 'HIDDEN UNIT'] }),
      entry('person', PERSON, 'update', { sensitivity: ['restricted', 'partner'] }),
      entry('person', PERSON, 'update', { unit: ['HIDDEN UNIT', 'Unit 7'] }),
    ];
    const partner = changesOf(person(entries), 'partner');
    expect(JSON.stringify(partner)).not.toMatch(/restricted/);
    expect(partner.map((i) => Object.keys(i.changes))).toEqual([
      ['unit'],
      ['sex', 'rank', 'sensitivity', 'names'],
    ]);
  });

  it('shows a claim only as its source could be seen at the time', () => {
    const sourceCreated = entry('source', SOURCE, 'create', { sensitivity: [null, 'restricted'] });
    const claimEntries = [
      entry('claim', CLAIM, 'create', {
        sourceId: [null, SOURCE],
        excerpt: [null, 'WITNESS WORDS'],
      }),
      entry('claim', CLAIM, 'update', { excerpt: ['WITNESS WORDS', 'a summary'] }),
    ];
    // The source is lowered to partner level with the claim's excerpt already summarized.
    const lowered = entry('source', SOURCE, 'update', { sensitivity: ['restricted', 'partner'] });
    claimEntries.push(
      entry('claim', CLAIM, 'update', { excerpt: ['a summary', 'a shorter summary'] }),
    );
    const claim: RecordHistory = {
      kind: 'claim',
      id: CLAIM,
      sensitivity: 'partner',
      sourceId: SOURCE,
      entries: claimEntries,
      sources: new Map([[SOURCE, { sensitivity: 'partner', entries: [sourceCreated, lowered] }]]),
      references: new Map([[SOURCE, 'partner']]),
    };
    const partner = historyVisibleTo(claim, 'partner');
    expect(JSON.stringify(partner)).not.toContain('WITNESS WORDS');
    expect(partner.map((i) => i.changes)).toEqual([
      [{ field: 'excerpt', before: 'a summary', after: 'a shorter summary' }],
    ]);
    expect(historyVisibleTo(claim, 'restricted')).toHaveLength(3);
  });

  it('hides a claim’s entries from when it cited a source the caller may not see', () => {
    const count: RecordHistory = {
      kind: 'countClaim',
      id: CLAIM,
      sensitivity: 'partner',
      sourceId: SOURCE,
      entries: [
        entry('count_claim', CLAIM, 'create', {
          sourceId: [null, HIDDEN_SOURCE],
          min: [null, 4242],
        }),
        entry('count_claim', CLAIM, 'update', {
          sourceId: [HIDDEN_SOURCE, SOURCE],
          min: [4242, 23],
        }),
        entry('count_claim', CLAIM, 'update', { min: [23, 24] }),
      ],
      sources: new Map([
        [SOURCE, { sensitivity: 'partner', entries: [] }],
        [HIDDEN_SOURCE, { sensitivity: 'restricted', entries: [] }],
      ]),
      references: new Map([
        [SOURCE, 'partner'],
        [HIDDEN_SOURCE, 'restricted'],
      ]),
    };
    const partner = historyVisibleTo(count, 'partner');
    expect(JSON.stringify(partner)).not.toMatch(new RegExp(`${HIDDEN_SOURCE}|4242`));
    expect(partner.map((i) => i.changes)).toEqual([[{ field: 'min', before: 23, after: 24 }]]);
    // A source the query did not load is taken for one the caller may not see.
    const unknownSource = historyVisibleTo({ ...count, sources: new Map() }, 'restricted');
    expect(unknownSource).toEqual([]);
  });

  it('withholds a value naming a record the caller may not see, and any id it was not told about', () => {
    const claim: RecordHistory = {
      kind: 'claim',
      id: CLAIM,
      sensitivity: 'partner',
      sourceId: SOURCE,
      entries: [
        entry('claim', CLAIM, 'create', {
          sourceId: [null, SOURCE],
          personId: [null, OTHER_PERSON],
          eventId: [null, EVENT],
          predicate: [null, 'occurred'],
        }),
      ],
      sources: new Map([[SOURCE, { sensitivity: 'partner', entries: [] }]]),
      references: new Map([
        [SOURCE, 'partner'],
        [OTHER_PERSON, 'restricted'],
      ]),
    };
    const [item] = historyVisibleTo(claim, 'partner');
    expect(item?.changes.map((c) => c.field)).toEqual(['sourceId', 'predicate']);
  });

  it('takes persons the caller may not see out of a list of participants, and keeps the others', () => {
    const event: RecordHistory = {
      kind: 'event',
      id: EVENT,
      sensitivity: 'partner',
      entries: [
        entry('event', EVENT, 'create', {
          type: [null, 'exchange'],
          sensitivity: [null, 'partner'],
          participants: [null, [{ personId: PERSON, role: 'subject' }]],
        }),
        entry('event_participants', EVENT, 'update', {
          participants: [
            null,
            [
              { personId: PERSON, role: 'subject' },
              { personId: OTHER_PERSON, role: 'subject' },
            ],
          ],
        }),
      ],
      references: new Map<string, Sensitivity | null>([
        [PERSON, 'partner'],
        [OTHER_PERSON, 'restricted'],
      ]),
    };
    const partner = historyVisibleTo(event, 'partner');
    expect(JSON.stringify(partner)).not.toContain(OTHER_PERSON);
    expect(partner[0]?.changes).toEqual([
      { field: 'participants', before: null, after: [{ personId: PERSON, role: 'subject' }] },
    ]);
    const restricted = historyVisibleTo(event, 'restricted');
    expect(JSON.stringify(restricted[0])).toContain(OTHER_PERSON);
    // A hidden (merged) person is withheld whatever the clearance.
    const merged = historyVisibleTo(
      {
        ...event,
        references: new Map([
          [PERSON, 'partner'],
          [OTHER_PERSON, null],
        ]),
      },
      'restricted',
    );
    expect(JSON.stringify(merged)).not.toContain(OTHER_PERSON);
  });

  it('shows a name’s entries only while the name belonged to the person', () => {
    const personCreated = created();
    const nameCreated = entry('name', NAME, 'create', {
      personId: [null, OTHER_PERSON],
      value: [null, 'Before The Merge'],
    });
    const renamedThere = entry('name', NAME, 'update', {
      value: ['Before The Merge', 'Still Theirs'],
    });
    const merge = entry('person', OTHER_PERSON, 'merge', {
      mergedInto: [null, PERSON],
      moved: [null, { names: [NAME], claims: [], events: [], tasks: [] }],
    });
    const renamedHere = entry('name', NAME, 'update', { value: ['Still Theirs', 'Now Ours'] });
    const history = person([personCreated, nameCreated, renamedThere, renamedHere], {
      merges: [merge],
      references: new Map([[PERSON, 'partner']]),
    });
    const shown = JSON.stringify(historyVisibleTo(history, 'restricted'));
    expect(shown).toContain('Now Ours');
    expect(shown).not.toContain('Before The Merge');
    expect(historyVisibleTo(history, 'restricted').map((i) => i.entity)).toEqual([
      'name',
      'person',
    ]);
  });

  it('names who made a change only to staff clearance and above', () => {
    const entries = [
      created(),
      entry(
        'person',
        PERSON,
        'update',
        { rank: ['private', 'sergeant'] },
        { actorId: 'u2', actorName: 'Rita Reviewer' },
      ),
    ];
    expect(historyVisibleTo(person(entries), 'staff').map((i) => i.who)).toEqual([
      'Rita Reviewer',
      'Ani Editor',
    ]);
    expect(historyVisibleTo(person(entries), 'partner').map((i) => i.who)).toEqual([null, null]);
  });
});

describe('historyActorShownTo', () => {
  it('names automatic changes for what they are', () => {
    expect(historyActorShownTo({ actorId: 'worker', actorName: null }, 'staff')).toBe(
      'Vigil (automatic)',
    );
    expect(historyActorShownTo({ actorId: 'worker', actorName: null }, 'partner')).toBeNull();
  });
});

describe('nameMoves', () => {
  it('moves names to the survivor at a merge and back at its undoing', () => {
    const merge = entry('person', OTHER_PERSON, 'merge', {
      mergedInto: [null, PERSON],
      moved: [null, { names: [NAME] }],
    });
    const unmerge = entry('person', OTHER_PERSON, 'unmerge', { mergedInto: [PERSON, null] });
    expect(nameMoves([unmerge, merge]).map((m) => [m.entityId, m.diff])).toEqual([
      [NAME, { personId: [OTHER_PERSON, PERSON] }],
      [NAME, { personId: [PERSON, OTHER_PERSON] }],
    ]);
  });
});

describe('restrictedFieldsShown', () => {
  it('lists restricted fields shown with a value, so that their read is audited', () => {
    const entries = [
      created(),
      entry('person', PERSON, 'update', { rank: ['private', 'sergeant'] }),
    ];
    expect(
      restrictedFieldsShown('person', historyVisibleTo(person(entries), 'restricted')),
    ).toEqual(['familyContact']);
    expect(restrictedFieldsShown('person', historyVisibleTo(person(entries), 'staff'))).toEqual([]);
  });
});

describe('historyReferences and historySourceIds', () => {
  it('collects the ids named in shown values, and the sources a claim cited', () => {
    const count: RecordHistory = {
      kind: 'countClaim',
      id: CLAIM,
      sensitivity: 'partner',
      sourceId: SOURCE,
      entries: [
        entry('count_claim', CLAIM, 'update', {
          sourceId: [HIDDEN_SOURCE, SOURCE],
          version: [1, 2],
        }),
      ],
    };
    expect(historyReferences(count).sort()).toEqual([SOURCE, HIDDEN_SOURCE].sort());
    expect(historySourceIds(count).sort()).toEqual([SOURCE, HIDDEN_SOURCE].sort());
  });
});
