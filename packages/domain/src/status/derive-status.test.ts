import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { claim, claimFrom, event, SOURCES } from '../grading/evidence.fixtures.ts';
import type { EvidenceClaim, EvidenceSource } from '../grading/evidence.schema.ts';
import { deriveStatus } from './derive-status.ts';
import {
  DEFAULT_STATUS_POLICY,
  PersonStatusSchema,
  type StatusEvent,
  type StatusInput,
} from './status.schema.ts';

const NOW = new Date('2025-07-01T12:00:00Z');
const derive = (
  events: StatusEvent[],
  personClaims: EvidenceClaim[] = [],
  policy = DEFAULT_STATUS_POLICY,
) => deriveStatus({ events, personClaims }, NOW, policy);
const acknowledged = claimFrom('stateBProsecutor', {
  predicate: 'acknowledgement',
  value: 'acknowledged',
});
const contestedBy = (source: keyof typeof SOURCES) => [
  claimFrom('northernCourier'),
  claimFrom(source, { stance: 'contradicts' }),
];
const texts = (reasons: { text: string }[]) => reasons.map((r) => r.text);

describe('deriveStatus — liberty', () => {
  it('is unknown when no custody or release event is accepted', () => {
    const status = derive([]);
    expect(status.liberty).toMatchObject({
      value: 'unknown',
      heldState: null,
      contested: false,
      reasons: [],
    });
    expect(status.summary).toBe('unknown');
  });

  it('holds a captured person with no legal process known', () => {
    const capture = event('capture', '2025-05-02');
    const { liberty } = derive([capture]);
    expect(liberty).toMatchObject({
      value: 'held',
      heldState: 'no_process_known',
      detail: 'no legal process known',
      contested: false,
    });
    expect(liberty.reasons).toEqual([
      {
        kind: 'basis',
        eventId: capture.id,
        sourceIds: ['src-neutral-monitor'],
        text: 'Capture or abduction on 2 May 2025 — Neutral Monitor briefing',
      },
    ]);
  });

  it.each([
    [['charge'], 'under_investigation'],
    [['charge', 'trial_hearing'], 'on_trial'],
    [['charge', 'trial_hearing', 'sentence'], 'serving_sentence'],
    [['appeal'], 'on_trial'],
    [['sentence', 'appeal'], 'serving_sentence'],
    [['sentence', 'charge'], 'serving_sentence'],
    [['trial_hearing', 'transfer'], 'on_trial'],
  ] as const)('after a capture, %j leaves the person held %s', (steps, heldState) => {
    const events = [
      event('capture', '2021-01-05'),
      ...steps.map((type, i) => event(type, `2022-0${i + 1}-10`)),
    ];
    expect(derive(events).liberty).toMatchObject({ value: 'held', heldState });
  });

  it.each([
    ['release', 'released'],
    ['exchange', 'released'],
    ['repatriation', 'repatriated'],
  ] as const)('%s after a capture makes the person %s', (type, value) => {
    const status = derive([event('capture', '2020-11-10'), event(type, '2021-03-01')]);
    expect(status.liberty).toMatchObject({ value, heldState: null, contested: false });
    expect(status.summary).toBe(value);
  });

  it('names the capture, the furthest process and the last event as the basis of a held status', () => {
    const capture = event('capture', '2020-11-10');
    const sentence = event('sentence', '2021-05-01');
    const transfer = event('transfer', '2022-01-01');
    expect(derive([capture, sentence, transfer]).liberty.reasons.map((r) => r.eventId)).toEqual([
      capture.id,
      sentence.id,
      transfer.id,
    ]);
  });

  it('keeps a repatriated person repatriated when the release is dated after', () => {
    expect(
      derive([
        event('capture', '2020-11'),
        event('repatriation', '2021-03'),
        event('release', '2021-03-04'),
      ]).liberty.value,
    ).toBe('repatriated');
  });

  it('holds the person again after a later capture, with a new legal process', () => {
    const status = derive([
      event('capture', '2020-11-10'),
      event('sentence', '2021-01-10'),
      event('release', '2022-03-01'),
      event('capture', '2023-08-15'),
    ]);
    expect(status.liberty).toMatchObject({
      value: 'held',
      heldState: 'no_process_known',
      contested: false,
    });
  });

  it('contests liberty when a trial hearing may have come after a release in the same month', () => {
    const release = event('release', '2024-06-10');
    const hearing = event('trial_hearing', '2024-06');
    const { liberty } = derive([event('capture', '2023-01-05'), release, hearing]);
    expect(liberty).toMatchObject({ value: 'released', contested: true });
    expect(liberty.reasons.find((r) => r.kind === 'conflict')).toMatchObject({
      eventId: hearing.id,
      text: 'Trial hearing in Jun 2024 (Neutral Monitor briefing) may have come after the release on 10 Jun 2024: the dates cannot tell which is the latest',
    });
    expect(liberty.reasons.some((r) => r.kind === 'basis' && r.eventId === release.id)).toBe(true);
  });

  it('contests liberty when a release dated to the month may follow a capture within it', () => {
    const { liberty } = derive([event('release', '2024-06'), event('capture', '2024-06-15')]);
    expect(liberty).toMatchObject({ value: 'held', contested: true });
  });

  it('contests liberty when a detention is dated the same day as a release', () => {
    const { liberty } = derive([
      event('capture', '2020-10-01'),
      event('detention', '2021-02-03'),
      event('release', '2021-02-03'),
    ]);
    expect(liberty).toMatchObject({ value: 'released', contested: true });
  });

  it('takes a capture known only by its year as the custody a release in that year ended', () => {
    expect(
      derive([event('capture', '2020'), event('release', '2020-12-05')]).liberty,
    ).toMatchObject({
      value: 'released',
      contested: false,
    });
  });

  it('takes a capture and a release on the same day as capture then release', () => {
    expect(
      derive([event('release', '2021-04-04'), event('capture', '2021-04-04')]).liberty,
    ).toMatchObject({
      value: 'released',
      contested: false,
    });
  });

  it('takes an undated capture to be older than a dated release, with a note', () => {
    const capture = event('capture', null);
    const { liberty } = derive([capture, event('release', '2021-04-04')]);
    expect(liberty).toMatchObject({ value: 'released', contested: false });
    expect(liberty.reasons).toContainEqual(
      expect.objectContaining({
        kind: 'note',
        eventId: capture.id,
        text: expect.stringContaining('is taken to be older than the dated events'),
      }),
    );
  });

  it('contests a dated custody when an undated release is accepted', () => {
    const release = event('release', null);
    const { liberty } = derive([release, event('capture', '2021-04-04')]);
    expect(liberty).toMatchObject({ value: 'held', contested: true });
    expect(liberty.reasons).toContainEqual(
      expect.objectContaining({ kind: 'conflict', eventId: release.id }),
    );
  });

  it('follows the usual course when every event is undated', () => {
    expect(derive([event('release', null), event('capture', null)]).liberty).toMatchObject({
      value: 'released',
      contested: false,
    });
  });

  it('treats a date it cannot read as undated and says so', () => {
    const { liberty } = derive([event('capture', '2020-13')]);
    expect(liberty.reasons[0]?.text).toBe(
      'Capture or abduction (date “2020-13” not understood) — Neutral Monitor briefing',
    );
  });

  it('ignores events whose claims are pending, rejected or contradicted, and lists them', () => {
    const pending = event('release', '2022-01-01', {
      claims: [claimFrom('northernCourier', { reviewState: 'pending' })],
    });
    const rejected = event('release', '2022-02-01', {
      claims: [claimFrom('northernCourier', { reviewState: 'rejected' })],
    });
    const contradicted = event('release', '2022-03-01', {
      claims: [claimFrom('southernGazette', { stance: 'contradicts' })],
    });
    const status = derive([event('capture', '2021-01-01'), pending, rejected, contradicted]);
    expect(status.liberty).toMatchObject({ value: 'held', contested: false });
    expect(status.notCounted.map((r) => r.eventId)).toEqual([
      pending.id,
      rejected.id,
      contradicted.id,
    ]);
    expect(status.notCounted[0]?.text).toMatch(
      /^Release on 1 Jan 2022: Weak: no claim that it happened is accepted yet; 1 awaits review/,
    );
  });

  it('ignores events the person only witnessed or is accused of', () => {
    const witnessed = event('release', '2022-01-01', { role: 'witness' });
    const perpetrated = event('capture', '2022-02-01', { role: 'alleged_perpetrator' });
    const status = derive([event('capture', '2021-01-01'), witnessed, perpetrated]);
    expect(status.liberty.value).toBe('held');
    expect(status.notCounted.map((r) => r.text)).toEqual([
      'Release on 1 Jan 2022 — Neutral Monitor briefing: the person is a witness here',
      'Capture or abduction on 1 Feb 2022 — Neutral Monitor briefing: the person is an alleged perpetrator here',
    ]);
  });

  it('releases the person exchanged for others in an exchange', () => {
    expect(
      derive([
        event('capture', '2021-01-01'),
        event('exchange', '2022-01-01', { role: 'exchanged_for' }),
      ]).liberty.value,
    ).toBe('released');
  });

  it('contests liberty with a disputed release instead of dropping it, showing both sides', () => {
    const release = event('release', '2024-06-10', { claims: contestedBy('southernGazette') });
    const { liberty } = derive([event('capture', '2024-01-10'), release]);
    expect(liberty).toMatchObject({ value: 'held', contested: true });
    expect(liberty.reasons.at(-1)).toEqual({
      kind: 'conflict',
      eventId: release.id,
      sourceIds: ['src-northern-courier', 'src-southern-gazette'],
      text:
        'Contested event: Release on 10 Jun 2024 — Northern Courier report; “Southern Gazette article” (Southern Gazette, state B) says it did not happen. ' +
        'If it happened, liberty would be: released',
    });
  });

  it('contests a held state when a disputed sentence would change it', () => {
    const sentence = event('sentence', '2022-05-05', { claims: contestedBy('neutralMonitor') });
    const { liberty } = derive([event('capture', '2021-01-01'), sentence]);
    expect(liberty).toMatchObject({
      value: 'held',
      heldState: 'no_process_known',
      contested: true,
    });
    expect(liberty.reasons.at(-1)?.text).toContain(
      'If it happened, liberty would be: held (serving a sentence)',
    );
  });

  it('notes a disputed event that would change nothing rather than contesting the status', () => {
    const oldCapture = event('capture', '2019-01-01', { claims: contestedBy('southernGazette') });
    const status = derive([
      event('capture', '2021-01-01'),
      event('release', '2022-01-01'),
      oldCapture,
    ]);
    expect(status.liberty.contested).toBe(false);
    expect(status.life.contested).toBe(false);
    expect(status.notCounted).toEqual([
      expect.objectContaining({
        kind: 'note',
        eventId: oldCapture.id,
        text: expect.stringContaining('It would not change the status either way'),
      }),
    ]);
  });
});

describe('deriveStatus — life', () => {
  it('confirms a held person alive with the date of the last proof of life', () => {
    const proof = event('proof_of_life', '2025-06-14', { subtype: 'video' });
    const status = derive(
      [
        event('capture', '2025-01-10'),
        event('proof_of_life', '2025-03-01', { subtype: 'letter' }),
        proof,
      ],
      [acknowledged],
    );
    expect(status.life).toMatchObject({
      value: 'alive_confirmed',
      since: '2025-06-14',
      lastProofOfLife: '2025-06-14',
      contested: false,
    });
    expect(status.life.reasons).toContainEqual({
      kind: 'basis',
      eventId: proof.id,
      sourceIds: ['src-neutral-monitor'],
      text: 'Proof of life (video) on 14 Jun 2025 — Neutral Monitor briefing',
    });
    expect(status.summary).toBe('held — alive, confirmed 2025-06-14');
    expect(status.flags).toEqual({ disappeared: false, contactLost: false });
  });

  it('counts a visit as proof of life', () => {
    const visit = event('visit', '2025-05-20', { subtype: 'icrc' });
    const { life } = derive([event('capture', '2024-01-10'), visit]);
    expect(life).toMatchObject({ value: 'alive_confirmed', since: '2025-05-20' });
    expect(texts(life.reasons)).toContain('Visit (ICRC) on 20 May 2025 — Neutral Monitor briefing');
  });

  it('flags no recent proof of life once the window has passed since the last one', () => {
    const status = derive(
      [event('capture', '2024-01-10'), event('proof_of_life', '2024-11-02')],
      [acknowledged],
    );
    expect(status.life).toMatchObject({
      value: 'no_recent_proof_of_life',
      since: '2024-11-02',
      lastProofOfLife: '2024-11-02',
    });
    expect(status.life.detail).toBe('no proof of life for 241 days (window 180 days)');
    expect(status.flags).toEqual({ disappeared: false, contactLost: true });
    expect(status.summary).toBe('held — no proof of life since 2024-11-02');
  });

  it('uses the window of the policy', () => {
    const events = [event('capture', '2024-01-10'), event('proof_of_life', '2024-11-02')];
    expect(derive(events, [], { proofOfLifeWindowDays: 365 }).life.value).toBe('alive_confirmed');
  });

  it('counts the window from the first day a vague proof-of-life date can mean', () => {
    const events = [event('capture', '2024-06-01'), event('proof_of_life', '2025-01')];
    // 1 Jan 2025 to 1 Jul 2025 is 181 days.
    expect(derive(events).life).toMatchObject({
      value: 'no_recent_proof_of_life',
      since: '2025-01',
    });
    expect(derive(events, [], { proofOfLifeWindowDays: 181 }).life.value).toBe('alive_confirmed');
  });

  it('counts the window from the capture when there has been no proof of life since', () => {
    const status = derive([event('capture', '2024-01-10')], [acknowledged]);
    expect(status.life).toMatchObject({
      value: 'no_recent_proof_of_life',
      since: '2024-01-10',
      lastProofOfLife: null,
    });
    expect(status.life.detail).toBe(
      'no proof of life since the capture or abduction on 10 Jan 2024 (538 days; window 180 days)',
    );
    expect(status.flags.contactLost).toBe(true);
    expect(status.summary).toBe('held — no proof of life since 2024-01-10');
  });

  it('leaves life unknown while a recent capture is within the window', () => {
    const status = derive([event('capture', '2025-05-01')], [acknowledged]);
    expect(status.life).toMatchObject({ value: 'unknown', since: '2025-05-01' });
    expect(status.flags.contactLost).toBe(false);
    expect(status.summary).toBe('held');
  });

  it('does not take a proof of life from before the capture as proof during custody', () => {
    expect(
      derive([event('proof_of_life', '2025-01-01'), event('capture', '2025-03-01')]).life
        .lastProofOfLife,
    ).toBeNull();
  });

  it('does not take an undated proof of life as recent, and notes why', () => {
    const { life } = derive([event('capture', '2025-03-01'), event('proof_of_life', null)]);
    expect(life.value).toBe('unknown');
    expect(texts(life.reasons)).toContain(
      'Proof of life (undated) (Neutral Monitor briefing) is undated, so it cannot show the person alive now',
    );
  });

  it('says there is no recent proof of life when custody and proof are both undated', () => {
    expect(derive([event('capture', null)]).life).toMatchObject({
      value: 'no_recent_proof_of_life',
      since: null,
    });
  });

  it('confirms a released person alive on the day of the release, without a window', () => {
    const status = derive([event('capture', '2020-11-10'), event('release', '2021-01-09')]);
    expect(status.life).toMatchObject({ value: 'alive_confirmed', since: '2021-01-09' });
    expect(status.flags).toEqual({ disappeared: false, contactLost: false });
  });

  it('confirms alive on the last proof of life when liberty is unknown', () => {
    const status = derive([event('proof_of_life', '2023-02-02')]);
    expect(status.life).toMatchObject({ value: 'alive_confirmed', since: '2023-02-02' });
    expect(status.summary).toBe('alive, confirmed 2023-02-02');
  });

  it('reports a death reported by a single source', () => {
    const status = derive([
      event('capture', '2020-11-10'),
      event('death_reported', '2021-02-01', { claims: [claimFrom('northernCourier')] }),
    ]);
    expect(status.life).toMatchObject({
      value: 'reported_dead',
      since: '2021-02-01',
      contested: false,
    });
    expect(status.summary).toBe('reported dead');
    expect(status.flags).toEqual({ disappeared: false, contactLost: false });
  });

  it('confirms a death reported by two independent sources', () => {
    const death = event('death_reported', '2021-02-01', {
      claims: [claimFrom('northernCourier'), claimFrom('neutralMonitor')],
    });
    const status = derive([event('capture', '2020-11-10'), death]);
    expect(status.life.value).toBe('confirmed_dead');
    expect(status.summary).toBe('deceased — death confirmed');
  });

  it('keeps a death reported by two outlets of one side as reported', () => {
    const death = event('death_reported', '2021-02-01', {
      claims: [claimFrom('southernGazette'), claimFrom('stateBProsecutor')],
    });
    expect(derive([death]).life.value).toBe('reported_dead');
  });

  it('confirms a death when remains are identified', () => {
    expect(
      derive([event('capture', '2020-11-10'), event('remains_identified', '2021-06-01')]).life
        .value,
    ).toBe('confirmed_dead');
  });

  it.each([
    [['death_reported', 'remains_returned']],
    [['remains_returned', 'death_reported']],
    [['remains_identified', 'remains_returned', 'death_reported']],
  ] as const)('keeps the furthest stage of death reached: %j', (types) => {
    const status = derive([
      event('capture', '2020-11-10'),
      ...types.map((t, i) => event(t, `2021-0${i + 1}-01`)),
    ]);
    expect(status.life).toMatchObject({ value: 'remains_returned', contested: false });
    expect(status.summary).toBe('deceased — remains returned');
  });

  it('contests life when the person is seen alive after a reported death', () => {
    const death = event('death_reported', '2021-02-01');
    const status = derive(
      [event('capture', '2020-11-10'), death, event('proof_of_life', '2025-06-01')],
      [acknowledged],
    );
    expect(status.life).toMatchObject({ value: 'alive_confirmed', contested: true });
    expect(status.life.reasons).toContainEqual(
      expect.objectContaining({ kind: 'conflict', eventId: death.id }),
    );
    expect(status.summary).toBe('held — alive, confirmed 2025-06-01 (contested)');
  });

  it('contests a death when a proof of life may have come after it', () => {
    const proof = event('proof_of_life', '2021-02');
    const { life } = derive([
      event('capture', '2020-11-10'),
      proof,
      event('remains_identified', '2021-02-10'),
    ]);
    expect(life).toMatchObject({ value: 'confirmed_dead', contested: true });
    expect(life.reasons).toContainEqual(
      expect.objectContaining({ kind: 'conflict', eventId: proof.id }),
    );
  });

  it('contests an undated death against a dated proof of life', () => {
    expect(
      derive([event('death_reported', null), event('proof_of_life', '2024-01-01')]).life.contested,
    ).toBe(true);
  });

  it('does not contest a death after an earlier proof of life', () => {
    expect(
      derive([event('proof_of_life', '2020-12-01'), event('death_reported', '2021-01-01')]).life
        .contested,
    ).toBe(false);
  });

  it('contests life with a disputed death report', () => {
    const death = event('death_reported', '2025-03-01', { claims: contestedBy('southernGazette') });
    const { life } = derive([
      event('capture', '2024-12-01'),
      event('proof_of_life', '2025-02-20'),
      death,
    ]);
    expect(life).toMatchObject({ value: 'alive_confirmed', contested: true });
    expect(life.reasons.at(-1)?.text).toContain(
      'If it happened, life would be: reported dead (2025-03-01)',
    );
  });
});

describe('deriveStatus — contact lost and disappearance', () => {
  it('flags contact lost from an accepted contact-lost event', () => {
    const lost = event('contact_lost', '2025-06-01');
    const status = derive(
      [event('capture', '2025-01-10'), event('proof_of_life', '2025-05-01'), lost],
      [acknowledged],
    );
    expect(status.flags.contactLost).toBe(true);
    expect(status.summary).toBe('contact lost');
    expect(status.life.reasons).toContainEqual(expect.objectContaining({ eventId: lost.id }));
  });

  it('clears contact lost when a later proof of life arrives', () => {
    const status = derive(
      [
        event('capture', '2025-01-10'),
        event('contact_lost', '2025-02-01'),
        event('proof_of_life', '2025-05-01'),
      ],
      [acknowledged],
    );
    expect(status.flags.contactLost).toBe(false);
    expect(status.summary).toBe('held — alive, confirmed 2025-05-01');
  });

  it('does not say contact is lost with a person known to be dead', () => {
    expect(
      derive([event('contact_lost', '2021-01-01'), event('remains_returned', '2021-01-01')]).flags
        .contactLost,
    ).toBe(false);
  });

  it('surfaces a captured person never acknowledged and never seen since as disappeared', () => {
    const status = derive([event('capture', '2020-11-10', { subtype: null })]);
    expect(status.flags).toEqual({ disappeared: true, contactLost: true });
    expect(status.summary).toBe('captured — fate unknown, never acknowledged');
  });

  it('surfaces a fresh capture without acknowledgement as disappeared, before the window has passed', () => {
    expect(derive([event('capture', '2025-06-20')]).flags).toEqual({
      disappeared: true,
      contactLost: false,
    });
  });

  it.each([
    ['denied', 'captured — fate unknown, detention denied'],
    ['cannot_identify', 'captured — fate unknown, detaining state “cannot identify” them'],
    ['no_reply', 'captured — fate unknown, detaining state does not reply'],
  ] as const)('says when the detaining state answered %s', (value, summary) => {
    const status = derive(
      [event('capture', '2020-11-10')],
      [claimFrom('stateBProsecutor', { predicate: 'acknowledgement', value })],
    );
    expect(status.flags.disappeared).toBe(true);
    expect(status.summary).toBe(summary);
  });

  it('does not call an acknowledged detainee disappeared', () => {
    expect(derive([event('capture', '2020-11-10')], [acknowledged]).flags.disappeared).toBe(false);
  });

  it('does not call a person seen alive in custody disappeared', () => {
    expect(
      derive([event('capture', '2020-11-10'), event('proof_of_life', '2020-12-01')]).flags
        .disappeared,
    ).toBe(false);
  });

  it('does not call a released person disappeared', () => {
    expect(
      derive([event('capture', '2020-11-10'), event('release', '2021-01-01')]).flags.disappeared,
    ).toBe(false);
  });

  it('does not call a person whose remains were returned disappeared', () => {
    const status = derive([
      event('capture', '2020-11-10'),
      event('remains_returned', '2021-01-01'),
    ]);
    expect(status.flags.disappeared).toBe(false);
    expect(status.summary).toBe('deceased — remains returned');
  });
});

describe('deriveStatus — acknowledgement', () => {
  const ack = (
    value: string,
    publishedDate: string | null,
    over: Partial<EvidenceClaim> = {},
    source: EvidenceSource = SOURCES.stateBProsecutor,
  ) =>
    claim({ predicate: 'acknowledgement', value, ...over, source: { ...source, publishedDate } });

  it('is unknown when no statement is accepted', () => {
    const status = derive([], [ack('acknowledged', '2022-01-01', { reviewState: 'pending' })]);
    expect(status.acknowledgement).toMatchObject({
      value: 'unknown',
      contested: false,
      since: null,
    });
  });

  it('takes the latest statement by published date', () => {
    const earlier = ack('denied', '2021-05-01');
    const later = ack('acknowledged', '2022-03-10', {}, { ...SOURCES.southernGazette });
    const { acknowledgement } = derive([], [later, earlier]);
    expect(acknowledgement).toMatchObject({
      value: 'acknowledged',
      since: '2022-03-10',
      contested: false,
      detail: 'as of 10 Mar 2022',
    });
    expect(acknowledgement.reasons.map((r) => [r.kind, r.claimId])).toEqual([
      ['basis', later.id],
      ['note', earlier.id],
    ]);
    expect(acknowledgement.reasons[1]?.text).toBe(
      'Earlier: The detaining state denies holding the person — “State B prosecutor press release” (State B Prosecutor General, state B), published 1 May 2021',
    );
  });

  it('contests acknowledgement when statements of the same date disagree', () => {
    const a = ack('acknowledged', '2022-03-10');
    const b = ack('cannot_identify', '2022-03-10', {}, SOURCES.southernGazette);
    const { acknowledgement } = derive([], [a, b]);
    expect(acknowledgement.contested).toBe(true);
    expect(acknowledgement.reasons.map((r) => r.kind).sort()).toEqual(['basis', 'conflict']);
  });

  it('contests acknowledgement when a vague date overlaps the latest statement', () => {
    expect(
      derive([], [ack('denied', '2022'), ack('acknowledged', '2022-03-10')]).acknowledgement
        .contested,
    ).toBe(true);
  });

  it('takes undated statements to be older than dated ones', () => {
    expect(
      derive([], [ack('denied', null), ack('acknowledged', '2022-03-10')]).acknowledgement,
    ).toMatchObject({
      value: 'acknowledged',
      contested: false,
    });
  });

  it('contests undated statements that disagree', () => {
    expect(
      derive([], [ack('denied', null), ack('acknowledged', null)]).acknowledgement.contested,
    ).toBe(true);
  });

  it('contests the latest statement when an accepted claim of the same date disputes it', () => {
    const status = derive(
      [],
      [
        ack('acknowledged', '2022-03-10'),
        ack('acknowledged', '2022-03-10', { stance: 'contradicts' }, SOURCES.northernCourier),
      ],
    );
    expect(status.acknowledgement).toMatchObject({ value: 'acknowledged', contested: true });
  });

  it('ignores values that are not acknowledgements', () => {
    expect(derive([], [ack('maybe', '2022-01-01')]).acknowledgement.value).toBe('unknown');
  });
});

describe('deriveStatus — legal category', () => {
  const category = (
    value: string,
    source: keyof typeof SOURCES,
    over: Partial<EvidenceClaim> = {},
  ) => claimFrom(source, { predicate: 'legal_category', value, ...over });

  it('has no assessment when nothing is asserted', () => {
    expect(derive([]).legal).toEqual({
      asserted: [],
      assessed: null,
      contested: false,
      reasons: [],
    });
  });

  it('lists what each source asserts and assesses the category most independent sources assert', () => {
    const { legal } = derive(
      [],
      [
        category('prisoner_of_war', 'northernCourier'),
        category('prisoner_of_war', 'neutralMonitor'),
        category('person_held_in_custody', 'southernGazette'),
        category('person_held_in_custody', 'stateBProsecutor'),
        category('hostage', 'observerMission', { reviewState: 'pending' }),
      ],
    );
    expect(legal.asserted).toEqual([
      {
        category: 'prisoner_of_war',
        sourceIds: ['src-neutral-monitor', 'src-northern-courier'],
        sourceTitles: ['Neutral Monitor briefing', 'Northern Courier report'],
        independentSources: 2,
      },
      {
        category: 'person_held_in_custody',
        sourceIds: ['src-southern-gazette', 'src-state-b-prosecutor'],
        sourceTitles: ['Southern Gazette article', 'State B prosecutor press release'],
        independentSources: 1,
      },
    ]);
    expect(legal.assessed).toBe('prisoner_of_war');
    expect(legal.contested).toBe(false);
    expect(legal.reasons[0]?.text).toMatch(
      /^Prisoner of war — asserted by 2 independent sources: /,
    );
  });

  it('makes no assessment and contests the category when the top is tied', () => {
    const { legal } = derive(
      [],
      [
        category('hostage', 'northernCourier'),
        category('person_held_in_custody', 'southernGazette'),
      ],
    );
    expect(legal).toMatchObject({ assessed: null, contested: true });
    expect(legal.reasons.map((r) => r.kind)).toEqual(['conflict', 'conflict']);
  });

  it('contests the assessed category when an accepted claim disputes it', () => {
    const { legal } = derive(
      [],
      [
        category('prisoner_of_war', 'northernCourier'),
        category('prisoner_of_war', 'southernGazette', { stance: 'contradicts' }),
      ],
    );
    expect(legal).toMatchObject({ assessed: 'prisoner_of_war', contested: true });
    expect(legal.reasons.at(-1)?.text).toBe(
      'Not prisoner of war, according to “Southern Gazette article” (Southern Gazette, state B)',
    );
  });

  it('ignores values that are not legal categories', () => {
    expect(derive([], [category('tourist', 'northernCourier')]).legal.asserted).toEqual([]);
  });
});

describe('deriveStatus — output', () => {
  it('matches the PersonStatus schema', () => {
    const input: StatusInput = {
      events: [
        event('capture', '2020-11-10'),
        event('proof_of_life', '2021-01', { subtype: 'video' }),
        event('release', '2021-01-02/2021-02-01'),
      ],
      personClaims: [
        acknowledged,
        claimFrom('neutralMonitor', { predicate: 'legal_category', value: 'prisoner_of_war' }),
      ],
    };
    expect(() => PersonStatusSchema.parse(deriveStatus(input, NOW))).not.toThrow();
  });

  it('marks the summary contested when liberty is contested', () => {
    expect(
      derive([event('release', null), event('capture', '2021-04-04')], [acknowledged]).summary,
    ).toBe('held — no proof of life since 2021-04-04 (contested)');
  });
});

// ── Properties ──────────────────────────────────────────────────────────────────────────

const EVENT_TYPE_CHOICES = [
  'capture',
  'detention',
  'transfer',
  'charge',
  'trial_hearing',
  'sentence',
  'appeal',
  'court_measure',
  'proof_of_life',
  'visit',
  'contact_lost',
  'release',
  'exchange',
  'repatriation',
  'death_reported',
  'remains_identified',
  'remains_returned',
] as const;
const NON_DEATH_TYPES = EVENT_TYPE_CHOICES.filter(
  (t) => !['death_reported', 'remains_identified', 'remains_returned'].includes(t),
);
const DATES = [
  '2022',
  '2022-05',
  '2022-05-10',
  '2023-01',
  '2023-01-15',
  '2023-02-01/2023-03-15',
  '2024-06',
  '2024-06-10',
  '2025-02-01',
  '2025-06-20',
];
const sourceArb = fc.constantFrom(...Object.values(SOURCES));

const claimArb = (predicates: readonly string[], values: readonly unknown[]) =>
  fc.record({
    id: fc.uuid(),
    predicate: fc.constantFrom(...predicates),
    value: fc.constantFrom(...values),
    stance: fc.constantFrom('supports', 'supports', 'supports', 'contradicts'),
    reviewState: fc.constantFrom('accepted', 'accepted', 'pending', 'rejected', 'needs_evidence'),
    credibility: fc.constantFrom(1, 2, 3, 4, 5, 6),
    source: fc
      .tuple(sourceArb, fc.constantFrom(null, '2021-03-01', '2022', '2022-03-10'))
      .map(([s, publishedDate]) => ({ ...s, publishedDate })),
  }) satisfies fc.Arbitrary<EvidenceClaim>;
const eventClaimArb = claimArb(['occurred', 'participated', 'date'], [null]);
const personClaimArb = claimArb(
  ['acknowledgement', 'legal_category', 'other'],
  [
    'acknowledged',
    'denied',
    'cannot_identify',
    'no_reply',
    'prisoner_of_war',
    'hostage',
    'person_held_in_custody',
  ],
);

const eventsArb = (
  dates: readonly (string | null)[],
  types: readonly StatusEvent['type'][] = EVENT_TYPE_CHOICES,
  prefix = 'e',
) =>
  fc
    .array(
      fc.record({
        type: fc.constantFrom(...types),
        date: fc.constantFrom(...dates),
        subtype: fc.constant(null),
        role: fc.constantFrom('subject', 'subject', 'subject', 'exchanged_for', 'witness'),
        claims: fc.array(eventClaimArb, { minLength: 1, maxLength: 3 }),
      }),
      { maxLength: 7 },
    )
    .map((events) => events.map((e, i): StatusEvent => ({ ...e, id: `${prefix}${i}` })));

const inputArb: fc.Arbitrary<StatusInput> = fc.record({
  events: eventsArb([...DATES, null]),
  personClaims: fc.array(personClaimArb, { maxLength: 5 }),
});
const nowArb = fc.date({
  min: new Date('2024-01-01T00:00:00Z'),
  max: new Date('2027-01-01T00:00:00Z'),
  noInvalidDate: true,
});

/** Everything but the audit list of what did not count. */
const statusOf = ({ notCounted: _, ...status }: ReturnType<typeof deriveStatus>) => status;

const permutation = <T>(items: readonly T[]) =>
  fc.shuffledSubarray([...items], { minLength: items.length });

describe('deriveStatus properties', () => {
  it('does not depend on the order of events, of their claims or of the person claims', () => {
    const shuffledArb = inputArb.chain((input) =>
      fc.record({
        input: fc.constant(input),
        shuffled: fc.record({
          events: fc
            .tuple(
              ...input.events.map((e) => permutation(e.claims).map((claims) => ({ ...e, claims }))),
            )
            .chain((events) => permutation(events)),
          personClaims: permutation(input.personClaims),
        }),
      }),
    );
    fc.assert(
      fc.property(shuffledArb, nowArb, ({ input, shuffled }, now) => {
        expect(deriveStatus(shuffled, now)).toEqual(deriveStatus(input, now));
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic given now, and always matches its schema', () => {
    fc.assert(
      fc.property(inputArb, nowArb, (input, now) => {
        const status = deriveStatus(input, now);
        expect(deriveStatus(structuredClone(input), new Date(now.getTime()))).toEqual(status);
        expect(PersonStatusSchema.safeParse(status).success).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never changes with pending, needs-evidence or rejected claims', () => {
    const unreviewed = (arb: fc.Arbitrary<EvidenceClaim>) =>
      fc
        .tuple(arb, fc.constantFrom('pending', 'needs_evidence', 'rejected'))
        .map(([c, reviewState]) => ({ ...c, reviewState }));
    const extraArb = inputArb.chain((input) =>
      fc.record({
        input: fc.constant(input),
        more: fc.record({
          events: fc.tuple(
            ...input.events.map((e) =>
              fc
                .array(unreviewed(eventClaimArb), { maxLength: 2 })
                .map((extra) => ({ ...e, claims: [...e.claims, ...extra] })),
            ),
          ),
          personClaims: fc
            .array(unreviewed(personClaimArb), { maxLength: 3 })
            .map((extra) => [...input.personClaims, ...extra]),
        }),
      }),
    );
    fc.assert(
      fc.property(extraArb, nowArb, ({ input, more }, now) => {
        expect(statusOf(deriveStatus(more, now))).toEqual(statusOf(deriveStatus(input, now)));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps liberty and life decided by newer events when an older event is added', () => {
    const accepted = (claims: EvidenceClaim[]) =>
      claims.map((c) => ({ ...c, reviewState: 'accepted' as const, stance: 'supports' as const }));
    const baseArb = eventsArb([
      '2022-05-10',
      '2023-01',
      '2023-02-01/2023-03-15',
      '2024-06',
      '2024-06-10',
      '2025-02-01',
    ]);
    const olderArb = eventsArb(['2019', '2020-03', '2021-12-31'], NON_DEATH_TYPES, 'old').map(
      (events) =>
        events.map((e) => ({ ...e, role: 'subject' as const, claims: accepted(e.claims) })),
    );
    fc.assert(
      fc.property(
        baseArb,
        olderArb,
        fc.array(personClaimArb, { maxLength: 3 }),
        nowArb,
        (base, older, personClaims, now) => {
          const before = deriveStatus({ events: base, personClaims }, now);
          fc.pre(before.liberty.value !== 'unknown');
          const after = deriveStatus({ events: [...base, ...older], personClaims }, now);
          expect(after.liberty.value).toBe(before.liberty.value);
          if (before.life.value !== 'unknown') expect(after.life.value).toBe(before.life.value);
          expect(after.acknowledgement).toEqual(before.acknowledgement);
          expect(after.legal).toEqual(before.legal);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never lets an older death event lower the stage of death already reached', () => {
    const rank = { reported_dead: 1, confirmed_dead: 2, remains_returned: 3 } as Record<
      string,
      number
    >;
    fc.assert(
      fc.property(
        eventsArb(['2023-01', '2024-06-10']),
        fc.constantFrom('death_reported', 'remains_identified', 'remains_returned'),
        (base, type) => {
          const before = deriveStatus({ events: base, personClaims: [] }, NOW);
          fc.pre(before.life.value in rank);
          const after = deriveStatus(
            { events: [...base, event(type, '2019-01-01')], personClaims: [] },
            NOW,
          );
          expect(rank[after.life.value] ?? 0).toBeGreaterThanOrEqual(rank[before.life.value] ?? 0);
        },
      ),
    );
  });

  it('flags a person disappeared only while held, unacknowledged, unseen and not known dead', () => {
    fc.assert(
      fc.property(inputArb, nowArb, (input, now) => {
        const status = deriveStatus(input, now);
        if (status.flags.disappeared) {
          expect(status.liberty.value).toBe('held');
          expect(status.acknowledgement.value).not.toBe('acknowledged');
          expect(status.life.lastProofOfLife).toBeNull();
          expect(['unknown', 'no_recent_proof_of_life']).toContain(status.life.value);
          expect(status.summary).toMatch(/^captured — fate unknown/);
        }
      }),
      { numRuns: 300 },
    );
  });
});
