import type { Db } from '../client.ts';
import type { FileStore } from '../files/file-store.ts';
import { createBackupEncryptor, decryptBackup } from './backup-cipher.ts';
import { decodeBackupRecords, encodeBackupRecord, type BackupRecord } from './backup-records.ts';
import { dumpInstance, type BackupSummary } from './backup.queries.ts';

/**
 * Writes an encrypted backup of the instance: its bytes go to `out` in order, in chunks of
 * about 64 KiB, so that memory holds one table batch or one file at a time, never the backup.
 *
 * @example
 * const handle = await open(path, 'wx', 0o600);
 * await writeBackup({ db, files, passphrase, out: (bytes) => handle.write(bytes) });
 */
export async function writeBackup({
  db,
  files,
  passphrase,
  out,
  ip = null,
}: {
  db: Db;
  files: FileStore;
  passphrase: string;
  out: (bytes: Uint8Array) => Promise<unknown>;
  ip?: string | null;
}): Promise<BackupSummary> {
  const encryptor = await createBackupEncryptor(passphrase);
  await out(encryptor.header);
  const summary = await dumpInstance(
    db,
    files,
    async (record) => {
      for (const part of encodeBackupRecord(record))
        for (const sealed of encryptor.push(part)) await out(sealed);
    },
    { ip },
  );
  for (const sealed of encryptor.finish()) await out(sealed);
  return summary;
}

/**
 * The records of an encrypted backup, decrypted and checked chunk by chunk as they are read.
 *
 * @example
 * await checkBackup(db, readBackup(passphrase, createReadStream(path)));
 */
export function readBackup(
  passphrase: string,
  ciphertext: AsyncIterable<Uint8Array>,
): AsyncGenerator<BackupRecord> {
  return decodeBackupRecords(decryptBackup(passphrase, ciphertext));
}
