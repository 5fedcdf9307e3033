import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BACKUP_MAGIC, createBackupEncryptor, decryptBackup } from './backup-cipher.ts';

const PASSPHRASE = 'correct horse battery staple';
const CHUNK = 1024;

async function encrypt(plaintext: Uint8Array, passphrase = PASSPHRASE, pieces = [plaintext]) {
  const encryptor = await createBackupEncryptor(passphrase, { chunkBytes: CHUNK });
  const out = [encryptor.header];
  for (const piece of pieces) out.push(...encryptor.push(piece));
  out.push(...encryptor.finish());
  return Buffer.concat(out);
}

/** Feeds the ciphertext in pieces of an awkward size, as a file stream might. */
async function* inPieces(bytes: Uint8Array, size = 777) {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function decrypt(ciphertext: Uint8Array, passphrase = PASSPHRASE) {
  const out: Buffer[] = [];
  for await (const chunk of decryptBackup(passphrase, inPieces(ciphertext))) out.push(chunk);
  return Buffer.concat(out);
}

const sealedChunk = CHUNK + 16;
const HEADER = 39;

describe('backup encryption', () => {
  it('gives back exactly what was encrypted, whatever its size and however it was pushed', async () => {
    for (const size of [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 5]) {
      const plaintext = randomBytes(size);
      const pieces = [
        plaintext.subarray(0, 100),
        plaintext.subarray(100, 2000),
        plaintext.subarray(2000),
      ];
      const ciphertext = await encrypt(plaintext, PASSPHRASE, pieces);
      expect(ciphertext.subarray(0, 8).toString('latin1')).toBe(BACKUP_MAGIC);
      expect((await decrypt(ciphertext)).equals(plaintext), `${size} bytes`).toBe(true);
    }
  });

  it('keeps no plaintext, and never encrypts the same content the same way twice', async () => {
    const plaintext = Buffer.from('Արման Հակոբյան, Арман Акопян, Arman Hakobyan. '.repeat(100));
    const first = await encrypt(plaintext);
    const second = await encrypt(plaintext);
    for (const word of ['Arman', 'Арман', 'Արման'])
      expect(first.includes(Buffer.from(word)), word).toBe(false);
    // A new salt and nonce each time: the same content and passphrase give other bytes.
    expect(first.subarray(12, HEADER).equals(second.subarray(12, HEADER))).toBe(false);
    expect(first.subarray(HEADER).equals(second.subarray(HEADER))).toBe(false);
  });

  it('refuses a wrong passphrase', async () => {
    const ciphertext = await encrypt(Buffer.from('secret'));
    await expect(decrypt(ciphertext, 'correct horse battery stapler')).rejects.toThrow(
      'The backup cannot be decrypted: the passphrase is wrong, or the file was altered or damaged.',
    );
  });

  it('refuses a file with one byte flipped, wherever it is, before giving out anything after it', async () => {
    const plaintext = randomBytes(4 * CHUNK + 100);
    const ciphertext = await encrypt(plaintext);
    const positions = [
      ...[0, 8, 9, 10, 11, 12, 27, 28, 34, 35, 38], // marker, version, scrypt settings, salt, nonce, chunk size
      HEADER, // the first chunk
      HEADER + sealedChunk - 1, // the first chunk's tag
      HEADER + 2 * sealedChunk + 17, // a chunk in the middle
      ciphertext.length - 1, // the last chunk's tag
    ];
    for (const position of positions) {
      const tampered = Buffer.from(ciphertext);
      tampered[position]! ^= 0x01;
      const given: Buffer[] = [];
      const reading = (async () => {
        for await (const chunk of decryptBackup(PASSPHRASE, inPieces(tampered))) given.push(chunk);
      })();
      await expect(reading, `byte ${position}`).rejects.toThrow(
        /not a Vigil backup|format version|cannot be decrypted|altered, damaged or cut short/,
      );
      // Only chunks before the flipped one were given out, each whole and unchanged.
      const chunkOf = Math.max(0, Math.floor((position - HEADER) / sealedChunk));
      expect(given.length, `byte ${position}`).toBeLessThanOrEqual(chunkOf);
      expect(Buffer.concat(given).equals(plaintext.subarray(0, given.length * CHUNK))).toBe(true);
    }
  });

  it('refuses a file cut short, extended, or with its chunks in another order', async () => {
    const ciphertext = await encrypt(randomBytes(4 * CHUNK + 100));
    const chunks = (bytes: Buffer) => {
      const out = [];
      for (let at = HEADER; at < bytes.length; at += sealedChunk)
        out.push(bytes.subarray(at, at + sealedChunk));
      return out;
    };
    const header = ciphertext.subarray(0, HEADER);
    const [c0, c1, c2, c3, c4] = chunks(ciphertext);
    const variants = {
      'cut at a chunk boundary': Buffer.concat([header, c0!, c1!, c2!, c3!]),
      'cut inside a chunk': ciphertext.subarray(0, ciphertext.length - 50),
      'cut to the header': header,
      'cut inside the header': header.subarray(0, 20),
      'extended by a byte': Buffer.concat([ciphertext, Buffer.from([0])]),
      'extended by a copy of a chunk': Buffer.concat([ciphertext, c1!]),
      'two chunks swapped': Buffer.concat([header, c0!, c2!, c1!, c3!, c4!]),
      'a chunk dropped': Buffer.concat([header, c0!, c2!, c3!, c4!]),
    };
    for (const [change, bytes] of Object.entries(variants))
      await expect(decrypt(bytes), change).rejects.toThrow(
        /not a Vigil backup|altered, damaged or cut short/,
      );
  });

  it('refuses a file that is not a backup', async () => {
    await expect(decrypt(Buffer.from('PK\u0003\u0004 a zip file, not a backup'))).rejects.toThrow(
      'This is not a Vigil backup file (it does not start with the Vigil backup marker).',
    );
    await expect(decrypt(Buffer.alloc(0))).rejects.toThrow(
      'This is not a Vigil backup file (it is too short).',
    );
  });
});
