import { describe, expect, it } from 'vitest';
import { decide } from './decide-match.ts';
import { MatchIndex } from './match-index.ts';
import type { MatchRecord } from './match-record.schema.ts';

function decideAgainst(registry: MatchRecord[], row: MatchRecord) {
  const index = new MatchIndex();
  index.addAll(registry);
  return decide(index.search(row));
}

const hayk = {
  id: 'R1',
  name: 'Hayk Martirosyan',
  birthDate: '1990-05-12',
  fatherName: 'Armen',
  place: 'Gyumri',
};
const others: MatchRecord[] = [
  { id: 'R2', name: 'Aram Sargsyan', birthDate: '1985-01-02', fatherName: 'Levon' },
  { id: 'R3', name: 'Ali Həsənov', birthDate: '1979-03-04', fatherName: 'Xəlil' },
];

describe('decide', () => {
  it('matches the same man across scripts when the birth date agrees', () => {
    const result = decideAgainst([hayk, ...others], {
      id: 'L1',
      name: 'Айк Мартиросян',
      birthDate: '1990-05-12',
    });
    expect(result).toMatchObject({ decision: 'match', match: 'R1' });
    expect(result.candidates[0]).toMatchObject({ id: 'R1' });
  });

  it('matches with the day and month swapped', () => {
    expect(
      decideAgainst([hayk, ...others], {
        id: 'L1',
        name: 'Gaik Martirosian',
        birthDate: '1990-12-05',
      }).decision,
    ).toBe('match');
  });

  it('matches a birth year when the father agrees too', () => {
    expect(
      decideAgainst([hayk, ...others], {
        id: 'L1',
        name: 'Мартиросян Айк Арменович',
        birthDate: '1990',
      }).decision,
    ).toBe('match');
  });

  it('sends a name with only a birth year to review', () => {
    expect(
      decideAgainst([hayk, ...others], { id: 'L1', name: 'Hayk Martirosyan', birthDate: '1990' })
        .decision,
    ).toBe('review');
  });

  it('sends a name with only the father to review: namesakes share fathers too', () => {
    expect(
      decideAgainst([hayk, ...others], { id: 'L1', name: 'Hayk Armeni Martirosyan' }).decision,
    ).toBe('review');
  });

  it('sends a name alone to review, never to match', () => {
    expect(decideAgainst([hayk, ...others], { id: 'L1', name: 'Hayk Martirosyan' }).decision).toBe(
      'review',
    );
  });

  it('never matches a namesake with another birth year and father', () => {
    const result = decideAgainst([hayk, ...others], {
      id: 'L1',
      name: 'Hayk Martirosyan',
      birthDate: '1971-02-03',
      fatherName: 'Samvel',
    });
    expect(result.decision).toBe('new');
    expect(result.match).toBeUndefined();
  });

  it('sends two close candidates to review', () => {
    const twin = { ...hayk, id: 'R9', fatherName: null, place: null, birthDate: '1990' };
    const result = decideAgainst([hayk, twin, ...others], {
      id: 'L1',
      name: 'Hayk Martirosyan',
      birthDate: '1990-05-12',
    });
    expect(result.decision).toBe('review');
    expect(
      result.candidates
        .map((c) => c.id)
        .slice(0, 2)
        .sort(),
    ).toEqual(['R1', 'R9']);
  });

  it('does not match twins whose given names differ by a letter', () => {
    const armen = {
      id: 'R1',
      name: 'Armen Petrosyan',
      birthDate: '1995-03-04',
      fatherName: 'Levon',
      place: 'Vanadzor',
    };
    const result = decideAgainst([armen, ...others], {
      id: 'L1',
      name: 'Arman Petrosyan',
      birthDate: '1995-03-04',
      fatherName: 'Levon',
      place: 'Vanadzor',
    });
    expect(result.decision).toBe('review');
  });

  it('matches a surname with a typing slip when the full birth date agrees', () => {
    const petr = { id: 'R1', name: 'Пётр Никитин', birthDate: '1979-07-07', fatherName: 'Максим' };
    const result = decideAgainst([petr, ...others], {
      id: 'L1',
      name: 'Niktin Petr',
      birthDate: '1979-07-07',
      place: 'Krasnodar',
    });
    expect(result).toMatchObject({ decision: 'match', match: 'R1' });
  });

  it('sends a surname with a typing slip to review when only the birth year agrees, even with father and place', () => {
    const petr = {
      id: 'R1',
      name: 'Пётр Никитин',
      birthDate: '1979-07-07',
      fatherName: 'Максим',
      place: 'Краснодар',
    };
    const result = decideAgainst([petr, ...others], {
      id: 'L1',
      name: 'Niktin Petr',
      birthDate: '1979',
      fatherName: 'Maksim',
      place: 'Krasnodar',
    });
    expect(result.decision).toBe('review');
  });

  it('does not take a name for mistyped when another registry man bears it as written', () => {
    const karpov = {
      id: 'R1',
      name: 'Nikolay Karpov',
      birthDate: '1969-03-23',
      fatherName: 'Mikhail',
    };
    const kareov = {
      id: 'R2',
      name: 'Nikolay Kareov',
      birthDate: '1975-06-01',
      fatherName: 'Ivan',
    };
    const row = { id: 'L1', name: 'Nikolay Kareov', birthDate: '1969-03-23' };
    expect(decideAgainst([karpov, ...others], row)).toMatchObject({
      decision: 'match',
      match: 'R1',
    });
    expect(decideAgainst([karpov, kareov, ...others], row).decision).toBe('review');
  });

  it('matches despite a second record of the name that only the place supports, when date and father single out the first', () => {
    const karen = {
      id: 'R1',
      name: 'Karen Demirchyan',
      birthDate: '1973-02-20',
      fatherName: 'Grigor',
    };
    const sameNameNoDate = { id: 'R2', name: 'Karen Demirchyan', place: 'Masis' };
    const row = {
      id: 'L1',
      name: 'Карен Григорович Демирчян',
      birthDate: '1973-02-20',
      place: 'Масис',
    };
    expect(decideAgainst([karen, sameNameNoDate, ...others], row)).toMatchObject({
      decision: 'match',
      match: 'R1',
    });
  });

  it('calls a row new when nobody comes close', () => {
    expect(
      decideAgainst([hayk, ...others], { id: 'L1', name: 'Sergey Kuznetsov', birthDate: '1970' }),
    ).toEqual({ decision: 'new', candidates: [] });
  });

  it('shows at most five candidates, best first, with rounded scores', () => {
    const result = decide(
      Array.from({ length: 8 }, (_, i) => ({
        id: `R${i}`,
        score: i / 10 + 0.01234,
        features: { logit: i - 4 },
      })),
    );
    expect(result.candidates.map((c) => c.id)).toEqual(['R7', 'R6', 'R5', 'R4', 'R3']);
    expect(result.candidates[0]?.score).toBe(0.712);
  });
});
