import { describe, expect, it } from 'vitest';
import {
  dateRangeProblems,
  isFiltered,
  NO_REGISTRY_FILTERS,
  registryCountText,
  registryListInput,
  settledTextFilters,
  STATUS_CHOICES,
  statusChoiceLabel,
} from './registry-filters.ts';

describe('the registry page’s filters', () => {
  it('counts any filter set, the event filters too', () => {
    expect(isFiltered(NO_REGISTRY_FILTERS)).toBe(false);
    expect(isFiltered({ ...NO_REGISTRY_FILTERS, place: 'Hadrut' })).toBe(true);
    expect(isFiltered({ ...NO_REGISTRY_FILTERS, category: 'hostage' })).toBe(true);
  });

  it('asks the server only for the filters that are set', () => {
    expect(
      registryListInput({
        ...NO_REGISTRY_FILTERS,
        status: 'no_recent_proof_of_life',
        takenFrom: '2020-12',
        side: 'State B',
      }),
    ).toEqual({
      q: undefined,
      status: 'no_recent_proof_of_life',
      sex: undefined,
      affiliation: undefined,
      category: undefined,
      takenFrom: '2020-12',
      takenTo: undefined,
      place: undefined,
      side: 'State B',
    });
  });

  it('offers every status of liberty and of life by its name, but not "unknown"', () => {
    expect(STATUS_CHOICES).toContain('held');
    expect(STATUS_CHOICES).toContain('no_recent_proof_of_life');
    expect(STATUS_CHOICES).not.toContain('unknown');
    expect(statusChoiceLabel('held')).toBe('Held');
    expect(statusChoiceLabel('no_recent_proof_of_life')).toBe('No recent proof of life');
  });

  it('trims what was typed and leaves out the filters the user may not use', () => {
    expect(
      settledTextFilters(
        { q: ' Арман ', takenFrom: '2020 ', takenTo: '', place: ' Hadrut', side: 'B' },
        ['place', 'side'],
      ),
    ).toEqual({ q: 'Арман', takenFrom: '2020', takenTo: '', place: '', side: '' });
  });

  it('says what is wrong with a date or a range before the server is asked', () => {
    expect(dateRangeProblems({ takenFrom: '2020-12', takenTo: '' })).toEqual({});
    expect(dateRangeProblems({ takenFrom: '2020-12', takenTo: '2020' })).toEqual({});
    expect(dateRangeProblems({ takenFrom: '13.12.2020', takenTo: '2020-02-30' })).toEqual({
      takenFrom: expect.stringContaining('write YYYY, YYYY-MM or YYYY-MM-DD'),
      takenTo: 'day 30 does not exist in 2020-02',
    });
    expect(dateRangeProblems({ takenFrom: '2021', takenTo: '2020-12' })).toEqual({
      takenFrom: 'must not be after “Taken to”',
    });
  });
});

describe('the registry’s count', () => {
  it('says how many persons the filters find, in words', () => {
    expect(registryCountText(42, 42, true)).toBe('42 persons match');
    expect(registryCountText(1, 1, true)).toBe('1 person matches');
    expect(registryCountText(0, 0, true)).toBe('No person matches');
    expect(registryCountText(3, 3, false)).toBe('3 persons in the registry');
    expect(registryCountText(1, 1, false)).toBe('1 person in the registry');
  });

  it('says how many are shown while more are left to load', () => {
    expect(registryCountText(1234, 25, true)).toBe('1,234 persons match · 25 shown');
    expect(registryCountText(60, 50, false)).toBe('60 persons in the registry · 50 shown');
  });

  it('never says more are shown than counted', () => {
    // The list and the count are two requests: a person added in between is not "shown" twice.
    expect(registryCountText(2, 3, true)).toBe('2 persons match');
  });
});
