import { createRequire as __pipelineCreateRequire } from 'node:module';
const require = __pipelineCreateRequire(import.meta.url);

// shared/crypto/passphrase-key.ts
import { randomBytes, scrypt } from "node:crypto";
var SALT_BYTES = 16;
var COST = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
function newSalt() {
  return randomBytes(SALT_BYTES);
}
function deriveKey(passphrase, salt) {
  return new Promise((resolve, reject) => {
    scrypt(
      passphrase.normalize("NFC"),
      salt,
      32,
      COST,
      (error, key) => error ? reject(error) : resolve(key)
    );
  });
}

export {
  SALT_BYTES,
  newSalt,
  deriveKey
};
