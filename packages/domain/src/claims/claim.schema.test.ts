import { describe, expect, it } from 'vitest';
import { ClaimCreateSchema, claimedName, claimValueProblem } from './claim.schema.ts';

const SOURCE = '00000000-0000-4000-8000-000000000001';
const PERSON = '00000000-0000-4000-8000-000000000002';

describe('the value a claim asserts', () => {
  it('takes a birth date only if it is a real partial date', () => {
    for (const date of ['1990', '1990-05', '1990-05-17', '1990-05/1990-07'])
      expect(claimValueProblem('birth_date', date), date).toBeNull();
    expect(claimValueProblem('birth_date', '2020-13-45')).toBe(
      'is not a date: month 13 does not exist',
    );
    expect(claimValueProblem('birth_date', '1991-02-31')).toMatch(/^is not a date: /);
    expect(claimValueProblem('birth_date', '31.02.1991')).toMatch(/^is not a date: /);
    expect(claimValueProblem('birth_date', '')).toBe(
      'must be a date such as 1990, 1990-05 or 1990-05-17',
    );
    expect(claimValueProblem('birth_date', 1990)).toMatch(/^must be a date/);
    expect(claimValueProblem('birth_date', '2199-01-01')).toBe('is in the future');
  });

  it('checks an event’s date as a birth date', () => {
    expect(claimValueProblem('date', '2020-12-13')).toBeNull();
    expect(claimValueProblem('date', '2020-12-32')).toMatch(/^is not a date: /);
  });

  it('takes a name only as non-empty text of at most 200 characters', () => {
    expect(claimValueProblem('name', 'Սևակ Հարությունյան')).toBeNull();
    expect(claimValueProblem('name', '   ')).toBe('must be the name as written');
    expect(claimValueProblem('name', { given: 'Sevak' })).toBe('must be the name as written');
    expect(claimValueProblem('name', 'a'.repeat(201))).toMatch(/^must be at most 200 characters/);
    expect(claimValueProblem('name', '1990')).toBe('must contain letters');
  });

  it('takes a legal category and an acknowledgement only from their vocabulary', () => {
    expect(claimValueProblem('legal_category', 'hostage')).toBeNull();
    expect(claimValueProblem('legal_category', 'guest')).toMatch(/^must be one of prisoner_of_war/);
    expect(claimValueProblem('acknowledgement', 'denied')).toBeNull();
    expect(claimValueProblem('acknowledgement', 'maybe')).toMatch(/^must be one of acknowledged/);
  });

  it('leaves the value of other predicates free', () => {
    expect(claimValueProblem('other', { anything: true })).toBeNull();
    expect(claimValueProblem('place', 'A village')).toBeNull();
  });

  it('refuses a new claim with a bad value, naming the value field', () => {
    const result = ClaimCreateSchema.safeParse({
      sourceId: SOURCE,
      subjectType: 'person',
      personId: PERSON,
      predicate: 'birth_date',
      value: '2020-13-45',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        path: ['value'],
        message: 'is not a date: month 13 does not exist',
      }),
    ]);
  });

  it('reads the name a name claim gives, typed or from an imported row', () => {
    expect(claimedName('name', ' Սևակ Հարությունյան ')).toBe('Սևակ Հարությունյան');
    expect(claimedName('name', { name: 'Sevak Harutyunyan', birthDate: '1990' })).toBe(
      'Sevak Harutyunyan',
    );
    expect(claimedName('name', { birthDate: '1990' })).toBeNull();
    expect(claimedName('name', '  ')).toBeNull();
    expect(claimedName('birth_date', '1990')).toBeNull();
  });
});
