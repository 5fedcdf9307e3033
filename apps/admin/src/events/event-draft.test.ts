import { describe, expect, it } from 'vitest';
import { changesOf } from '../ui/edit-changes.ts';
import { EVENT_FIELDS, eventDraftOf, eventValuesOf } from './event-draft.ts';

const stored = {
  type: 'capture' as const,
  subtype: null,
  date: '2020-11',
  place: 'A fictional crossroads',
  actingParty: null,
  mediator: null,
  description: 'Seen taken away.',
  sensitivity: 'partner' as const,
};

describe('event drafts', () => {
  it('sends only what was corrected, an emptied text as null', () => {
    const read = eventDraftOf(stored);
    const draft = { ...read, date: '2020-11-09 ', place: '', actingParty: 'State B forces' };
    expect(changesOf(eventValuesOf(read), eventValuesOf(draft), EVENT_FIELDS)).toEqual({
      date: '2020-11-09',
      place: null,
      actingParty: 'State B forces',
    });
  });

  it('sends nothing when nothing was changed but spaces', () => {
    const read = eventDraftOf(stored);
    const draft = { ...read, description: ' Seen taken away. ' };
    expect(changesOf(eventValuesOf(read), eventValuesOf(draft), EVENT_FIELDS)).toEqual({});
  });

  it('starts a field the caller may not see empty (the form does not offer it)', () => {
    const { description: _hidden, ...partnerView } = stored;
    expect(eventDraftOf(partnerView).description).toBe('');
  });
});
