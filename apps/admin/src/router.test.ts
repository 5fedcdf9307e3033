import { describe, expect, it } from 'vitest';
import { paths, routeOf } from './router.tsx';

const ID = '0b7e6a52-3f0c-4c1e-9a51-2f4d8e6c9a10';

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

  it('round-trips every path it builds', () => {
    expect(routeOf(paths.registry()).page).toBe('registry');
    expect(routeOf(paths.sources()).page).toBe('sources');
    expect(routeOf(paths.source(ID))).toEqual({ page: 'source', id: ID });
  });
});
