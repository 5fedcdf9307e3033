import { describe, expect, it } from 'vitest';
import { changeActionText, changeFieldLabel, changeValueText } from './history-text.ts';

describe('changeFieldLabel', () => {
  it('names the fields of a person and of their names', () => {
    expect(changeFieldLabel('person', 'fatherName')).toBe('Father’s name');
    expect(changeFieldLabel('name', 'value')).toBe('Name');
  });

  it('shows a field it has no words for as its own name, in words', () => {
    expect(changeFieldLabel('person', 'placeOfCapture')).toBe('place of capture');
  });
});

describe('changeValueText', () => {
  it('reads vocabularies, partial dates and lists as staff read them', () => {
    expect(changeValueText('person', 'sex', 'male')).toBe('Male');
    expect(changeValueText('person', 'sensitivity', 'restricted')).toBe('Restricted');
    expect(changeValueText('person', 'birthDate', '1994-03')).toBe('Mar 1994');
    expect(changeValueText('person', 'names', ['Aram', 'Арам'])).toBe('Aram; Арам');
    expect(changeValueText('person', 'identifiers', [{ kind: 'passport', value: 'AM123' }])).toBe(
      'Passport: AM123',
    );
    expect(changeValueText('name', 'script', 'cyrillic')).toBe('Cyrillic');
  });

  it('shows a dash for no value, and says when a value was never kept', () => {
    expect(changeValueText('person', 'unit', null)).toBe('—');
    expect(changeValueText('person', 'identifiers', [])).toBe('—');
    expect(changeValueText('source', 'content', '[secret]')).toBe('(not kept in the history)');
  });
});

describe('changeActionText', () => {
  it('says what a change did', () => {
    expect(changeActionText('person', 'update')).toBe('Changed');
    expect(changeActionText('name', 'create')).toBe('Name added');
  });
});
