import { describe, expect, it } from 'vitest';
import { MatchIndex } from './match-index.ts';
import type { MatchRecord } from './match-record.schema.ts';

const GIVEN = [
  'Aram',
  'Armen',
  'Davit',
  'Gevorg',
  'Karen',
  'Levon',
  'Narek',
  'Samvel',
  'Tigran',
  'Vardan',
];
const SURNAMES = [
  'Petrosyan',
  'Sargsyan',
  'Hakobyan',
  'Grigoryan',
  'Khachatryan',
  'Vardanyan',
  'Avetisyan',
  'Mkrtchyan',
];

/** A registry of every given name with every surname, several men each, born in different years. */
function registry(perName: number): MatchRecord[] {
  const records: MatchRecord[] = [];
  for (const given of GIVEN) {
    for (const surname of SURNAMES) {
      for (let k = 0; k < perName; k++) {
        records.push({
          id: `${given}-${surname}-${k}`,
          name: `${given} ${surname}`,
          birthDate: `${1960 + k}-0${1 + (k % 9)}-1${k % 10}`,
        });
      }
    }
  }
  return records;
}

describe('MatchIndex', () => {
  it('finds the man across scripts and scores him first', () => {
    const index = new MatchIndex();
    index.addAll(registry(3));
    const [best] = index.search({ id: 'q', name: 'Арам Петросян', birthDate: '1961-02-11' });
    expect(best?.id).toBe('Aram-Petrosyan-1');
  });

  it('never scores more candidates than allowed', () => {
    const index = new MatchIndex({ maxCandidates: 10 });
    index.addAll(registry(30));
    expect(index.search({ id: 'q', name: 'Aram Petrosyan' }).length).toBeLessThanOrEqual(10);
  });

  it('still offers namesakes when the name is too common for its bucket', () => {
    const index = new MatchIndex({ maxBucket: 5, maxCandidates: 8 });
    index.addAll(registry(30));
    const found = index.search({ id: 'q', name: 'Aram Petrosyan' });
    expect(found.length).toBe(8);
    expect(found.every((c) => c.id.startsWith('Aram-Petrosyan'))).toBe(true);
  });

  it('uses the birth year to find one man among many namesakes', () => {
    const index = new MatchIndex({ maxBucket: 5 });
    index.addAll(registry(30));
    const [best] = index.search({ id: 'q', name: 'Aram Petrosyan', birthDate: '1985-09-15' });
    expect(best?.id).toBe('Aram-Petrosyan-25');
  });

  it('tells how many registry namesakes a candidate has', () => {
    const index = new MatchIndex();
    index.addAll(registry(4));
    const [best] = index.search({ id: 'q', name: 'Aram Petrosyan', birthDate: '1960-01-10' });
    expect(best?.features?.registryNamesakes).toBe(3);
    expect(best?.features?.coincidence).toBeLessThan(0.001);
  });

  it('finds nothing for a name it has never seen', () => {
    const index = new MatchIndex();
    index.addAll(registry(2));
    expect(index.search({ id: 'q', name: 'Sergey Kuznetsov' })).toEqual([]);
  });
});
