import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkStoredFile, contentKey, createDiskFileStore } from './file-store.ts';

const HELLO_SHA256 = '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824';
const bytesOf = (text: string) => new TextEncoder().encode(text);

async function newStore() {
  const root = await mkdtemp(join(tmpdir(), 'vigil-files-'));
  return { root, store: createDiskFileStore(root) };
}

describe('disk file store', () => {
  it('stores files by their SHA-256 and finds tampering on read', async () => {
    const { root, store } = await newStore();
    const staged = await store.stage(bytesOf('hello'));
    const { key, sha256 } = await store.storeStaged(staged);
    expect(sha256).toBe(HELLO_SHA256);
    expect(key).toBe(contentKey(sha256));
    expect(new TextDecoder().decode(await store.readVerified(sha256))).toBe('hello');
    await writeFile(join(root, key), 'changed');
    await expect(store.readVerified(sha256)).rejects.toThrow(/corrupt/);
  });

  it('keeps the staged file until it is discarded, so a crash before the hash is recorded loses nothing', async () => {
    const { store } = await newStore();
    const staged = await store.stage(bytesOf('hello'));
    const { key } = await store.storeStaged(staged);
    expect(await store.exists(staged)).toBe(true);
    expect(await store.exists(key)).toBe(true);
    await store.discardStaged(staged);
    expect(await store.exists(staged)).toBe(false);
    expect(await store.exists(key)).toBe(true);
  });

  it('can store and discard again after a crash at any step, with the same result', async () => {
    const { root, store } = await newStore();
    const staged = await store.stage(bytesOf('hello'));
    const first = await store.storeStaged(staged);
    expect(await store.storeStaged(staged)).toEqual(first);
    await store.discardStaged(staged);
    await expect(store.discardStaged(staged)).resolves.toBeUndefined();
    const stored = await readdir(join(root, 'sha256', HELLO_SHA256.slice(0, 2)));
    expect(stored).toEqual([HELLO_SHA256]);
  });

  it('replaces a corrupt copy at the content address with the intact bytes', async () => {
    const { root, store } = await newStore();
    const { key } = await store.storeBytes(bytesOf('hello'));
    await writeFile(join(root, key), 'changed');
    await store.storeStaged(await store.stage(bytesOf('hello')));
    expect(new TextDecoder().decode(await store.readVerified(HELLO_SHA256))).toBe('hello');
  });

  it('stores bytes such as a web snapshot at their content address', async () => {
    const { store } = await newStore();
    const { key, sha256 } = await store.storeBytes(bytesOf('hello'));
    expect(sha256).toBe(HELLO_SHA256);
    expect(await store.exists(key)).toBe(true);
  });

  it('tells an intact stored file from a changed or a missing one', async () => {
    const { root, store } = await newStore();
    const { key, sha256 } = await store.storeBytes(bytesOf('hello'));
    const intact = await checkStoredFile(store, sha256);
    expect(intact.state).toBe('intact');
    expect(intact.state === 'intact' && new TextDecoder().decode(intact.bytes)).toBe('hello');
    await writeFile(join(root, key), 'changed');
    expect(await checkStoredFile(store, sha256)).toEqual({ state: 'changed' });
    await rm(join(root, key));
    expect(await checkStoredFile(store, sha256)).toEqual({ state: 'missing' });
  });

  it('refuses keys that could escape its directory', async () => {
    const { store } = await newStore();
    await expect(store.read('../../etc/passwd')).rejects.toThrow(/not a file key/);
    await expect(store.discardStaged(contentKey(HELLO_SHA256))).rejects.toThrow(
      /not a staged file/,
    );
  });
});
