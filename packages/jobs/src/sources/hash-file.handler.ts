import { sourceFiles } from '@vigil/db';
import { eq } from 'drizzle-orm';
import type { Handler } from '../handler.ts';
import { storeSourceFile } from './stored-source.ts';

/**
 * `sources.hash-file`: hashes an uploaded file, stores it at its content address, records the
 * SHA-256 and marks its source archived. A retry after a crash at any point has the effect of
 * one run (see `storeSourceFile`).
 */
export const hashSourceFile: Handler<'sources.hash-file'> = async (deps, { fileId }, attempt) => {
  const [file] = await deps.db.select().from(sourceFiles).where(eq(sourceFiles.id, fileId));
  if (!file) return { skipped: 'the file no longer exists' };
  return storeSourceFile(deps, file, attempt);
};
