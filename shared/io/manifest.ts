import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ZodType } from 'zod';
import { IntegrityError, errorMessage } from '../errors.js';
import { folderManifestSchema, type FolderManifest } from '../model/folder-manifest.js';
import { manifestSchema, type Manifest } from '../model/manifest.js';
import { digestFile, type FileDigest } from './file-digest.js';
import { describeIssues } from './ndjson-reader.js';

/** Name of the manifest inside every stage folder and artifact. */
export const MANIFEST_FILE = 'manifest.json';
/** Name of the manifest inside a backup or export folder (maintain-db's; not a stage's). */
export const FOLDER_MANIFEST = 'backup-manifest.json';

/** What both manifests say about each file they list. */
export interface ListedFile {
  /** Path inside the folder. */
  path: string;
  bytes: number;
  sha256: string;
  /** NDJSON records (lines) of the file; 0 for other files. */
  records: number;
}

/** True for files whose records the manifest counts. */
export function isNdjsonPath(path: string): boolean {
  return /\.ndjson(\.gz)?$/.test(path);
}

async function writeJson(dir: string, file: string, value: unknown): Promise<void> {
  // Atomically: a reader never sees half a manifest.
  const target = join(dir, file);
  await writeFile(`${target}.tmp`, `${JSON.stringify(value, null, 2)}\n`);
  await rename(`${target}.tmp`, target);
}

async function readJson<T>(dir: string, file: string, schema: ZodType<T>): Promise<T> {
  const path = join(dir, file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new IntegrityError(`${path}: cannot read manifest (${errorMessage(error)})`, {
      cause: error,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new IntegrityError(`${path}: invalid JSON (${errorMessage(error)})`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new IntegrityError(`${path}: ${describeIssues(parsed.error.issues)}`);
  return parsed.data;
}

/** Validates `manifest` and writes it as `<dir>/manifest.json` (atomically: temp file, rename). */
export async function writeManifest(dir: string, manifest: Manifest): Promise<Manifest> {
  const checked = manifestSchema.parse(manifest);
  await writeJson(dir, MANIFEST_FILE, checked);
  return checked;
}

/** Validates `manifest` and writes it as `<dir>/backup-manifest.json`. */
export async function writeFolderManifest(dir: string, manifest: FolderManifest): Promise<void> {
  await writeJson(dir, FOLDER_MANIFEST, folderManifestSchema.parse(manifest));
}

/** Reads and validates `<dir>/manifest.json` without checking the files it lists. */
export async function readManifest(dir: string): Promise<Manifest> {
  return readJson(dir, MANIFEST_FILE, manifestSchema);
}

/** The size, hash and record count of a file already written into `dir`, for its manifest. */
export async function describeFile(dir: string, path: string): Promise<ListedFile> {
  const digest = await digestFile(join(dir, path), { countRecords: isNdjsonPath(path) });
  return { path, bytes: digest.bytes, sha256: digest.sha256, records: digest.records ?? 0 };
}

/** The file's digest in one pass; a gzip that cannot be unpacked is hashed as it is instead. */
async function digestListed(
  path: string,
  entry: ListedFile,
): Promise<FileDigest & { unreadable?: Error }> {
  try {
    return await digestFile(path, { countRecords: isNdjsonPath(entry.path) });
  } catch (error) {
    if (!(error instanceof IntegrityError)) throw error;
    // Changed bytes explain a corrupt gzip best: name them; a gzip written broken stays an error.
    const asStored = await digestFile(path);
    if (asStored.sha256 === entry.sha256) throw error;
    return { ...asStored, unreadable: error };
  }
}

/** What differs between a manifest entry and the file on disk, or nothing. */
async function fileDifferences(
  dir: string,
  entry: ListedFile,
  listedIn: string,
): Promise<string[]> {
  const path = join(dir, entry.path);
  let actual;
  try {
    actual = await digestListed(path, entry);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') {
      throw new IntegrityError(`${path}: missing (listed in ${listedIn})`, { cause: error });
    }
    throw error;
  }
  const differences: string[] = [];
  if (actual.bytes !== entry.bytes)
    differences.push(`bytes: expected ${entry.bytes}, actual ${actual.bytes}`);
  if (actual.sha256 !== entry.sha256)
    differences.push(`sha256: expected ${entry.sha256}, actual ${actual.sha256}`);
  const records = actual.records ?? 0;
  if (actual.unreadable) differences.push(`records: unreadable, ${actual.unreadable.message}`);
  else if (records !== entry.records)
    differences.push(`records: expected ${entry.records}, actual ${records}`);
  return differences;
}

/**
 * The one check of files against a manifest: re-hashes every listed file of `dir` (streaming,
 * one pass) and compares its size, sha256 and record count. A missing file or any difference
 * throws IntegrityError naming the file, expected and actual values; `listedIn` names the
 * manifest in the message.
 */
export async function verifyListedFiles(
  dir: string,
  files: readonly ListedFile[],
  listedIn: string,
): Promise<void> {
  for (const entry of files) {
    const differences = await fileDifferences(dir, entry, listedIn);
    if (differences.length) {
      throw new IntegrityError(`${join(dir, entry.path)}: ${differences.join('; ')}`);
    }
  }
}

/**
 * Verifies a stage folder against its manifest (see `verifyListedFiles`; the schema itself
 * checks that `recordCount` is the sum of the files' records). Returns the parsed manifest.
 */
export async function verifyManifest(dir: string): Promise<Manifest> {
  const manifest = await readManifest(dir);
  await verifyListedFiles(dir, manifest.files, MANIFEST_FILE);
  return manifest;
}

/** Verifies a backup or export folder against its `backup-manifest.json`; returns the manifest. */
export async function verifyFolder(dir: string): Promise<FolderManifest> {
  const manifest = await readJson(dir, FOLDER_MANIFEST, folderManifestSchema);
  await verifyListedFiles(dir, manifest.files, FOLDER_MANIFEST);
  return manifest;
}
