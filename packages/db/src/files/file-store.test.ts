import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentKey, createDiskFileStore } from './file-store.ts';

describe('disk file store', () => {
  it('stores files by their SHA-256 and finds tampering on read', async () => {
    const root = await mkdtemp(join(tmpdir(), 'vigil-files-'));
    const store = createDiskFileStore(root);
    const staged = await store.stage(new TextEncoder().encode('hello'));
    const { key, sha256 } = await store.promote(staged);
    expect(sha256).toBe('2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824');
    expect(key).toBe(contentKey(sha256));
    expect(await store.exists(staged)).toBe(false);
    expect(new TextDecoder().decode(await store.readVerified(sha256))).toBe('hello');
    expect(await store.promote(key)).toEqual({ key, sha256 });
    await writeFile(join(root, key), 'changed');
    await expect(store.readVerified(sha256)).rejects.toThrow(/corrupt/);
  });

  it('refuses keys that could escape its directory', async () => {
    const store = createDiskFileStore(await mkdtemp(join(tmpdir(), 'vigil-files-')));
    await expect(store.read('../../etc/passwd')).rejects.toThrow(/not a file key/);
  });
});
