import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { detectScript, partialDateBounds, searchKey } from '@vigil/domain';
import { appendAudit } from '../audit/audit.queries.ts';
import { refreshMatchKeys } from '../matching/match-keys.queries.ts';
import { recomputePersonStatus } from '../status/status.queries.ts';
import type { Db, Tx } from '../client.ts';
import {
  claims,
  countClaims,
  eventParticipants,
  events,
  personNames,
  persons,
  reviewTasks,
  sources,
} from '../schema.ts';

/**
 * Fictional demo data. Every person here is invented: names are combinations of common
 * Armenian given names and surnames, written in Armenian, Russian and Latin script. The two
 * articles are real public reports (they name no detainee) and the count claims are the ones
 * they report: 23 official, up to 223 claimed by the families' lawyer, about 60 acknowledged.
 */

const GIVEN: [hy: string, ru: string, en: string][] = [
  ['Արման', 'Арман', 'Arman'],
  ['Տիգրան', 'Тигран', 'Tigran'],
  ['Նարեկ', 'Нарек', 'Narek'],
  ['Գևորգ', 'Геворг', 'Gevorg'],
  ['Հայկ', 'Айк', 'Hayk'],
  ['Վահե', 'Ваге', 'Vahe'],
  ['Դավիթ', 'Давид', 'Davit'],
  ['Արթուր', 'Артур', 'Artur'],
  ['Հովհաննես', 'Ованес', 'Hovhannes'],
  ['Կարեն', 'Карен', 'Karen'],
  ['Լևոն', 'Левон', 'Levon'],
  ['Սարգիս', 'Саргис', 'Sargis'],
  ['Էդգար', 'Эдгар', 'Edgar'],
  ['Մհեր', 'Мгер', 'Mher'],
  ['Ռուբեն', 'Рубен', 'Ruben'],
  ['Անահիտ', 'Анаит', 'Anahit'],
];
const SURNAMES: [hy: string, ru: string, en: string][] = [
  ['Ավետիսյան', 'Аветисян', 'Avetisyan'],
  ['Հակոբյան', 'Акопян', 'Hakobyan'],
  ['Գրիգորյան', 'Григорян', 'Grigoryan'],
  ['Սարգսյան', 'Саргсян', 'Sargsyan'],
  ['Պետրոսյան', 'Петросян', 'Petrosyan'],
  ['Ղազարյան', 'Казарян', 'Ghazaryan'],
  ['Մկրտչյան', 'Мкртчян', 'Mkrtchyan'],
  ['Հարությունյան', 'Арутюнян', 'Harutyunyan'],
  ['Խաչատրյան', 'Хачатрян', 'Khachatryan'],
  ['Վարդանյան', 'Варданян', 'Vardanyan'],
  ['Սիմոնյան', 'Симонян', 'Simonyan'],
  ['Մանուկյան', 'Манукян', 'Manukyan'],
  ['Կարապետյան', 'Карапетян', 'Karapetyan'],
  ['Աբրահամյան', 'Абрамян', 'Abrahamyan'],
  ['Մելքոնյան', 'Мелконян', 'Melkonyan'],
  ['Պողոսյան', 'Погосян', 'Poghosyan'],
];

const article = (file: string) =>
  readFileSync(fileURLToPath(new URL(`./articles/${file}`, import.meta.url)), 'utf8');

type SourceKey = keyof typeof SOURCES;
const SOURCES = {
  cptArticle: {
    kind: 'news_article',
    title:
      'The European Committee for the Prevention of Torture has visited Azerbaijan, possibly also Armenian prisoners',
    publisher: 'Report of a public discussion organized by Civilnet',
    publishedDate: '2025-10-01',
    language: 'en',
    side: 'state_a',
    reliability: 'B',
    sensitivity: 'partner',
    content: article('2025-10-01-cpt-visit-discussion.txt'),
  },
  exchangeArticle: {
    kind: 'news_article',
    title: 'Aliyev Hands Over Five More Armenian POWs, May Still Hold Hundreds',
    publisher: 'News digest (English-language Armenian press)',
    publishedDate: '2021-02',
    language: 'en',
    side: 'state_a',
    reliability: 'C',
    sensitivity: 'partner',
    content: article('2021-02-prisoner-exchange.txt'),
  },
  returnList: {
    kind: 'official_list',
    title: 'List of returned servicemen, 9 February 2021 (fictional demo)',
    publisher: 'Ministry of Defence of State A (fictional demo)',
    publishedDate: '2021-02-09',
    side: 'state_a',
    reliability: 'B',
    sensitivity: 'staff',
  },
  captureVideo: {
    kind: 'video',
    title: 'Video of captured soldiers posted on a messaging channel (fictional demo)',
    publisher: 'Anonymous channel (fictional demo)',
    publishedDate: '2020-12-14',
    side: 'state_b',
    reliability: 'F',
    sensitivity: 'staff',
  },
  stateBStatement: {
    kind: 'official_statement',
    title:
      'Statement of the State Security Service of State B on detained persons (fictional demo)',
    publisher: 'State Security Service of State B (fictional demo)',
    publishedDate: '2021-01-20',
    side: 'state_b',
    reliability: 'D',
    sensitivity: 'staff',
  },
  icrcNote: {
    kind: 'ngo_report',
    title: 'Notification to families after a detention visit (fictional demo)',
    publisher: 'International humanitarian organisation (fictional demo)',
    publishedDate: '2025-06-20',
    side: 'third_party',
    reliability: 'A',
    sensitivity: 'staff',
  },
  proofOfLifeVideo: {
    kind: 'video',
    title: 'Video message from detention (fictional demo)',
    publisher: 'Family of the detainee (fictional demo)',
    publishedDate: '2025-06-14',
    side: 'state_a',
    reliability: 'C',
    sensitivity: 'staff',
  },
  courtRecord: {
    kind: 'court_document',
    title: 'Court record of a trial in State B (fictional demo)',
    publisher: 'Court of State B (fictional demo)',
    publishedDate: '2024-01-17',
    side: 'state_b',
    reliability: 'B',
    sensitivity: 'staff',
  },
  forensicReport: {
    kind: 'ngo_report',
    title: 'Forensic report on remains handed over (fictional demo)',
    publisher: 'Forensic bureau of State A (fictional demo)',
    publishedDate: '2021-03-02',
    side: 'state_a',
    reliability: 'B',
    sensitivity: 'staff',
  },
  stateBAgency: {
    kind: 'news_article',
    title: 'State news agency of State B repeats the security service statement (fictional demo)',
    publisher: 'State news agency of State B (fictional demo)',
    publishedDate: '2021-01-21',
    side: 'state_b',
    reliability: 'C',
    sensitivity: 'staff',
  },
  familyLetter: {
    kind: 'testimony',
    title: 'Letter from a family: the person has not come home (fictional demo)',
    publisher: 'Family association of State A (fictional demo)',
    publishedDate: '2021-03-15',
    side: 'state_a',
    reliability: 'C',
    sensitivity: 'staff',
  },
  recentCall: {
    kind: 'ngo_report',
    title: 'Record of a phone call from detention (fictional demo)',
    publisher: 'Lawyers’ group of State A (fictional demo)',
    publishedDate: '2026-09-30',
    side: 'state_a',
    reliability: 'B',
    sensitivity: 'staff',
  },
  familyTestimony: {
    kind: 'testimony',
    title: 'Testimony of a family member (fictional demo)',
    publisher: null,
    publishedDate: '2021-05-10',
    side: 'state_a',
    reliability: 'C',
    sensitivity: 'restricted',
  },
} as const;

interface DemoEvent {
  type: string;
  subtype?: string;
  date: string;
  place?: string;
  actingParty?: string;
  mediator?: string;
  description: string;
  persons: number[];
  exchangedFor?: number[];
  /** Accepted sources supporting that it happened. */
  source: SourceKey;
  alsoSupportedBy?: SourceKey[];
  /** Accepted sources saying it did not happen (a contested event). */
  contradictedBy?: SourceKey[];
  excerpt?: string;
}

const PLACES = [
  'Hadrut district',
  'near Shushi',
  'Khtsaberd',
  'Hin Tagher',
  'Lachin corridor',
  'Berdzor road',
];

export interface DemoSummary {
  persons: number;
  events: number;
  sources: number;
  claims: number;
  countClaims: number;
}

/**
 * Loads the demo data into an empty database in one transaction, with one audit entry.
 * Returns what it created.
 */
export async function seedDemoData(db: Db, now = new Date()): Promise<DemoSummary> {
  return db.transaction((tx) => seed(tx, now));
}

async function seed(tx: Tx, now: Date): Promise<DemoSummary> {
  const sourceIds = {} as Record<SourceKey, string>;
  for (const [key, value] of Object.entries(SOURCES) as [
    SourceKey,
    (typeof SOURCES)[SourceKey],
  ][]) {
    const [row] = await tx
      .insert(sources)
      .values({ ...value, archiveStatus: 'not_applicable', accessedDate: '2026-11-25' })
      .returning({ id: sources.id });
    sourceIds[key] = row!.id;
  }

  // 32 fictional detainees and one fictional civilian of the other side.
  const personIds: string[] = [];
  for (let i = 0; i < 32; i++) {
    const given = GIVEN[i % GIVEN.length]!;
    // Persons 1 and 17 are namesakes (same given name and surname, different birth date and
    // father), as happens often in real lists; everyone else has a name of their own.
    const surname = SURNAMES[(i * 7 + 3 + (i >= 16 && i !== 17 ? 1 : 0)) % SURNAMES.length]!;
    const female = given[2] === 'Anahit';
    const surnameEn = surname[2];
    const names = [
      { value: `${given[0]} ${surname[0]}`, language: 'hy', kind: 'legal' as const },
      { value: `${given[1]} ${surname[1]}`, language: 'ru', kind: 'transliteration' as const },
      { value: `${given[2]} ${surnameEn}`, language: 'en', kind: 'transliteration' as const },
    ];
    if (i % 5 === 0)
      names.push({
        value: `${given[2]} ${surnameEn.replace(/yan$/, 'ian')}`,
        language: 'en',
        kind: 'transliteration',
      });
    const military = i % 4 !== 3;
    const [person] = await tx
      .insert(persons)
      .values({
        sortName: searchKey(names[0]!.value),
        sex: female ? 'female' : 'male',
        birthDate:
          i % 3 === 0
            ? `${1985 + (i % 15)}`
            : `${1985 + (i % 15)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`,
        citizenship: 'State A',
        affiliation: military ? 'military' : 'civilian',
        unit: military ? `Demo unit ${(i % 6) + 1}` : null,
        rank: military ? (i % 7 === 0 ? 'sergeant' : 'private') : null,
        familyContact: i % 2 === 0 ? `Family contact of demo person ${i + 1} (fictional)` : null,
        sensitivity: 'partner',
      })
      .returning({ id: persons.id });
    await tx.insert(personNames).values(
      names.map((n) => ({
        ...n,
        personId: person!.id,
        script: detectScript(n.value),
        searchKey: searchKey(n.value),
      })),
    );
    personIds.push(person!.id);
  }
  const [civilian] = await tx
    .insert(persons)
    .values({
      sortName: searchKey('Rauf Quliyev'),
      sex: 'male',
      birthDate: '1979',
      citizenship: 'State B',
      affiliation: 'civilian',
      sensitivity: 'partner',
    })
    .returning({ id: persons.id });
  await tx.insert(personNames).values(
    ['Rauf Quliyev', 'Рауф Гулиев'].map((value) => ({
      personId: civilian!.id,
      value,
      script: detectScript(value),
      language: value.startsWith('R') ? 'az' : 'ru',
      kind: 'legal' as const,
      searchKey: searchKey(value),
    })),
  );

  const demoEvents: DemoEvent[] = [];
  // Everyone was captured: most in mid-December 2020, some in the autumn.
  for (let i = 0; i < 32; i++) {
    demoEvents.push({
      type: 'capture',
      date: i < 20 ? '2020-12-13' : i < 26 ? '2020-10-12/2020-11-09' : '2020-11',
      place: PLACES[i % PLACES.length]!,
      actingParty: 'Armed forces of State B',
      description: 'Captured during or after hostilities (fictional demo).',
      persons: [i],
      source: i < 20 ? 'captureVideo' : 'stateBStatement',
      // A corroborated capture: an independent third party confirms the video.
      ...(i === 0 ? { alsoSupportedBy: ['icrcNote' as const] } : {}),
      // Repetition by one side stays single-source, however often it is repeated.
      ...(i === 13
        ? { source: 'stateBStatement' as const, alsoSupportedBy: ['stateBAgency' as const] }
        : {}),
    });
  }
  demoEvents.push(
    {
      type: 'exchange',
      date: '2021-02-09',
      mediator: 'Third state',
      description:
        'Five prisoners flown home in exchange for one civilian (fictional demo of the event the article reports).',
      persons: [20, 21, 22, 23, 24],
      exchangedFor: [32],
      source: 'returnList',
      excerpt:
        'On February 9, a Russian military plane took one Azerbaijani to Baku and brought five more Armenian prisoners of war to Yerevan',
    },
    {
      type: 'repatriation',
      date: '2021-02-09',
      place: 'Yerevan',
      description: 'Arrived home on a military plane.',
      persons: [20, 21, 22, 23, 24],
      source: 'returnList',
    },
    {
      type: 'proof_of_life',
      subtype: 'video',
      date: '2025-06-14',
      description: 'Video message recorded in detention.',
      persons: [0, 1],
      source: 'proofOfLifeVideo',
    },
    {
      type: 'visit',
      subtype: 'icrc',
      date: '2025-06',
      description: 'Visited in detention by the humanitarian organisation.',
      persons: [0, 1, 2, 3, 4, 5],
      source: 'icrcNote',
      excerpt:
        'the international committee last visited the Armenian hostages in June, after which access has been blocked',
    },
    {
      type: 'charge',
      date: '2021-05',
      description: 'Charged with illegal border crossing and terrorism.',
      persons: [2, 3, 4],
      source: 'courtRecord',
    },
    {
      type: 'trial_hearing',
      date: '2023-11-20',
      description: 'First hearing of the trial.',
      persons: [2, 3],
      source: 'courtRecord',
    },
    {
      type: 'sentence',
      date: '2024-01-17',
      description: 'Sentenced to 15 years of imprisonment.',
      persons: [2],
      source: 'courtRecord',
    },
    {
      type: 'death_reported',
      date: '2021-01',
      description: 'Family told of the death by returning prisoners.',
      persons: [10],
      source: 'familyTestimony',
    },
    {
      type: 'remains_returned',
      date: '2021-03-02',
      description: 'Remains handed over and identified.',
      persons: [10],
      source: 'forensicReport',
    },
    {
      type: 'contact_lost',
      date: '2020-12-20',
      description: 'Seen on video after capture; nothing known since. Never acknowledged.',
      persons: [11],
      source: 'familyTestimony',
    },
    {
      type: 'release',
      date: '2021-01-28',
      description: 'Released to State A.',
      persons: [25],
      source: 'stateBStatement',
    },
    {
      type: 'proof_of_life',
      subtype: 'call',
      date: '2026-09-28',
      description: 'Called his family from detention.',
      persons: [0, 1],
      source: 'recentCall',
    },
    {
      // A contested release: State B says he was released; his family says he never came home.
      type: 'release',
      date: '2021-01-20',
      description: 'State B says he was released at the border.',
      persons: [12],
      source: 'stateBStatement',
      contradictedBy: ['familyLetter'],
    },
    {
      type: 'death_reported',
      date: '2021-04',
      description: 'Reported dead by fellow detainees after release.',
      persons: [14],
      source: 'familyTestimony',
    },
    {
      type: 'death_reported',
      date: '2021-02',
      description: 'Death reported.',
      persons: [15],
      source: 'familyTestimony',
    },
    {
      type: 'remains_identified',
      date: '2021-06-10',
      description: 'Remains identified by DNA.',
      persons: [15],
      source: 'forensicReport',
    },
    {
      type: 'proof_of_life',
      subtype: 'photo',
      date: '2021-01',
      description: 'Photographed in custody (an older proof of life).',
      persons: [16, 17],
      source: 'captureVideo',
    },
  );

  let claimCount = 0;
  for (const e of demoEvents) {
    const bounds = partialDateBounds(e.date);
    const [event] = await tx
      .insert(events)
      .values({
        type: e.type,
        subtype: e.subtype ?? null,
        date: e.date,
        dateEarliest: bounds.earliest,
        dateLatest: bounds.latest,
        place: e.place ?? null,
        actingParty: e.actingParty ?? null,
        mediator: e.mediator ?? null,
        description: e.description,
        sensitivity: 'partner',
      })
      .returning({ id: events.id });
    const participants = [
      ...e.persons.map((i) => ({ eventId: event!.id, personId: personIds[i]!, role: 'subject' })),
      ...(e.exchangedFor ?? []).map(() => ({
        eventId: event!.id,
        personId: civilian!.id,
        role: 'exchanged_for',
      })),
    ];
    await tx.insert(eventParticipants).values(participants);
    const stances = [
      ...[e.source, ...(e.alsoSupportedBy ?? [])].map((source) => ({
        source,
        stance: 'supports' as const,
      })),
      ...(e.contradictedBy ?? []).map((source) => ({ source, stance: 'contradicts' as const })),
    ];
    for (const { source, stance } of stances) {
      await tx.insert(claims).values({
        sourceId: sourceIds[source],
        subjectType: 'event',
        eventId: event!.id,
        predicate: 'occurred',
        stance,
        excerpt: source === e.source ? (e.excerpt ?? null) : null,
        credibility: SOURCES[source].reliability <= 'B' ? 2 : 3,
        reviewState: 'accepted',
        reviewReason: 'Demo data',
      });
      claimCount++;
    }
  }

  // Legal categories and acknowledgement, as sources assert them.
  for (let i = 0; i < 32; i++) {
    await tx.insert(claims).values({
      sourceId: sourceIds[i % 2 ? 'exchangeArticle' : 'returnList'],
      subjectType: 'person',
      personId: personIds[i]!,
      predicate: 'legal_category',
      value: i % 4 === 3 ? 'hostage' : 'prisoner_of_war',
      credibility: 3,
      reviewState: 'accepted',
      reviewReason: 'Demo data',
    });
    claimCount++;
    const acknowledgement =
      i <= 9
        ? 'acknowledged'
        : ({ 11: 'denied', 16: 'cannot_identify', 17: 'no_reply' } as Record<number, string>)[i];
    if (acknowledgement) {
      await tx.insert(claims).values({
        sourceId: sourceIds.stateBStatement,
        subjectType: 'person',
        personId: personIds[i]!,
        predicate: 'acknowledgement',
        value: acknowledgement,
        credibility: 3,
        reviewState: 'accepted',
        reviewReason: 'Demo data',
      });
      claimCount++;
    }
  }

  const counts = [
    {
      sourceId: sourceIds.cptArticle,
      claimant: 'Official count, as cited by the families’ lawyer',
      asOf: '2025-10-01',
      min: 23,
      max: 23,
      approximate: false,
      note: '“The official number of Armenian prisoners held in Azerbaijan is 23, meaning that they are known, there is verifiable information about their survival.”',
    },
    {
      sourceId: sourceIds.exchangeArticle,
      claimant: 'Lawyer for the prisoners’ families',
      asOf: '2021-02-09',
      min: 223,
      max: 223,
      approximate: false,
      note: '“Azerbaijan may be holding as many as 223 other Armenian military prisoners and civilian hostages, including women.”',
    },
    {
      sourceId: sourceIds.exchangeArticle,
      claimant: 'Officials of State B',
      asOf: '2021-02',
      min: 60,
      max: 60,
      approximate: true,
      note: '“Azerbaijani officials acknowledged holding about 60 Armenian prisoners, not counting the ten released in the last two weeks.”',
    },
  ];
  for (const c of counts) {
    await tx.insert(countClaims).values({
      ...c,
      asOfEarliest: partialDateBounds(c.asOf).earliest,
      population: 'held_by_state_b',
      populationLabel:
        'Nationals of State A (military prisoners and civilian hostages) held by State B',
    });
  }

  // Claims waiting for review, so the queue has work in it. Entered by nobody in particular
  // (the demo loader), so any reviewer may decide them.
  const pending = [
    {
      personIndex: 18,
      predicate: 'legal_category',
      value: 'enforced_disappearance',
      source: 'familyTestimony' as const,
      excerpt: 'He was taken from the checkpoint and his family has heard nothing since.',
    },
    {
      personIndex: 19,
      predicate: 'acknowledgement',
      value: 'denied',
      source: 'stateBAgency' as const,
      excerpt: 'The agency says no such person is held.',
    },
    {
      personIndex: 26,
      predicate: 'legal_category',
      value: 'civilian_internee',
      source: 'familyLetter' as const,
      excerpt: 'A shepherd detained near the border.',
    },
  ];
  for (const p of pending) {
    const [claim] = await tx
      .insert(claims)
      .values({
        sourceId: sourceIds[p.source],
        subjectType: 'person',
        personId: personIds[p.personIndex]!,
        predicate: p.predicate,
        value: p.value,
        excerpt: p.excerpt,
        credibility: 3,
        reviewState: 'pending',
      })
      .returning({ id: claims.id });
    await tx.insert(reviewTasks).values({
      kind: 'claim',
      claimId: claim!.id,
      personId: personIds[p.personIndex]!,
      dedupeKey: `claim:${claim!.id}`,
      detail: 'New claim waiting for review',
    });
    claimCount++;
  }

  await refreshMatchKeys(tx, [...personIds, civilian!.id]);
  for (const personId of [...personIds, civilian!.id]) {
    await recomputePersonStatus(tx, personId, now);
  }

  const summary = {
    persons: personIds.length + 1,
    events: demoEvents.length,
    sources: Object.keys(SOURCES).length,
    claims: claimCount,
    countClaims: counts.length,
  };
  await appendAudit(tx, {
    actorId: 'seed',
    action: 'create',
    entity: 'demo_data',
    entityId: null,
    diff: summary,
  });
  return summary;
}
