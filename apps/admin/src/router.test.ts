import { describe, expect, it } from 'vitest';
import { paths, routeOf } from './router.tsx';

const ID = '0b7e6a52-3f0c-4c1e-9a51-2f4d8e6c9a10';
const OTHER = '5d1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b';

describe('routeOf', () => {
  it('shows the registry at the root and at /persons', () => {
    expect(routeOf('/')).toEqual({ page: 'registry' });
    expect(routeOf('/persons')).toEqual({ page: 'registry' });
  });

  it('opens a person and a source by id, whatever the case of the id', () => {
    expect(routeOf(paths.person(ID))).toEqual({ page: 'person', id: ID });
    expect(routeOf(`/sources/${ID.toUpperCase()}`)).toEqual({ page: 'source', id: ID });
  });

  it('gives "not found" for anything that is not a record id', () => {
    expect(routeOf('/persons/Arman%20Sargsyan')).toEqual({ page: 'not_found' });
    expect(routeOf(`/persons/${ID}/extra`)).toEqual({ page: 'not_found' });
    expect(routeOf('/admin')).toEqual({ page: 'not_found' });
  });

  it('opens a pair of persons only when the two ids differ', () => {
    expect(routeOf(paths.duplicates(ID, OTHER))).toEqual({ page: 'duplicates', a: ID, b: OTHER });
    expect(routeOf(paths.duplicates(ID, ID))).toEqual({ page: 'not_found' });
    expect(routeOf(`/duplicates/${ID}`)).toEqual({ page: 'not_found' });
  });

  it('accepts a trailing slash on pages without a record', () => {
    expect(routeOf('/review/')).toEqual({ page: 'review' });
    expect(routeOf('/users/')).toEqual({ page: 'users' });
    expect(routeOf('/review/extra')).toEqual({ page: 'not_found' });
  });

  it('round-trips every path it builds', () => {
    expect(routeOf(paths.registry()).page).toBe('registry');
    expect(routeOf(paths.sources()).page).toBe('sources');
    expect(routeOf(paths.source(ID))).toEqual({ page: 'source', id: ID });
    expect(routeOf(paths.review())).toEqual({ page: 'review' });
    expect(routeOf(paths.numbers())).toEqual({ page: 'numbers' });
    expect(routeOf(paths.imports())).toEqual({ page: 'imports' });
    expect(routeOf(paths.importJob(ID))).toEqual({ page: 'import', id: ID });
    expect(routeOf(paths.system())).toEqual({ page: 'system' });
    expect(routeOf(paths.users())).toEqual({ page: 'users' });
    expect(routeOf(paths.apiKeys())).toEqual({ page: 'api_keys' });
    expect(routeOf(paths.deletedPersons())).toEqual({ page: 'deleted_persons' });
    expect(routeOf(paths.secondFactor())).toEqual({ page: 'second_factor' });
    expect(routeOf(paths.account())).toEqual({ page: 'account' });
  });
});
