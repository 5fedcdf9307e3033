import { describe, expect, it } from 'vitest';
import { matchList } from './match-list.ts';

describe('matchList', () => {
  it('decides every row of a list, in order', () => {
    const registry = [
      { id: 'R1', name: 'Հայկ Մարտիրոսյան', birthDate: '1990-05-12', fatherName: 'Արմեն' },
      { id: 'R2', name: 'Əli Həsənov', birthDate: '1979-03-04', fatherName: 'Xəlil' },
      { id: 'R3', name: 'Сергей Иванов', birthDate: '1985' },
    ];
    const list = [
      { id: 'L1', name: 'MARTIROSYAN Hayk', birthDate: '1990-05-12' },
      { id: 'L2', name: 'Гасанов Али Халил оглы', birthDate: '1979' },
      { id: 'L3', name: 'Sergey Ivanov', birthDate: '1985' },
      { id: 'L4', name: 'Narek Avetisyan', birthDate: '2001-01-01' },
    ];
    expect(matchList(registry, list).map((r) => [r.id, r.decision, r.match])).toEqual([
      ['L1', 'match', 'R1'],
      ['L2', 'match', 'R2'],
      ['L3', 'review', undefined],
      ['L4', 'new', undefined],
    ]);
  });

  it('matches an Azerbaijani surname spelled from Russian to its English spelling, beside a namesake spelled like the row', () => {
    const registry = [
      { id: 'R1', name: 'Orkhan Isgandarov', birthDate: '2003-11-09', fatherName: 'Nijat' },
      { id: 'R2', name: 'Орхан Исгендеров', birthDate: '1975-02-17', fatherName: 'Вагиф' },
    ];
    const list = [
      { id: 'L1', name: 'Орхан Исгендеров', birthDate: '2003-11-09', fatherName: 'Ниджат' },
    ];
    expect(matchList(registry, list)[0]).toMatchObject({ decision: 'match', match: 'R1' });
  });
});
