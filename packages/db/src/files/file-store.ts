import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Where source documents, photos and videos live. Files are first staged under a random key;
 * the `sources.hash-file` job then hashes them and moves them to their content address
 * (`sha256/ab/abcdef…`). An S3-compatible store can implement the same interface.
 */
export interface FileStore {
  /** Stages bytes before hashing; returns the staging key. */
  stage(bytes: Uint8Array): Promise<string>;
  read(key: string): Promise<Uint8Array>;
  /** Hashes a staged file and moves it to its content address; idempotent. */
  promote(stagingKey: string): Promise<{ key: string; sha256: string }>;
  /** Reads a content-addressed file and checks its hash. */
  readVerified(sha256: string): Promise<Uint8Array>;
  exists(key: string): Promise<boolean>;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export const contentKey = (sha256: string) => `sha256/${sha256.slice(0, 2)}/${sha256}`;

/** A {@link FileStore} in a directory on disk. */
export function createDiskFileStore(root: string): FileStore {
  const pathOf = (key: string) => {
    if (!/^(staging\/[0-9a-f-]{36}|sha256\/[0-9a-f]{2}\/[0-9a-f]{64})$/.test(key)) {
      throw new Error(`not a file key: ${key}`);
    }
    return join(root, key);
  };
  const store: FileStore = {
    async stage(bytes) {
      const key = `staging/${randomUUID()}`;
      await mkdir(dirname(pathOf(key)), { recursive: true });
      await writeFile(pathOf(key), bytes);
      return key;
    },
    async read(key) {
      return new Uint8Array(await readFile(pathOf(key)));
    },
    async exists(key) {
      return stat(pathOf(key)).then(
        () => true,
        () => false,
      );
    },
    async promote(stagingKey) {
      if (stagingKey.startsWith('sha256/')) {
        const sha256 = stagingKey.slice(-64);
        await store.readVerified(sha256);
        return { key: stagingKey, sha256 };
      }
      const bytes = await store.read(stagingKey);
      const sha256 = sha256Hex(bytes);
      const key = contentKey(sha256);
      await mkdir(dirname(pathOf(key)), { recursive: true });
      if (await store.exists(key)) await rm(pathOf(stagingKey));
      else await rename(pathOf(stagingKey), pathOf(key));
      return { key, sha256 };
    },
    async readVerified(sha256) {
      const bytes = await store.read(contentKey(sha256));
      const actual = sha256Hex(bytes);
      if (actual !== sha256)
        throw new Error(`file ${sha256} is corrupt: its content now hashes to ${actual}`);
      return bytes;
    },
  };
  return store;
}
