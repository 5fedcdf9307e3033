import { describe, expect, it } from 'vitest';
import {
  mayExportSubjectAccess,
  sourceIdentifiesThirdParty,
  subjectAccessActivity,
  subjectAccessClaim,
  subjectAccessSource,
  WITHHELD,
  type SubjectAccessSourceInput,
} from './subject-access.ts';

const article: SubjectAccessSourceInput = {
  kind: 'news_article',
  title: 'Five prisoners returned (fictional)',
  publisher: 'An outlet',
  url: 'https://example.org/news/1',
  publishedDate: '2021-05-04',
  sensitivity: 'partner',
};
const testimony: SubjectAccessSourceInput = {
  kind: 'testimony',
  title: 'Testimony of Anna K., cellmate',
  publisher: 'Anna K.',
  url: null,
  publishedDate: '2021-02',
  sensitivity: 'staff',
};

describe('the subject-access export', () => {
  it('keeps a published source as it was published', () => {
    expect(subjectAccessSource(article)).toEqual({
      kind: 'news_article',
      title: article.title,
      publisher: 'An outlet',
      url: article.url,
      publishedDate: '2021-05-04',
    });
  });

  it('withholds who gave a testimony or a post, and any source kept confidential', () => {
    expect(subjectAccessSource(testimony)).toEqual({
      kind: 'testimony',
      title: WITHHELD,
      publisher: null,
      url: null,
      publishedDate: '2021-02',
    });
    expect(sourceIdentifiesThirdParty({ kind: 'social_media_post', sensitivity: 'partner' })).toBe(
      true,
    );
    expect(sourceIdentifiesThirdParty({ kind: 'ngo_report', sensitivity: 'restricted' })).toBe(
      true,
    );
    expect(sourceIdentifiesThirdParty(article)).toBe(false);
  });

  it("withholds a witness's words and where they are, but keeps what a published source says", () => {
    const claim = {
      predicate: 'seen_alive',
      value: { place: 'cell 2' },
      stance: 'supports',
      reviewState: 'accepted',
      credibility: 2,
      excerpt: 'I, Anna, saw him in cell 2',
      locator: 'page 3',
      createdAt: new Date('2021-03-01T00:00:00Z'),
      aboutEvent: false,
    };
    expect(subjectAccessClaim({ ...claim, source: testimony })).toMatchObject({
      about: 'the person',
      value: { place: 'cell 2' },
      excerpt: WITHHELD,
      locator: null,
      source: { title: WITHHELD },
    });
    expect(subjectAccessClaim({ ...claim, source: article })).toMatchObject({
      excerpt: 'I, Anna, saw him in cell 2',
      locator: 'page 3',
      source: { title: article.title },
    });
  });

  it('lists what was done with the record and the fields, never who did it', () => {
    const at = new Date('2025-01-01T00:00:00Z');
    expect(
      subjectAccessActivity({
        at,
        action: 'update',
        entity: 'person',
        diff: { rank: ['private', 'sergeant'] },
      }),
    ).toEqual({ at, action: 'update', record: 'person', fields: ['rank'] });
    expect(
      subjectAccessActivity({
        at,
        action: 'read_restricted',
        entity: 'person',
        diff: { fields: ['familyContact'] },
      }),
    ).toEqual({ at, action: 'read_restricted', record: 'person', fields: ['familyContact'] });
  });

  it('is made only by an admin cleared for restricted data', () => {
    expect(mayExportSubjectAccess('admin', 'restricted')).toBe(true);
    expect(mayExportSubjectAccess('admin', 'staff')).toBe(false);
    expect(mayExportSubjectAccess('editor', 'restricted')).toBe(false);
  });
});
