import { testDatabaseKind } from '@vigil/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing.ts';

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
});
