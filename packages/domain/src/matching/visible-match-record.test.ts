import { describe, expect, it } from 'vitest';
import { decide } from './decide-match.ts';
import { scorePair } from './score-pair.ts';
import { matchRecordVisibleTo } from './visible-match-record.ts';

const registryMan = {
  id: 'p1',
  name: 'Aram Petrosyan',
  birthDate: '1990-04-12',
  place: 'Goris',
  fatherName: 'Armen',
  identifiers: ['AM-1234'],
};

describe('matchRecordVisibleTo', () => {
  it('keeps every field for a staff-cleared caller', () => {
    expect(matchRecordVisibleTo(registryMan, 'staff')).toEqual(registryMan);
  });

  it('drops the father’s name, place and identifiers for a partner-cleared caller, keeping name and birth date', () => {
    expect(matchRecordVisibleTo(registryMan, 'partner')).toEqual({
      id: 'p1',
      name: 'Aram Petrosyan',
      birthDate: '1990-04-12',
      place: null,
      fatherName: null,
      identifiers: [],
    });
  });

  it('leaves nothing in a score that a partner-cleared caller may not read', () => {
    const row = { id: 'r1', name: 'Aram Petrosyan', fatherName: 'Armen', place: 'Goris' };
    const full = scorePair(row, registryMan);
    expect(full.features.father).toBeGreaterThan(0);
    expect(full.features.place).toBeGreaterThan(0);
    const seen = scorePair(
      matchRecordVisibleTo(row, 'partner'),
      matchRecordVisibleTo(registryMan, 'partner'),
    );
    expect(seen.features.father ?? 0).toBe(0);
    expect(seen.features.place ?? 0).toBe(0);
    expect(seen.score).toBeLessThan(full.score);
    expect(decide([{ id: 'p1', ...seen }]).decision).not.toBe('match');
  });
});
