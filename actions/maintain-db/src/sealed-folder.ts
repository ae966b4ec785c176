import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigurationError } from '../../../shared/errors.js';
import { describeFile, writeFolderManifest } from '../../../shared/io/manifest.js';
import { SEALED_SUFFIX, openSealedFile, sealFile } from '../../../shared/crypto/sealed-file.js';
import type { FolderManifest } from '../../../shared/model/folder-manifest.js';

/**
 * Encrypts the data files of a backup or export folder (those of a collection) in place:
 * `<file>` becomes `<file>.enc` (see `sealFile`), and the manifest lists the sealed files with
 * their own size and hash. `RESTORE.md`, `indexes.json` and the
 * run-stats stay readable: they hold no documents.
 */
export async function sealFolder(
  dir: string,
  manifest: FolderManifest,
  passphrase: string,
): Promise<FolderManifest> {
  const files = [];
  for (const file of manifest.files) {
    if (file.collection === null) {
      files.push(file);
      continue;
    }
    const sealed = `${file.path}${SEALED_SUFFIX}`;
    await sealFile(join(dir, file.path), join(dir, sealed), passphrase);
    await rm(join(dir, file.path));
    const described = await describeFile(dir, sealed);
    // Sealed bytes have no countable lines: the counts live in RESTORE.md and the run-stats.
    files.push({ ...file, ...described });
  }
  const next = { ...manifest, files };
  await writeFolderManifest(dir, next);
  return next;
}

/**
 * Decrypts every sealed file of a verified folder beside it and returns the manifest as the plain
 * files read. Every file is opened (and authenticated) before the caller writes anything; a
 * sealed folder without a passphrase, or with a wrong one, is a ConfigurationError naming `input`.
 */
export async function openFolder(
  dir: string,
  manifest: FolderManifest,
  passphrase: string,
  input: string,
): Promise<FolderManifest> {
  const sealed = manifest.files.filter((file) => file.path.endsWith(SEALED_SUFFIX));
  if (sealed.length === 0) return manifest;
  if (passphrase === '') {
    throw new ConfigurationError(
      `input '${input}' is required: ${dir} holds encrypted files (${sealed.map((file) => file.path).join(', ')})`,
    );
  }
  const files = [];
  for (const file of manifest.files) {
    if (!file.path.endsWith(SEALED_SUFFIX)) {
      files.push(file);
      continue;
    }
    const plain = file.path.slice(0, -SEALED_SUFFIX.length);
    await openSealedFile(join(dir, file.path), join(dir, plain), passphrase, input);
    files.push({ ...file, path: plain });
  }
  return { ...manifest, files };
}
