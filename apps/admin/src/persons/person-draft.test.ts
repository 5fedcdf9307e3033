import { describe, expect, it } from 'vitest';
import { changesOf, rebaseDraft } from '../ui/edit-changes.ts';
import {
  personDraftOf,
  personFieldsShown,
  personValuesOf,
  sensitivityChoices,
} from './person-draft.ts';

/** A person as the API gives them to a user cleared for restricted data (fictional). */
const stored = {
  sex: 'male',
  affiliation: 'military',
  birthDate: '1999-04',
  birthPlace: null,
  fatherName: 'Sample',
  citizenship: null,
  unit: 'Unit 7',
  rank: 'private',
  identifiers: [{ kind: 'service_number', value: 'SN-0001' }],
  familyContact: 'mother, +374 00 000000',
  notes: null,
  sensitivity: 'staff',
};

/** The same person as a user not cleared for restricted data gets them: no family contact. */
const { familyContact: _cut, ...redacted } = stored;

describe('person drafts', () => {
  it('sends only what changed; identifiers read again unchanged are not a change', () => {
    const read = personDraftOf(stored);
    const edited = {
      ...read,
      rank: ' sergeant ',
      identifiers: read.identifiers.map((identifier) => ({ ...identifier })),
    };
    const shown = personFieldsShown(stored);
    expect(changesOf(personValuesOf(read), personValuesOf(edited), shown)).toEqual({
      rank: 'sergeant',
    });
  });

  it('sends the whole list of identifiers when one row changes, trimmed, empty rows kept', () => {
    const read = personDraftOf(stored);
    const edited = {
      ...read,
      identifiers: [
        { kind: 'service_number' as const, value: 'SN-0001' },
        { kind: 'icrc_case' as const, value: ' ICRC-0002 ' },
        { kind: 'national_id' as const, value: '' },
      ],
    };
    expect(
      changesOf(personValuesOf(read), personValuesOf(edited), personFieldsShown(stored)),
    ).toEqual({
      identifiers: [
        { kind: 'service_number', value: 'SN-0001' },
        { kind: 'icrc_case', value: 'ICRC-0002' },
        { kind: 'national_id', value: '' },
      ],
    });
  });

  it('never offers or sends a field the caller may not see, so a save cannot blank it', () => {
    const shown = personFieldsShown(redacted);
    expect(shown).not.toContain('familyContact');
    expect(shown).toContain('identifiers');
    const read = personDraftOf(redacted);
    expect(read.familyContact).toBe('');
    const edited = { ...read, familyContact: 'typed anyway', notes: 'a note' };
    expect(changesOf(personValuesOf(read), personValuesOf(edited), shown)).toEqual({
      notes: 'a note',
    });
  });

  it('lays the user’s identifiers over a reload in which someone else changed the rank', () => {
    const read = personDraftOf(stored);
    const mine = { ...read, identifiers: [{ kind: 'un_case' as const, value: 'UN-1' }] };
    const now = personDraftOf({ ...stored, rank: 'corporal' });
    const rebased = rebaseDraft(read, mine, now);
    expect(rebased.theirs).toEqual(['rank']);
    expect(rebased.both).toEqual([]);
    expect(rebased.draft).toMatchObject({ rank: 'corporal', identifiers: mine.identifiers });
  });

  it('reads a record without a level as partner, never public', () => {
    const { sensitivity: _level, ...unknown } = stored;
    expect(personDraftOf(unknown).sensitivity).toBe('partner');
  });
});

describe('sensitivityChoices', () => {
  it('offers no level above the user’s own clearance', () => {
    expect(sensitivityChoices('staff', 'partner')).toEqual(['public', 'partner', 'staff']);
    expect(sensitivityChoices('restricted', 'staff')).toEqual([
      'public',
      'partner',
      'staff',
      'restricted',
    ]);
  });

  it('keeps the record’s own level while the clearance is not known', () => {
    expect(sensitivityChoices(undefined, 'staff')).toEqual(['staff']);
  });
});
