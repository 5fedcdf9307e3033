import { describe, expect, it } from 'vitest';
import {
  claimValueText,
  countText,
  eventTypeLabel,
  labelOf,
  partialDateText,
  roleGrantsText,
  roleText,
  SIDE_LABELS,
} from './labels.ts';

describe('partialDateText', () => {
  it('reads a partial date at its own precision', () => {
    expect(partialDateText('2020')).toBe('2020');
    expect(partialDateText('2020-12')).toBe('Dec 2020');
    expect(partialDateText('2020-12-13')).toBe('13 Dec 2020');
    expect(partialDateText('2020-10-12/2020-11-09')).toBe('between 12 Oct 2020 and 9 Nov 2020');
  });

  it('shows a dash for no date and the stored text for one it cannot read', () => {
    expect(partialDateText(null)).toBe('—');
    expect(partialDateText('sometime in 2020')).toBe('sometime in 2020');
  });
});

describe('labels', () => {
  it('names a known value and shows an unknown one as words', () => {
    expect(labelOf(SIDE_LABELS, 'state_b')).toBe('State B (detaining state)');
    expect(labelOf(SIDE_LABELS, 'new_side')).toBe('new side');
  });

  it('labels event types from the domain vocabulary', () => {
    expect(eventTypeLabel('capture')).toBe('Capture or abduction');
    expect(eventTypeLabel('proof_of_life')).toBe('Proof of life');
  });

  it('puts claim values in words', () => {
    expect(claimValueText('legal_category', 'prisoner_of_war')).toBe('Prisoner of war');
    expect(claimValueText('acknowledgement', 'cannot_identify')).toBe(
      'Detaining state “cannot identify”',
    );
    expect(claimValueText('birth_date', '1987-03')).toBe('Mar 1987');
    expect(claimValueText('other', { a: 1 })).toBe('{"a":1}');
    // A name claim from an imported list row reads as the row, not as its JSON.
    expect(
      claimValueText('name', {
        name: 'Арман Саргсян',
        birthDate: null,
        place: null,
        fatherName: null,
      }),
    ).toBe('Арман Саргсян');
    expect(
      claimValueText('name', {
        name: 'Ashot Vydumanyan',
        birthDate: '1999-09-09',
        place: 'Demo village',
        fatherName: 'Karen',
      }),
    ).toBe('Ashot Vydumanyan (born 9 Sep 1999; Demo village; father’s name Karen)');
  });
});

describe('roleText', () => {
  it('says what a role may do, from the server’s table', () => {
    expect(roleText('viewer')).toBe('Viewer: reads');
    expect(roleGrantsText('reviewer')).toBe('reads, reviews');
    expect(roleText('admin')).toBe(
      'Administrator: reads, enters data, reviews, manages users and the system',
    );
  });
});

describe('countText', () => {
  it('says one in the singular and any other count in the plural', () => {
    expect(countText(1, 'name')).toBe('1 name');
    expect(countText(0, 'claim')).toBe('0 claims');
    expect(countText(2, 'audit entry', 'audit entries')).toBe('2 audit entries');
  });
});
