import { describe, expect, it } from 'vitest';
import { ROLES } from '../users/user.schema.ts';
import { SENSITIVITIES } from '../sensitivity/sensitivity.ts';
import { mayPurgePersons, PersonPurgeSchema, purgeRefusal } from './purge.ts';

const deleted = { hiddenAt: new Date('2026-11-01'), mergedInto: null, mergedIntoThis: 0 };

describe('purgeRefusal', () => {
  it('purges only a record that was deleted first', () => {
    expect(purgeRefusal({ ...deleted, hiddenAt: null })).toMatch(/^Delete the record first/);
    expect(purgeRefusal(deleted)).toBeNull();
  });

  it('refuses a record a merge ties to another, in either direction', () => {
    expect(purgeRefusal({ ...deleted, mergedInto: 'p2' })).toMatch(/undo the merge/);
    expect(purgeRefusal({ ...deleted, mergedIntoThis: 1 })).toMatch(/undo those merges/);
  });
});

describe('mayPurgePersons', () => {
  it('lets only an admin cleared for restricted data purge', () => {
    const allowed = ROLES.flatMap((role) =>
      SENSITIVITIES.filter((c) => mayPurgePersons(role, c)).map((c) => `${role}/${c}`),
    );
    expect(allowed).toEqual(['admin/restricted']);
  });
});

describe('PersonPurgeSchema', () => {
  it('asks for a reason', () => {
    const result = PersonPurgeSchema.safeParse({
      id: '00000000-0000-4000-8000-000000000001',
      version: 2,
      reason: ' ',
    });
    expect(result.success).toBe(false);
  });
});
