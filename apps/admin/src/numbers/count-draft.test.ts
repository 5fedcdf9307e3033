import { describe, expect, it } from 'vitest';
import { countDraftOf, countValuesOf, populationKeyOf } from './count-draft.ts';

const population = { key: 'held_by_state_b', label: 'Nationals of State A held by State B' };

describe('countDraftOf', () => {
  it('starts a new number as one number about the population offered first', () => {
    const draft = countDraftOf(undefined, population);
    expect(draft).toMatchObject({
      shape: 'exact',
      min: '',
      population: 'held_by_state_b',
      populationLabel: population.label,
    });
  });

  it('shows a stored range as a range, and one number as one', () => {
    const stored = { id: 'c1', version: 2, claimant: 'A lawyer', asOf: '2021-02' };
    expect(countDraftOf({ ...stored, min: 150, max: 250 }).shape).toBe('range');
    expect(countDraftOf({ ...stored, min: 60, max: 60, approximate: true })).toMatchObject({
      shape: 'exact',
      min: '60',
      approximate: true,
    });
  });
});

describe('countValuesOf', () => {
  const draft = { ...countDraftOf(undefined, population), claimant: ' Officials ', asOf: '2021' };

  it('sends one number as its minimum and maximum, texts trimmed, an empty note as null', () => {
    expect(countValuesOf({ ...draft, min: ' 23 ', max: '99' }).values).toEqual({
      claimant: 'Officials',
      asOf: '2021',
      population: 'held_by_state_b',
      populationLabel: population.label,
      min: 23,
      max: 23,
      approximate: false,
      note: null,
    });
  });

  it('sends a range as typed, leaving a reversed one for the server to name', () => {
    const values = countValuesOf({ ...draft, shape: 'range', min: '250', max: '150' }).values;
    expect(values).toMatchObject({ min: 250, max: 150 });
  });

  it('names the number that is missing or not whole, and sends nothing', () => {
    expect(countValuesOf({ ...draft, min: '' })).toEqual({
      values: null,
      problems: { min: 'give a number' },
    });
    expect(countValuesOf({ ...draft, shape: 'range', min: '10', max: 'about 20' })).toEqual({
      values: null,
      problems: { max: 'must be a whole number, such as 23' },
    });
  });
});

describe('populationKeyOf', () => {
  it('suggests a key from the words', () => {
    expect(populationKeyOf('Civilians of State A held by State B')).toBe(
      'civilians_of_state_a_held_by_state_b',
    );
    expect(populationKeyOf('  POWs (2021) ')).toBe('pows_2021');
  });
});
