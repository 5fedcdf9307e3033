import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attachmentDisposition, createUser } from '@vigil/api';
import { createTestApp, JPEG, JPEG_WITH_METADATA, type TestApp } from '@vigil/api/testing';
import type { Sensitivity } from '@vigil/domain';
import { contentKey, createDiskFileStore, sourceFiles, type FileStore } from '@vigil/db';
import { testDatabaseKind } from '@vigil/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.ts';

describe('attachmentDisposition', () => {
  it('keeps a plain name as it is', () => {
    expect(attachmentDisposition('report 2024.pdf')).toBe(
      `attachment; filename="report 2024.pdf"; filename*=UTF-8''report%202024.pdf`,
    );
  });

  it('drops paths, quotes and control characters, and gives a name in any script as UTF-8', () => {
    const header = attachmentDisposition('../../показания "1"\r\n.txt');
    expect(header).toBe(
      `attachment; filename="_ _1_.txt"; filename*=UTF-8''%D0%BF%D0%BE%D0%BA%D0%B0%D0%B7%D0%B0%D0%BD%D0%B8%D1%8F%20_1_.txt`,
    );
    expect(attachmentDisposition('"/\\')).toBe(
      `attachment; filename="file"; filename*=UTF-8''file`,
    );
  });
});

describe(`GET /files/:fileId (TRUST 15, ${testDatabaseKind})`, () => {
  let test: TestApp;
  let app: ReturnType<typeof createApp>;
  /** The store the route reads hashed files from, in a directory the tests can damage. */
  let root: string;
  let files: FileStore;
  const cookies = new Map<string, string>();

  beforeAll(async () => {
    test = await createTestApp();
    root = await mkdtemp(join(tmpdir(), 'vigil-files-route-'));
    files = createDiskFileStore(root);
    app = createApp({ db: test.db, queue: test.queue, files, database: test.database });
    for (const [username, clearance] of [
      ['staffer', 'staff'],
      ['partner', 'partner'],
    ] as const) {
      await createUser(test.db, null, {
        username,
        password: 'a long enough password',
        role: 'viewer',
        clearance,
      });
      const res = await app.request('/trpc/auth.login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'a long enough password' }),
      });
      cookies.set(username, res.headers.get('set-cookie')?.split(';')[0] ?? '');
    }
  });
  afterAll(async () => test?.close());

  const download = (fileId: string, user?: string) =>
    app.request(`/files/${fileId}`, { headers: user ? { cookie: cookies.get(user)! } : {} });

  /** Uploads a file to a new source; unless `hashed: false`, stores it as the hash job would. */
  async function uploaded(
    bytes: Uint8Array,
    options: {
      mediaType?: string;
      filename?: string;
      sensitivity?: Sensitivity;
      hashed?: boolean;
    } = {},
  ) {
    const {
      mediaType = 'text/plain',
      filename = 'statement.txt',
      sensitivity = 'partner',
      hashed = true,
    } = options;
    const { caller } = await test.as('editor');
    const source = await caller.sources.create({ kind: 'photo', title: 'Evidence', sensitivity });
    const upload = await caller.sources.uploadFile({
      sourceId: source.id,
      filename,
      mediaType,
      contentBase64: Buffer.from(bytes).toString('base64'),
    });
    if (!hashed) return { fileId: upload.id, sha256: null };
    const [row] = await test.db.select().from(sourceFiles).where(eq(sourceFiles.id, upload.id));
    const { sha256 } = await files.storeBytes(await test.files.read(row!.storageKey));
    await test.db.update(sourceFiles).set({ sha256 }).where(eq(sourceFiles.id, upload.id));
    return { fileId: upload.id, sha256 };
  }

  it('serves a file as an attachment under its stored media type, never sniffed or cached', async () => {
    const { fileId } = await uploaded(new TextEncoder().encode('Показания'), {
      filename: 'показания.txt',
    });
    const res = await download(fileId, 'staffer');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('Показания');
    expect(res.headers.get('content-type')).toBe('text/plain');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="_.txt"; filename*=UTF-8''%D0%BF%D0%BE%D0%BA%D0%B0%D0%B7%D0%B0%D0%BD%D0%B8%D1%8F.txt`,
    );
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('answers 401 without a session, and 404 alike for a file above the caller’s clearance and for no file', async () => {
    const { fileId } = await uploaded(new TextEncoder().encode('staff only'), {
      sensitivity: 'staff',
    });
    expect((await download(fileId)).status).toBe(401);
    const hidden = await download(fileId, 'partner');
    const missing = await download('00000000-0000-4000-8000-000000000000', 'partner');
    expect(hidden.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(await hidden.json()).toEqual(await missing.json());
    expect(hidden.headers.get('cache-control')).toBe('no-store');
    expect((await download('not-an-id', 'partner')).status).toBe(400);
  });

  it('answers 409 with a message while the file waits for its hash job', async () => {
    const { fileId } = await uploaded(new TextEncoder().encode('still staged'), { hashed: false });
    const res = await download(fileId, 'staffer');
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({
      error: { code: 'CONFLICT', message: expect.stringMatching(/still being stored/) },
    });
  });

  it('never serves a file whose bytes no longer match their SHA-256', async () => {
    const { fileId, sha256 } = await uploaded(new TextEncoder().encode('original evidence'));
    await writeFile(join(root, contentKey(sha256!)), 'tampered evidence');
    const res = await download(fileId, 'staffer');
    expect(res.status).toBe(500);
    const body = await res.text();
    expect(body).not.toContain('tampered');
    expect(JSON.parse(body)).toMatchObject({
      error: { message: expect.stringMatching(/^This file is damaged/) },
    });
  });

  it('gives a partner-cleared user a photo without its EXIF and GPS position, and staff the original', async () => {
    const { fileId } = await uploaded(JPEG_WITH_METADATA, {
      mediaType: 'image/jpeg',
      filename: 'photo.jpg',
    });
    const partner = await download(fileId, 'partner');
    expect(partner.status).toBe(200);
    expect(partner.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await partner.arrayBuffer()).equals(JPEG)).toBe(true);
    const staff = await download(fileId, 'staffer');
    expect(Buffer.from(await staff.arrayBuffer()).equals(JPEG_WITH_METADATA)).toBe(true);
  });
});
