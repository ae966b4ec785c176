import { randomBytes, scrypt } from 'node:crypto';

/**
 * Keys from a passphrase: scrypt (N 2^15, r 8, p 1, 32 MiB) over a random 16-byte salt gives a
 * 32-byte AES-256 key. The parameters belong to format version 1 of the sealed formats; raising
 * them means a new version.
 */

/** Bytes of the random salt stored beside everything sealed with a derived key. */
export const SALT_BYTES = 16;

const COST = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/** A fresh random salt. */
export function newSalt(): Buffer {
  return randomBytes(SALT_BYTES);
}

/** Derives the AES-256 key of `passphrase` with `salt` (slow on purpose: about 0.1 s). */
export function deriveKey(passphrase: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), salt, 32, COST, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}
