import { describe, expect, it } from 'vitest';
import {
  buildWgeidCaseFile,
  renderWgeidCaseFile,
  WgeidCaseFileRequestSchema,
  wgeidCaveat,
  wgeidFieldsAllowed,
  type WgeidEvent,
  type WgeidPerson,
} from './wgeid-case-file.ts';

const person: WgeidPerson = {
  names: ['Վարդան Խաչատրյան', 'Vardan Khachatryan'],
  sex: 'male',
  birthDate: '1994-02-11',
  birthPlace: 'Goris',
  fatherName: 'Artur',
  citizenship: 'Armenia',
  affiliation: 'military',
  unit: 'Unit 12 (fictional)',
  rank: 'private',
  identifiers: [{ kind: 'service_number', value: 'SN-000-TEST' }],
};

const capture: WgeidEvent = {
  type: 'capture',
  date: '2020-12-13',
  place: 'near Khtsaberd',
  actingParty: 'armed forces of state B',
};

const request = {
  stepsTaken: 'The mother wrote to the ICRC in January 2021; no answer about his fate.',
  submitter: {
    name: 'Documentation NGO (fictional)',
    organisation: null,
    contact: 'cases@example.org',
    relationship: null,
    confidential: true,
  },
  include: [] as never[],
};

describe('the WGEID case file', () => {
  it('holds the six elements, complete when the record and the request have them all', () => {
    const file = buildWgeidCaseFile(person, [capture], request);
    expect(file.elements.map((e) => [e.key, e.value?.split('\n')[0], e.problem])).toEqual([
      ['identity', 'Վարդան Խաչատրյան', null],
      ['date', '13 Dec 2020', null],
      ['place', 'near Khtsaberd', null],
      ['forces', 'armed forces of state B', null],
      ['stepsTaken', request.stepsTaken, null],
      ['submitter', 'Documentation NGO (fictional)', null],
    ]);
    expect(file.complete).toBe(true);
    expect(file.elements[5]!.value).toContain('kept confidential');
  });

  it('adds no field of the person that the user did not choose', () => {
    const text = renderWgeidCaseFile(buildWgeidCaseFile(person, [capture], request));
    for (const value of [
      'Vardan Khachatryan',
      '1994',
      'Goris',
      'Artur',
      'Unit 12',
      'SN-000-TEST',
      'private',
    ])
      expect(text).not.toContain(value);
    expect(text).not.toContain('Additional information');
  });

  it('adds exactly the fields the user chose', () => {
    const file = buildWgeidCaseFile(person, [capture], {
      ...request,
      include: ['birthDate', 'otherNames'],
    });
    expect(file.additional).toEqual([
      { field: 'otherNames', label: 'Other spellings of the name', value: 'Vardan Khachatryan' },
      { field: 'birthDate', label: 'Date of birth', value: '11 Feb 1994' },
    ]);
    const text = renderWgeidCaseFile(file);
    expect(text).toContain('Date of birth: 11 Feb 1994');
    expect(text).not.toContain('Goris');
  });

  it('takes the earliest capture, before a later loss of contact or a detention', () => {
    const file = buildWgeidCaseFile(
      person,
      [
        { type: 'contact_lost', date: '2021-03', place: 'prison X', actingParty: null },
        { ...capture, date: '2021-01-02', place: 'later place' },
        capture,
        { type: 'detention', date: '2020-12-20', place: 'detention centre', actingParty: 'police' },
      ],
      request,
    );
    expect(file.elements.find((e) => e.key === 'place')!.value).toBe('near Khtsaberd');
  });

  it('falls back to the loss of contact when no capture is recorded', () => {
    const file = buildWgeidCaseFile(
      person,
      [
        {
          type: 'contact_lost',
          date: '2021-03',
          place: 'last seen in prison X',
          actingParty: null,
        },
      ],
      request,
    );
    expect(file.elements.find((e) => e.key === 'date')).toMatchObject({
      value: 'Mar 2021',
      problem: null,
    });
    expect(file.elements.find((e) => e.key === 'forces')).toMatchObject({
      value: null,
      problem: expect.stringContaining('not recorded'),
    });
    expect(file.complete).toBe(false);
  });

  it('says what is missing: no event, a year-only date, no steps taken', () => {
    const noEvent = buildWgeidCaseFile(person, [], { ...request, stepsTaken: '' });
    expect(noEvent.complete).toBe(false);
    expect(noEvent.elements.filter((e) => e.problem).map((e) => e.key)).toEqual([
      'date',
      'place',
      'forces',
      'stepsTaken',
    ]);
    const yearOnly = buildWgeidCaseFile(person, [{ ...capture, date: '2020' }], request);
    expect(yearOnly.elements.find((e) => e.key === 'date')).toMatchObject({
      value: '2020',
      problem: 'The Working Group needs at least the month and year',
    });
    expect(renderWgeidCaseFile(yearOnly)).toContain('[to complete: The Working Group needs');
  });

  it('offers a partner-cleared user no staff field, and a staff user all of them', () => {
    expect(wgeidFieldsAllowed('partner')).not.toContain('fatherName');
    expect(wgeidFieldsAllowed('partner')).not.toContain('identifiers');
    expect(wgeidFieldsAllowed('partner')).toContain('birthDate');
    expect(wgeidFieldsAllowed('staff')).toContain('fatherName');
  });

  it('refuses a request naming a field twice or an unknown field, or without a contact', () => {
    const base = {
      personId: '00000000-0000-4000-8000-000000000001',
      stepsTaken: 'x',
      submitter: request.submitter,
    };
    expect(WgeidCaseFileRequestSchema.safeParse({ ...base, include: ['sex', 'sex'] }).success).toBe(
      false,
    );
    expect(
      WgeidCaseFileRequestSchema.safeParse({ ...base, include: ['familyContact'] }).success,
    ).toBe(false);
    expect(
      WgeidCaseFileRequestSchema.safeParse({ ...base, submitter: { name: 'N', contact: '' } })
        .success,
    ).toBe(false);
    expect(WgeidCaseFileRequestSchema.parse(base).submitter.confidential).toBe(true);
  });
});

describe('wgeidCaveat', () => {
  const status = (liberty: string, acknowledgement: string) => ({
    liberty: { value: liberty },
    acknowledgement: { value: acknowledgement },
  });

  it('says nothing against a file for a person held without acknowledgement', () => {
    for (const ack of ['denied', 'cannot_identify', 'no_reply', 'unknown'])
      expect(wgeidCaveat(status('held', ack)), ack).toBeNull();
    expect(wgeidCaveat(status('unknown', 'unknown'))).toBeNull();
  });

  it('says why the file may not be what is needed for an acknowledged detainee or a free person', () => {
    expect(wgeidCaveat(status('held', 'acknowledged'))).toMatch(/acknowledges holding/);
    expect(wgeidCaveat(status('repatriated', 'acknowledged'))).toMatch(/reported free/);
    expect(wgeidCaveat(status('released', 'unknown'))).toMatch(/reported free/);
  });
});
