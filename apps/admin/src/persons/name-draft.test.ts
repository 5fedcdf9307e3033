import { describe, expect, it } from 'vitest';
import { changesOf } from '../ui/edit-changes.ts';
import { NAME_FIELDS, nameDraftOf, nameValuesOf } from './name-draft.ts';

describe('name drafts', () => {
  it('leaves a script the letters say to follow the letters', () => {
    const draft = nameDraftOf({
      value: 'Aram Draftyan',
      script: 'latin',
      kind: 'legal',
      language: null,
    });
    expect(draft.script).toBe('');
    expect(nameValuesOf({ ...draft, value: 'Арам Драфтян' }).script).toBe('cyrillic');
  });

  it('keeps a script chosen against the letters', () => {
    const draft = nameDraftOf({
      value: 'Aram Draftyan',
      script: 'other',
      kind: 'alias',
      language: 'hy',
    });
    expect(draft).toEqual({
      value: 'Aram Draftyan',
      script: 'other',
      kind: 'alias',
      language: 'hy',
    });
    expect(nameValuesOf({ ...draft, value: 'Арам' }).script).toBe('other');
  });

  it('sends only what was corrected, a script too when a new value changes it', () => {
    const read = nameDraftOf({
      value: 'Aram Draftyan',
      script: 'latin',
      kind: 'legal',
      language: 'en',
    });
    const values = (draft: typeof read) => nameValuesOf(draft);
    expect(
      changesOf(values(read), values({ ...read, value: ' Aram Draftian ' }), NAME_FIELDS),
    ).toEqual({
      value: 'Aram Draftian',
    });
    expect(
      changesOf(values(read), values({ ...read, value: 'Арам', language: '' }), NAME_FIELDS),
    ).toEqual({
      value: 'Арам',
      script: 'cyrillic',
      language: null,
    });
  });
});
