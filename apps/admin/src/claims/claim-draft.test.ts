import { describe, expect, it } from 'vitest';
import { changesOf, rebaseDraft } from '../ui/edit-changes.ts';
import { CLAIM_FIELDS, claimDraftOf, claimValuesOf, type ClaimDraft } from './claim-draft.ts';

const LEGAL_CATEGORY = {
  predicate: 'legal_category',
  value: 'hostage',
  excerpt: 'He was taken at the checkpoint (fictional).',
  locator: null,
  credibility: 3,
};

describe('claim drafts', () => {
  it('holds a stored claim as the form types it', () => {
    expect(claimDraftOf(LEGAL_CATEGORY)).toEqual({
      value: 'hostage',
      identifierKind: 'national_id',
      excerpt: 'He was taken at the checkpoint (fictional).',
      locator: '',
      credibility: 3,
    });
    expect(
      claimDraftOf({
        predicate: 'identifier',
        value: { kind: 'service_number', value: 'SN-0001' },
        credibility: 6,
      }),
    ).toMatchObject({ value: 'SN-0001', identifierKind: 'service_number', excerpt: '' });
  });

  it('leaves alone a value the form cannot show, and never sends it', () => {
    const row = { name: 'Aram Draftyan', birthDate: '1990' };
    const draft = claimDraftOf({ predicate: 'name', value: row, credibility: 3 });
    expect(draft.value).toBeNull();
    const read = claimValuesOf('name', draft);
    const patch = changesOf(
      read,
      claimValuesOf('name', { ...draft, locator: 'row 12' }),
      CLAIM_FIELDS,
    );
    expect(patch).toEqual({ locator: 'row 12' });
  });

  it('sends only what was corrected, texts trimmed and an emptied one as null', () => {
    const read = claimDraftOf(LEGAL_CATEGORY);
    const values = (draft: ClaimDraft) => claimValuesOf('legal_category', draft);
    expect(changesOf(values(read), values({ ...read, locator: ' p. 4 ' }), CLAIM_FIELDS)).toEqual({
      locator: 'p. 4',
    });
    expect(
      changesOf(
        values(read),
        values({ ...read, excerpt: '  ', value: 'prisoner_of_war', credibility: 2 }),
        CLAIM_FIELDS,
      ),
    ).toEqual({ value: 'prisoner_of_war', excerpt: null, credibility: 2 });
    expect(
      changesOf(values(read), values({ ...read, excerpt: `${read.excerpt} ` }), CLAIM_FIELDS),
    ).toEqual({});
  });

  it('sends an identifier whole when only its kind changed', () => {
    const read = claimDraftOf({
      predicate: 'identifier',
      value: { kind: 'passport', value: 'AB-0001' },
      credibility: 6,
    });
    const values = (draft: ClaimDraft) => claimValuesOf('identifier', draft);
    expect(
      changesOf(values(read), values({ ...read, identifierKind: 'national_id' }), CLAIM_FIELDS),
    ).toEqual({ value: { kind: 'national_id', value: 'AB-0001' } });
    expect(changesOf(values(read), values({ ...read, value: '' }), CLAIM_FIELDS)).toEqual({
      value: null,
    });
  });

  it('keeps the user’s correction over a claim changed meanwhile', () => {
    const read = claimDraftOf(LEGAL_CATEGORY);
    const mine = { ...read, locator: 'p. 4' };
    const now = claimDraftOf({ ...LEGAL_CATEGORY, credibility: 2 });
    expect(rebaseDraft(read, mine, now)).toEqual({
      draft: { ...now, locator: 'p. 4' },
      theirs: ['credibility'],
      both: [],
    });
  });
});
