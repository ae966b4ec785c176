import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ConfigurationError } from '../errors.js';
import { deriveKey, newSalt } from './passphrase-key.js';

/**
 * Sealed text: `phxseal1.<salt>.<nonce>.<ciphertext+tag>` (base64url), AES-256-GCM with a key
 * scrypt derives from a passphrase. One salt (and key) serves a whole run: deriving a key per
 * record would cost 0.1 s each; every value still gets its own random nonce.
 */
const PREFIX = 'phxseal1';
const TAG_BYTES = 16;

/** Seals values with one key per run. */
export interface TextSealer {
  /** `text` encrypted and authenticated. */
  seal(text: string): string;
}

/** Opens sealed values, whatever run (salt) sealed them. */
export interface TextOpener {
  /** The text inside `sealed`; a ConfigurationError naming the input when it does not open. */
  open(sealed: string): Promise<string>;
}

/** A sealer for `passphrase` with a fresh salt. */
export async function textSealer(passphrase: string): Promise<TextSealer> {
  const salt = newSalt();
  const key = await deriveKey(passphrase, salt);
  return {
    seal(text) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      const body = Buffer.concat([
        cipher.update(text, 'utf8'),
        cipher.final(),
        cipher.getAuthTag(),
      ]);
      return [PREFIX, ...[salt, nonce, body].map((part) => part.toString('base64url'))].join('.');
    },
  };
}

/** An opener for `passphrase`; `input` is the input that gave it, named when a value does not open. */
export function textOpener(passphrase: string, input: string): TextOpener {
  const keys = new Map<string, Promise<Buffer>>();
  const refuse = () =>
    new ConfigurationError(
      `input '${input}': sealed personal data does not open with this passphrase (a wrong passphrase, or the artifact was changed)`,
    );
  return {
    async open(sealed) {
      const [prefix, salt, nonce, body] = sealed.split('.');
      if (prefix !== PREFIX || !salt || !nonce || !body) {
        throw refuse();
      }
      if (!keys.has(salt)) keys.set(salt, deriveKey(passphrase, Buffer.from(salt, 'base64url')));
      const key = await keys.get(salt)!;
      const bytes = Buffer.from(body, 'base64url');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
        decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
        const text = decipher.update(bytes.subarray(0, bytes.length - TAG_BYTES));
        return Buffer.concat([text, decipher.final()]).toString('utf8');
      } catch {
        throw refuse();
      }
    },
  };
}
