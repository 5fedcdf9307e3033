import { sourceFiles } from '@vigil/db';
import { testDatabaseKind } from '@vigil/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing.ts';
import { JPEG } from './strip-image-metadata.fixtures.ts';

describe(`sources (${testDatabaseKind})`, () => {
  let app: TestApp;
  let editor: Awaited<ReturnType<TestApp['as']>>;
  beforeAll(async () => {
    app = await createTestApp();
    editor = await app.as('editor');
  });
  afterAll(async () => app?.close());

  const queued = async (name: string) =>
    (await app.queue.stats()).find((q) => q.name === name)?.queued ?? 0;

  it('schedules archiving of a source with a URL in the transaction that creates it', async () => {
    const before = await queued('sources.archive');
    const source = await editor.caller.sources.create({
      kind: 'news_article',
      title: 'Article',
      url: 'https://example.org/a',
    });
    expect(source).toMatchObject({ archiveStatus: 'pending' });
    expect(await queued('sources.archive')).toBe(before + 1);
    await editor.caller.sources.create({ kind: 'testimony', title: 'No URL' });
    expect(await queued('sources.archive')).toBe(before + 1);
  });

  it('hashes an uploaded file through a job scheduled with the upload', async () => {
    const source = await editor.caller.sources.create({ kind: 'photo', title: 'Photo' });
    const before = await queued('sources.hash-file');
    const file = await editor.caller.sources.uploadFile({
      sourceId: source.id,
      filename: 'a.txt',
      mediaType: 'text/plain',
      contentBase64: Buffer.from('hello').toString('base64'),
    });
    expect(file.sha256).toBeNull();
    expect(await queued('sources.hash-file')).toBe(before + 1);
  });

  describe('TRUST 15: the declared media type must match the content', () => {
    const upload = async (mediaType: string, content: Uint8Array | string) => {
      const source = await editor.caller.sources.create({ kind: 'photo', title: 'Typed upload' });
      return editor.caller.sources.uploadFile({
        sourceId: source.id,
        filename: 'upload',
        mediaType,
        contentBase64: Buffer.from(content).toString('base64'),
      });
    };
    const refusal = async (mediaType: string, content: Uint8Array | string) => {
      const error = await upload(mediaType, content).then(
        () => null,
        (e: unknown) => e as { code: string; message: string; cause?: { issues?: unknown } },
      );
      expect(error?.code).toBe('BAD_REQUEST');
      expect(error?.cause?.issues).toEqual([{ field: 'mediaType', message: expect.any(String) }]);
      return error!.message;
    };

    it('refuses a photo declared as text, saying what the content is', async () => {
      expect(await refusal('text/plain', JPEG)).toBe(
        'mediaType: is text/plain, a text type, but the content is image/jpeg',
      );
    });

    it('refuses a JPEG declared as a PNG, and text declared as a photo', async () => {
      expect(await refusal('image/png', JPEG)).toBe(
        'mediaType: is image/png, but the content is image/jpeg',
      );
      expect(await refusal('image/jpeg', 'name,birth_date\nAram,1990\n')).toBe(
        'mediaType: is image/jpeg, but the content is text',
      );
    });

    it('refuses text types whose content is not UTF-8 text', async () => {
      expect(await refusal('text/csv', new Uint8Array([0x41, 0x00, 0x42]))).toMatch(
        /^mediaType: is text\/csv, a text type, but the content is not text/,
      );
      expect(await refusal('application/json', new Uint8Array([0xc3, 0x28]))).toMatch(/not text/);
    });

    it('accepts text in any script as a text type, and a JPEG under another name of its type, stored as image/jpeg', async () => {
      await expect(upload('text/csv', 'name\nԱրամ Պետրոսյան\nАрам\n')).resolves.toMatchObject({
        sha256: null,
      });
      const photo = await upload('image/jpg', JPEG);
      const [row] = await app.db.select().from(sourceFiles).where(eq(sourceFiles.id, photo.id));
      expect(row?.mediaType).toBe('image/jpeg');
    });

    it('accepts a type that cannot be recognised from its bytes unless the content is something else', async () => {
      await expect(
        upload('application/octet-stream', new Uint8Array([1, 2, 3, 4])),
      ).resolves.toBeTruthy();
      expect(await refusal('application/octet-stream', JPEG)).toBe(
        'mediaType: is application/octet-stream, but the content is image/jpeg',
      );
    });
  });

  it('hides a staff-only source from a partner-cleared caller', async () => {
    const source = await editor.caller.sources.create({
      kind: 'testimony',
      title: 'Witness account',
      sensitivity: 'staff',
    });
    const partner = await app.as('viewer', 'partner');
    await expect(partner.caller.sources.get({ id: source.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await partner.caller.sources.list({ q: 'Witness' })).items).toHaveLength(0);
  });

  it('lists the documents about a person: the sources of claims about them or their events, with their files', async () => {
    const person = await editor.caller.persons.create({ names: [{ value: 'Sevak Harutyunyan' }] });
    const source = (title: string, sensitivity: 'partner' | 'staff' = 'partner') =>
      editor.caller.sources.create({ kind: 'news_article', title, sensitivity });
    const [aboutHim, aboutCapture, hidden, unrelated] = await Promise.all([
      source('Names him among the detained'),
      source('Reports the capture'),
      source('Staff-only statement', 'staff'),
      source('About someone else'),
    ]);
    await editor.caller.sources.uploadFile({
      sourceId: aboutHim.id,
      filename: 'list.txt',
      mediaType: 'text/plain',
      contentBase64: Buffer.from('a published list').toString('base64'),
    });
    const capture = await editor.caller.events.create({
      type: 'capture',
      date: '2020-12-13',
      participants: [{ personId: person.id, role: 'subject' }],
    });
    const other = await editor.caller.persons.create({ names: [{ value: 'Someone Else' }] });
    const claim = (sourceId: string, about: { personId: string } | { eventId: string }) =>
      editor.caller.claims.create({
        sourceId,
        ...('personId' in about
          ? { subjectType: 'person' as const, predicate: 'name', value: 'Sevak', ...about }
          : { subjectType: 'event' as const, predicate: 'occurred', ...about }),
        credibility: 2,
      });
    await claim(aboutHim.id, { personId: person.id });
    await claim(aboutCapture.id, { eventId: capture.id });
    await claim(hidden.id, { personId: person.id });
    await claim(unrelated.id, { personId: other.id });

    const titles = async (caller: typeof editor.caller) =>
      (await caller.sources.list({ personId: person.id })).items.map((s) => s.title).sort();
    expect(await titles(editor.caller)).toEqual(
      [aboutHim.title, aboutCapture.title, hidden.title].sort(),
    );
    const partner = await app.as('viewer', 'partner');
    expect(await titles(partner.caller)).toEqual([aboutHim.title, aboutCapture.title].sort());

    const listed = (await editor.caller.sources.list({ personId: person.id })).items;
    expect(listed.find((s) => s.id === aboutHim.id)?.files).toEqual([
      expect.objectContaining({ filename: 'list.txt', copy: 'original', damaged: false }),
    ]);
    expect(listed.find((s) => s.id === aboutCapture.id)?.files).toEqual([]);
  });

  it('lists no documents about a person the caller may not see', async () => {
    const admin = await app.as('admin');
    const person = await admin.caller.persons.create({
      names: [{ value: 'Restricted Personyan' }],
      sensitivity: 'restricted',
    });
    const source = await admin.caller.sources.create({ kind: 'testimony', title: 'Open account' });
    const capture = await admin.caller.events.create({
      type: 'capture',
      date: '2021-01-02',
      participants: [{ personId: person.id, role: 'subject' }],
    });
    await admin.caller.claims.create({
      sourceId: source.id,
      subjectType: 'event',
      eventId: capture.id,
      predicate: 'occurred',
      credibility: 3,
    });
    expect((await admin.caller.sources.list({ personId: person.id })).items).toHaveLength(1);
    expect((await editor.caller.sources.list({ personId: person.id })).items).toEqual([]);
  });
});
