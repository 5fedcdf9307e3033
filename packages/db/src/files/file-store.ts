import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Where source documents, photos and videos live. An upload is first staged under a random
 * key; the `sources.hash-file` job then copies it to its content address (`sha256/ab/abcdef…`),
 * records the hash, and only then discards the staged copy, so that a crash at any point
 * leaves at least one copy that the database can find. An S3-compatible store can implement
 * the same interface.
 */
export interface FileStore {
  /** Stages bytes before hashing; returns the staging key. */
  stage(bytes: Uint8Array): Promise<string>;
  read(key: string): Promise<Uint8Array>;
  /** Reads a content-addressed file and checks its hash. */
  readVerified(sha256: string): Promise<Uint8Array>;
  exists(key: string): Promise<boolean>;
  /**
   * Hashes a staged file and copies it to its content address, unless an intact copy is
   * already there. The staged file stays: discard it with {@link FileStore.discardStaged} once
   * the hash is recorded. Idempotent.
   */
  storeStaged(stagingKey: string): Promise<{ key: string; sha256: string }>;
  /** Stores bytes at their content address (e.g. a web snapshot), unless already there. Idempotent. */
  storeBytes(bytes: Uint8Array): Promise<{ key: string; sha256: string }>;
  /** Deletes a staged file; a file already gone is not an error, so a retry can call it again. */
  discardStaged(stagingKey: string): Promise<void>;
  /**
   * Puts an upload back under its staging key: a restored backup that was taken before the
   * upload's hash job ran still finds its bytes where its record says they are.
   */
  restoreStaged(stagingKey: string, bytes: Uint8Array): Promise<void>;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export const contentKey = (sha256: string) => `sha256/${sha256.slice(0, 2)}/${sha256}`;

/** Whether a key names a staged upload (as opposed to a content-addressed file). */
export const isStagingKey = (key: string) => key.startsWith('staging/');

/** What a check of a content-addressed file found; the bytes only when they are intact. */
export type StoredFileCheck =
  { state: 'intact'; bytes: Uint8Array } | { state: 'changed' } | { state: 'missing' };

/**
 * Reads a content-addressed file and says whether it is intact, changed (its bytes no longer
 * hash to its name) or missing, so that a reader can serve it, or report which damage it found.
 * Any other failure to read (a permission, a disk error) is thrown.
 *
 * @example
 * const found = await checkStoredFile(files, file.sha256);
 * if (found.state !== 'intact') openIntegrityTask(found.state);
 */
export async function checkStoredFile(files: FileStore, sha256: string): Promise<StoredFileCheck> {
  const key = contentKey(sha256);
  let bytes: Uint8Array;
  try {
    bytes = await files.read(key);
  } catch (error) {
    if (await files.exists(key)) throw error;
    return { state: 'missing' };
  }
  return sha256Hex(bytes) === sha256 ? { state: 'intact', bytes } : { state: 'changed' };
}

/** A {@link FileStore} in a directory on disk. */
export function createDiskFileStore(root: string): FileStore {
  const pathOf = (key: string) => {
    if (!/^(staging\/[0-9a-f-]{36}|sha256\/[0-9a-f]{2}\/[0-9a-f]{64})$/.test(key)) {
      throw new Error(`not a file key: ${key}`);
    }
    return join(root, key);
  };

  /**
   * Writes to a temporary name beside the target, flushes it to disk and renames it into place:
   * a reader (or a crash) sees either no file or the whole file, never a part of it.
   */
  const writeAtomically = async (path: string, bytes: Uint8Array) => {
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${randomUUID()}.partial`;
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  };

  const isIntact = async (sha256: string) => {
    try {
      return sha256Hex(await readFile(pathOf(contentKey(sha256)))) === sha256;
    } catch {
      return false;
    }
  };

  const storeBytes = async (bytes: Uint8Array) => {
    const sha256 = sha256Hex(bytes);
    const key = contentKey(sha256);
    // A copy that no longer matches its name is replaced by these bytes, which do.
    if (!(await isIntact(sha256))) await writeAtomically(pathOf(key), bytes);
    return { key, sha256 };
  };

  const store: FileStore = {
    async stage(bytes) {
      const key = `staging/${randomUUID()}`;
      await writeAtomically(pathOf(key), bytes);
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
    async readVerified(sha256) {
      const bytes = await store.read(contentKey(sha256));
      const actual = sha256Hex(bytes);
      if (actual !== sha256)
        throw new Error(`file ${sha256} is corrupt: its content now hashes to ${actual}`);
      return bytes;
    },
    async storeStaged(stagingKey) {
      if (!isStagingKey(stagingKey)) throw new Error(`not a staged file: ${stagingKey}`);
      return storeBytes(await store.read(stagingKey));
    },
    storeBytes,
    async discardStaged(stagingKey) {
      if (!isStagingKey(stagingKey)) throw new Error(`not a staged file: ${stagingKey}`);
      await rm(pathOf(stagingKey), { force: true });
    },
    async restoreStaged(stagingKey, bytes) {
      if (!isStagingKey(stagingKey)) throw new Error(`not a staged file: ${stagingKey}`);
      await writeAtomically(pathOf(stagingKey), bytes);
    },
  };
  return store;
}
