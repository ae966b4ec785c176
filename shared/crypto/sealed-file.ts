import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ConfigurationError } from '../errors.js';
import { SALT_BYTES, deriveKey, newSalt } from './passphrase-key.js';

/**
 * A sealed file: `PHXENC` + version byte 1 + scrypt salt (16) + GCM nonce (12), then the
 * AES-256-GCM ciphertext, then the 16-byte tag. The header is the additional authenticated data,
 * so a changed header fails like a changed body.
 */
const MAGIC = Buffer.from('PHXENC', 'latin1');
const VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + 1 + SALT_BYTES + NONCE_BYTES;

/** Extension of a sealed file: `<name>.enc`. */
export const SEALED_SUFFIX = '.enc';

/** Encrypts `source` into `target` with a key derived from `passphrase` and a fresh salt. */
export async function sealFile(source: string, target: string, passphrase: string): Promise<void> {
  const salt = newSalt();
  const nonce = randomBytes(NONCE_BYTES);
  const header = Buffer.concat([MAGIC, Buffer.from([VERSION]), salt, nonce]);
  const cipher = createCipheriv('aes-256-gcm', await deriveKey(passphrase, salt), nonce);
  cipher.setAAD(header);
  const out = createWriteStream(target);
  out.write(header);
  await pipeline(createReadStream(source), cipher, out, { end: false });
  await new Promise<void>((resolve, reject) => {
    out.end(cipher.getAuthTag(), () => resolve());
    out.once('error', reject);
  });
}

/** Whether `path` starts like a sealed file. */
export async function isSealedFile(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const start = Buffer.alloc(MAGIC.length);
    await handle.read(start, 0, MAGIC.length, 0);
    return start.equals(MAGIC);
  } finally {
    await handle.close();
  }
}

async function readParts(path: string): Promise<{ header: Buffer; tag: Buffer; size: number }> {
  const { size } = await stat(path);
  const handle = await open(path, 'r');
  try {
    const header = Buffer.alloc(HEADER_BYTES);
    const tag = Buffer.alloc(TAG_BYTES);
    if (size < HEADER_BYTES + TAG_BYTES) return { header, tag, size };
    await handle.read(header, 0, HEADER_BYTES, 0);
    await handle.read(tag, 0, TAG_BYTES, size - TAG_BYTES);
    return { header, tag, size };
  } finally {
    await handle.close();
  }
}

/**
 * Decrypts sealed `source` into `target`, written under a temporary name and renamed only once
 * the tag checked out. A wrong passphrase or a changed file is a ConfigurationError naming
 * `input` (GCM cannot tell the two apart), and `target` is not created.
 */
export async function openSealedFile(
  source: string,
  target: string,
  passphrase: string,
  input: string,
): Promise<void> {
  const { header, tag, size } = await readParts(source);
  if (!header.subarray(0, MAGIC.length).equals(MAGIC) || header[MAGIC.length] !== VERSION) {
    throw new ConfigurationError(`${source}: not a sealed file of version ${VERSION}`);
  }
  const salt = header.subarray(MAGIC.length + 1, MAGIC.length + 1 + SALT_BYTES);
  const nonce = header.subarray(MAGIC.length + 1 + SALT_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', await deriveKey(passphrase, salt), nonce);
  decipher.setAAD(header);
  decipher.setAuthTag(tag);
  const partial = `${target}.partial`;
  const body = { start: HEADER_BYTES, end: size - TAG_BYTES - 1 };
  try {
    // An empty body makes the range end before it starts: read nothing then.
    const stream = body.end < body.start ? Readable.from([]) : createReadStream(source, body);
    await pipeline(stream, decipher, createWriteStream(partial));
  } catch {
    await rm(partial, { force: true });
    throw new ConfigurationError(
      `input '${input}': ${source} does not open with this passphrase (a wrong passphrase, or the file was changed); nothing was restored from it`,
    );
  }
  await rename(partial, target);
}
