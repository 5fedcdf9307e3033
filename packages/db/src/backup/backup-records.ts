import { AppError } from '@vigil/domain';

/**
 * The content of a Vigil backup, inside its encryption (see `backup-cipher.ts`): a sequence of
 * records, each `kind u8 | length u32 | body`, where the kind is `J` (a JSON record) or `B`
 * (the bytes of the file named by the JSON record just before). The order is: one manifest,
 * the rows of each table (tables in foreign-key order, in batches), the files, one end record.
 */
export const BACKUP_FORMAT_VERSION = 1;

/** One column as the database declares it; values travel as PostgreSQL's text form. */
export interface BackupColumn {
  name: string;
  /** `format_type` of the column, e.g. `timestamp with time zone`. */
  type: string;
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT_VERSION;
  /** When the snapshot was taken (ISO 8601). */
  createdAt: string;
  /** The migrations applied to the database, oldest first: its migration level. */
  migrations: { hash: string; createdAt: number }[];
  tables: { name: string; columns: BackupColumn[]; rows: number }[];
  files: number;
  audit: { entries: number; head: { seq: number; hash: string } | null };
}

/**
 * A stored file: by its SHA-256, or, for an upload still waiting for its hash job, by its
 * staging key (with the SHA-256 of its bytes, to check them).
 */
export interface BackupFileEntry {
  sha256: string;
  size: number;
  stagingKey?: string;
}

export type BackupRecord =
  | { type: 'manifest'; manifest: BackupManifest }
  /** Rows of one table; each value is the column's text form or null, in manifest column order. */
  | { type: 'rows'; table: string; rows: (string | null)[][] }
  | { type: 'file'; file: BackupFileEntry; bytes: Uint8Array }
  | { type: 'end' };

const JSON_KIND = 0x4a; // J
const BYTES_KIND = 0x42; // B
const FRAME_HEADER_BYTES = 5;

function frame(kind: number, body: Uint8Array): Buffer[] {
  const head = Buffer.alloc(FRAME_HEADER_BYTES);
  head.writeUInt8(kind, 0);
  head.writeUInt32BE(body.byteLength, 1);
  return [head, Buffer.from(body.buffer, body.byteOffset, body.byteLength)];
}

/** The bytes of one record (a file record is its JSON description, then its bytes). */
export function encodeBackupRecord(record: BackupRecord): Buffer[] {
  if (record.type === 'file') {
    const { file, bytes } = record;
    return [
      ...frame(JSON_KIND, Buffer.from(JSON.stringify({ type: 'file', file }), 'utf8')),
      ...frame(BYTES_KIND, bytes),
    ];
  }
  return frame(JSON_KIND, Buffer.from(JSON.stringify(record), 'utf8'));
}

/** A queue of byte chunks that hands out exact lengths, copying each byte once. */
class ByteQueue {
  private chunks: Buffer[] = [];
  length = 0;
  push(chunk: Buffer) {
    this.chunks.push(chunk);
    this.length += chunk.length;
  }
  take(n: number): Buffer {
    const first = this.chunks[0];
    if (first && first.length >= n) {
      this.chunks[0] = first.subarray(n);
      if (this.chunks[0].length === 0) this.chunks.shift();
      this.length -= n;
      return first.subarray(0, n);
    }
    const out = Buffer.alloc(n);
    let filled = 0;
    while (filled < n) {
      const chunk = this.chunks[0]!;
      const used = Math.min(chunk.length, n - filled);
      chunk.copy(out, filled, 0, used);
      filled += used;
      if (used === chunk.length) this.chunks.shift();
      else this.chunks[0] = chunk.subarray(used);
    }
    this.length -= n;
    return out;
  }
}

const malformed = (why: string) =>
  new AppError('BAD_INPUT', `The backup's content is malformed (${why}).`);

/**
 * Reads records from a backup's decrypted content. Checks the framing only; what the records
 * say is checked by the restore (see `backup.queries.ts`).
 */
export async function* decodeBackupRecords(
  content: AsyncIterable<Uint8Array>,
): AsyncGenerator<BackupRecord> {
  const queue = new ByteQueue();
  let frameHead: { kind: number; length: number } | null = null;
  let fileEntry: BackupFileEntry | null = null;
  for await (const chunk of content) {
    queue.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    for (;;) {
      if (!frameHead) {
        if (queue.length < FRAME_HEADER_BYTES) break;
        const head = queue.take(FRAME_HEADER_BYTES);
        frameHead = { kind: head.readUInt8(0), length: head.readUInt32BE(1) };
      }
      if (queue.length < frameHead.length) break;
      const body = queue.take(frameHead.length);
      const { kind } = frameHead;
      frameHead = null;
      if (kind === BYTES_KIND) {
        if (!fileEntry) throw malformed('file bytes without their description');
        yield { type: 'file', file: fileEntry, bytes: body };
        fileEntry = null;
        continue;
      }
      if (kind !== JSON_KIND) throw malformed(`unknown record kind ${kind}`);
      if (fileEntry) throw malformed('a file description without its bytes');
      let record: BackupRecord;
      try {
        record = JSON.parse(body.toString('utf8')) as BackupRecord;
      } catch {
        throw malformed('a record is not valid JSON');
      }
      if (record.type === 'file') fileEntry = record.file;
      else yield record;
    }
  }
  if (frameHead || queue.length > 0 || fileEntry)
    throw malformed('it ends in the middle of a record');
}
