import {
  createCipheriv,
  createDecipheriv,
  randomBytes,
  scrypt,
  type ScryptOptions,
} from 'node:crypto';
import { AppError } from '@vigil/domain';

/**
 * The encrypted envelope of a Vigil backup, with node:crypto only.
 *
 * A key of 256 bits is derived from the passphrase with scrypt and a random salt; the content
 * is cut into chunks, each sealed with AES-256-GCM under its own nonce (a random prefix, the
 * chunk's number and a flag on the last chunk), so that a backup of any size is written and
 * read in constant memory, and a chunk that was changed, moved, dropped, or a file cut short or
 * extended, fails its check. The header is authenticated as additional data of every chunk.
 *
 * ```
 * header  "VIGILBAK" | version u8 | log2(N) u8 | r u8 | p u8 | salt 16 | nonce prefix 7 | chunk size u32
 * chunks  AES-256-GCM(chunk) | tag 16        every chunk but the last holds exactly `chunk size` bytes
 * nonce   prefix 7 | chunk number u32 | 1 on the last chunk, else 0
 * ```
 */
export const BACKUP_MAGIC = 'VIGILBAK';
export const BACKUP_CIPHER_VERSION = 1;
/** scrypt cost of new backups: N = 2^17, r = 8, p = 1 (128 MiB, about a third of a second). */
export const BACKUP_SCRYPT_LOG2_N = 17;
const SCRYPT_R = 8;
const SCRYPT_P = 1;
/** Costs a backup may declare: below is too weak to accept, above would exhaust memory. */
const LOG2_N_RANGE = [15, 20] as const;
const SALT_BYTES = 16;
const NONCE_PREFIX_BYTES = 7;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
export const BACKUP_CHUNK_BYTES = 64 * 1024;
const HEADER_BYTES = BACKUP_MAGIC.length + 4 + SALT_BYTES + NONCE_PREFIX_BYTES + 4;

interface CipherHeader {
  bytes: Buffer;
  log2N: number;
  r: number;
  p: number;
  salt: Buffer;
  noncePrefix: Buffer;
  chunkBytes: number;
}

const cannotDecrypt = () =>
  new AppError(
    'BAD_INPUT',
    'The backup cannot be decrypted: the passphrase is wrong, or the file was altered or damaged.',
  );

const altered = (chunk: number) =>
  new AppError(
    'BAD_INPUT',
    `The backup file was altered, damaged or cut short (part ${chunk + 1} fails its integrity check); it cannot be trusted.`,
  );

const notABackup = (why: string) =>
  new AppError('BAD_INPUT', `This is not a Vigil backup file (${why}).`);

async function deriveKey(passphrase: string, header: CipherHeader): Promise<Buffer> {
  if (!passphrase) throw new AppError('BAD_INPUT', 'The backup passphrase is empty.');
  const N = 2 ** header.log2N;
  const options: ScryptOptions = {
    N,
    r: header.r,
    p: header.p,
    maxmem: 128 * N * header.r * header.p + 16 * 1024 * 1024,
  };
  // NFC, so that the same passphrase typed on another system (é as one or two code points) opens it.
  const secret = Buffer.from(passphrase.normalize('NFC'), 'utf8');
  return new Promise((resolve, reject) =>
    scrypt(secret, header.salt, KEY_BYTES, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

function nonceOf(header: CipherHeader, chunk: number, last: boolean): Buffer {
  if (chunk > 0xffffffff) throw new Error('a backup cannot hold more than 2^32 chunks');
  const nonce = Buffer.alloc(12);
  header.noncePrefix.copy(nonce, 0);
  nonce.writeUInt32BE(chunk, NONCE_PREFIX_BYTES);
  nonce[11] = last ? 1 : 0;
  return nonce;
}

function encodeHeader(log2N: number, chunkBytes: number): CipherHeader {
  const salt = randomBytes(SALT_BYTES);
  const noncePrefix = randomBytes(NONCE_PREFIX_BYTES);
  const bytes = Buffer.alloc(HEADER_BYTES);
  let at = bytes.write(BACKUP_MAGIC, 0, 'ascii');
  at = bytes.writeUInt8(BACKUP_CIPHER_VERSION, at);
  at = bytes.writeUInt8(log2N, at);
  at = bytes.writeUInt8(SCRYPT_R, at);
  at = bytes.writeUInt8(SCRYPT_P, at);
  at += salt.copy(bytes, at);
  at += noncePrefix.copy(bytes, at);
  bytes.writeUInt32BE(chunkBytes, at);
  return { bytes, log2N, r: SCRYPT_R, p: SCRYPT_P, salt, noncePrefix, chunkBytes };
}

function decodeHeader(bytes: Buffer): CipherHeader {
  if (bytes.subarray(0, BACKUP_MAGIC.length).toString('latin1') !== BACKUP_MAGIC)
    throw notABackup('it does not start with the Vigil backup marker');
  let at = BACKUP_MAGIC.length;
  const version = bytes.readUInt8(at++);
  if (version !== BACKUP_CIPHER_VERSION)
    throw new AppError(
      'BAD_INPUT',
      `This backup has format version ${version}; this Vigil reads version ${BACKUP_CIPHER_VERSION}. Restore it with the Vigil version that made it.`,
    );
  const log2N = bytes.readUInt8(at++);
  const r = bytes.readUInt8(at++);
  const p = bytes.readUInt8(at++);
  const salt = Buffer.from(bytes.subarray(at, (at += SALT_BYTES)));
  const noncePrefix = Buffer.from(bytes.subarray(at, (at += NONCE_PREFIX_BYTES)));
  const chunkBytes = bytes.readUInt32BE(at);
  if (log2N < LOG2_N_RANGE[0] || log2N > LOG2_N_RANGE[1] || r < 1 || r > 32 || p < 1 || p > 4)
    throw notABackup('its key derivation settings are out of range');
  if (chunkBytes < 1024 || chunkBytes > 16 * 1024 * 1024)
    throw notABackup('its chunk size is out of range');
  return { bytes: Buffer.from(bytes), log2N, r, p, salt, noncePrefix, chunkBytes };
}

/** Encrypts a backup as it is written: `push` content, then `finish` once; write what they return, in order. */
export interface BackupEncryptor {
  /** The header, to write first. */
  header: Buffer;
  push(plaintext: Uint8Array): Buffer[];
  finish(): Buffer[];
}

/**
 * Derives a key from the passphrase (scrypt, random salt) and returns an encryptor.
 *
 * @example
 * const encryptor = await createBackupEncryptor(passphrase);
 * await out.write(encryptor.header);
 * for (const sealed of encryptor.push(bytes)) await out.write(sealed);
 * for (const sealed of encryptor.finish()) await out.write(sealed);
 */
export async function createBackupEncryptor(
  passphrase: string,
  options: { chunkBytes?: number } = {},
): Promise<BackupEncryptor> {
  const header = encodeHeader(BACKUP_SCRYPT_LOG2_N, options.chunkBytes ?? BACKUP_CHUNK_BYTES);
  const key = await deriveKey(passphrase, header);
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let chunk = 0;
  let finished = false;
  const seal = (plaintext: Buffer, last: boolean) => {
    const cipher = createCipheriv('aes-256-gcm', key, nonceOf(header, chunk++, last));
    cipher.setAAD(header.bytes);
    return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  };
  return {
    header: header.bytes,
    push(plaintext) {
      if (finished) throw new Error('the backup is already finished');
      pending.push(Buffer.from(plaintext));
      pendingBytes += plaintext.byteLength;
      // A full chunk is sealed only once more bytes follow it, because the last chunk is marked.
      if (pendingBytes <= header.chunkBytes) return [];
      const all = Buffer.concat(pending);
      const sealed: Buffer[] = [];
      let at = 0;
      for (; all.length - at > header.chunkBytes; at += header.chunkBytes)
        sealed.push(seal(all.subarray(at, at + header.chunkBytes), false));
      pending = [all.subarray(at)];
      pendingBytes = all.length - at;
      return sealed;
    },
    finish() {
      if (finished) throw new Error('the backup is already finished');
      finished = true;
      return [seal(Buffer.concat(pending), true)];
    },
  };
}

/**
 * Decrypts a backup as it is read, yielding its content chunk by chunk; each chunk is yielded
 * only after its tag checked out. Throws an {@link AppError} (BAD_INPUT) that says what is
 * wrong: not a backup, a wrong passphrase, or a file altered, damaged or cut short.
 */
export async function* decryptBackup(
  passphrase: string,
  ciphertext: AsyncIterable<Uint8Array>,
): AsyncGenerator<Buffer> {
  let header: CipherHeader | null = null;
  let key: Buffer | null = null;
  let buffered = Buffer.alloc(0);
  let chunk = 0;
  const open = (sealed: Buffer, last: boolean) => {
    const decipher = createDecipheriv('aes-256-gcm', key!, nonceOf(header!, chunk, last));
    decipher.setAAD(header!.bytes);
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    try {
      return Buffer.concat([
        decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)),
        decipher.final(),
      ]);
    } catch {
      // The first chunk is where a wrong key shows; a later one fails only if the file changed.
      throw chunk === 0 ? cannotDecrypt() : altered(chunk);
    } finally {
      chunk++;
    }
  };
  for await (const piece of ciphertext) {
    buffered = buffered.length ? Buffer.concat([buffered, piece]) : Buffer.from(piece);
    if (!header) {
      if (
        buffered.length >= BACKUP_MAGIC.length &&
        buffered.subarray(0, BACKUP_MAGIC.length).toString('latin1') !== BACKUP_MAGIC
      )
        throw notABackup('it does not start with the Vigil backup marker');
      if (buffered.length < HEADER_BYTES) continue;
      header = decodeHeader(buffered.subarray(0, HEADER_BYTES));
      key = await deriveKey(passphrase, header);
      buffered = buffered.subarray(HEADER_BYTES);
    }
    const sealedBytes = header.chunkBytes + TAG_BYTES;
    while (buffered.length > sealedBytes) {
      yield open(buffered.subarray(0, sealedBytes), false);
      buffered = buffered.subarray(sealedBytes);
    }
  }
  if (!header) throw notABackup('it is too short');
  if (buffered.length < TAG_BYTES) throw altered(chunk);
  yield open(buffered, true);
}
