import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeBackupRecords, encodeBackupRecord, type BackupRecord } from './backup-records.ts';

async function* inPieces(bytes: Buffer, size: number) {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function decodeAll(bytes: Buffer, size: number) {
  const records: BackupRecord[] = [];
  for await (const record of decodeBackupRecords(inPieces(bytes, size))) records.push(record);
  return records;
}

describe('backup records', () => {
  const records: BackupRecord[] = [
    {
      type: 'rows',
      table: 'persons',
      rows: [
        ['a', null, 'Արման, "quoted"\n'],
        ['b', '{}', ''],
      ],
    },
    { type: 'file', file: { sha256: 'a'.repeat(64), size: 5000 }, bytes: randomBytes(5000) },
    { type: 'file', file: { sha256: 'b'.repeat(64), size: 0 }, bytes: new Uint8Array(0) },
    { type: 'end' },
  ];

  it('reads back every record, whatever pieces the bytes arrive in', async () => {
    const bytes = Buffer.concat(records.flatMap(encodeBackupRecord));
    for (const size of [1, 3, 64, 4096, bytes.length]) {
      const decoded = await decodeAll(bytes, size);
      expect(decoded.length, `pieces of ${size}`).toBe(records.length);
      decoded.forEach((record, i) => {
        const expected = records[i]!;
        if (record.type === 'file' && expected.type === 'file') {
          expect(record.file).toEqual(expected.file);
          expect(Buffer.from(record.bytes).equals(Buffer.from(expected.bytes))).toBe(true);
        } else expect(record).toEqual(expected);
      });
    }
  });

  it('refuses content that ends in the middle of a record', async () => {
    const bytes = Buffer.concat(records.flatMap(encodeBackupRecord));
    await expect(decodeAll(bytes.subarray(0, bytes.length - 3), 100)).rejects.toThrow(
      'ends in the middle of a record',
    );
    // A file's description without its bytes.
    const description = Buffer.concat(encodeBackupRecord(records[1]!).slice(0, 2));
    await expect(decodeAll(description, 100)).rejects.toThrow('ends in the middle of a record');
  });
});
