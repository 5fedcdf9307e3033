import { describe, expect, it } from 'vitest';
import { changesOf, rebaseDraft } from './edit-changes.ts';

describe('changesOf', () => {
  it('keeps only the fields whose value changed, a cleared one as null', () => {
    const before = { publisher: 'An agency', notes: 'old', language: 'en' as string | null };
    const after = { publisher: 'An agency', notes: 'new', language: null };
    expect(changesOf(before, after, ['publisher', 'notes', 'language'])).toEqual({
      notes: 'new',
      language: null,
    });
  });

  it('compares a list by what it holds, not by which copy it is', () => {
    const read = { identifiers: [{ kind: 'icrc_case', value: 'X1' }] };
    expect(
      changesOf(read, { identifiers: [{ kind: 'icrc_case', value: 'X1' }] }, ['identifiers']),
    ).toEqual({});
    expect(
      changesOf(read, { identifiers: [{ kind: 'icrc_case', value: 'X2' }] }, ['identifiers']),
    ).toEqual({ identifiers: [{ kind: 'icrc_case', value: 'X2' }] });
  });

  it('ignores a changed field that is not offered', () => {
    expect(changesOf({ a: 1, b: 1 }, { a: 1, b: 2 }, ['a'])).toEqual({});
  });
});

describe('rebaseDraft', () => {
  const read = { publisher: 'A', notes: 'n', title: 't' };

  it('keeps the other person’s changes and lays the user’s own over them', () => {
    const mine = { ...read, publisher: 'Mine' };
    const now = { ...read, notes: 'Theirs' };
    expect(rebaseDraft(read, mine, now)).toEqual({
      draft: { publisher: 'Mine', notes: 'Theirs', title: 't' },
      theirs: ['notes'],
      both: [],
    });
  });

  it('does not take a list read again, unchanged, for a change by someone else', () => {
    const listRead = { identifiers: [{ kind: 'un_case', value: 'U1' }], rank: 'r' };
    const mine = { ...listRead, identifiers: [{ kind: 'un_case', value: 'U2' }] };
    const now = { identifiers: [{ kind: 'un_case', value: 'U1' }], rank: 'Theirs' };
    expect(rebaseDraft(listRead, mine, now)).toEqual({
      draft: { identifiers: [{ kind: 'un_case', value: 'U2' }], rank: 'Theirs' },
      theirs: ['rank'],
      both: [],
    });
  });

  it('names a field both changed, keeping the user’s value for them to check', () => {
    const mine = { ...read, publisher: 'Mine' };
    const now = { ...read, publisher: 'Theirs' };
    const rebased = rebaseDraft(read, mine, now);
    expect(rebased.draft.publisher).toBe('Mine');
    expect(rebased.both).toEqual(['publisher']);
  });
});
