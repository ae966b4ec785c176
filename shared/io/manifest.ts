import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { IntegrityError, errorMessage } from '../errors.js';
import { manifestSchema, type Manifest, type ManifestFile } from '../model/manifest.js';
import { digestFile } from './file-digest.js';
import { describeIssues } from './ndjson-reader.js';

/** Name of the manifest inside every stage folder and artifact. */
export const MANIFEST_FILE = 'manifest.json';

/** True for files whose records the manifest counts. */
export function isNdjsonPath(path: string): boolean {
  return /\.ndjson(\.gz)?$/.test(path);
}

/** Validates `manifest` and writes it as `<dir>/manifest.json` (atomically: temp file, rename). */
export async function writeManifest(dir: string, manifest: Manifest): Promise<Manifest> {
  const checked = manifestSchema.parse(manifest);
  const target = join(dir, MANIFEST_FILE);
  await writeFile(`${target}.tmp`, `${JSON.stringify(checked, null, 2)}\n`);
  await rename(`${target}.tmp`, target);
  return checked;
}

/** Reads and validates `<dir>/manifest.json` without checking the files it lists. */
export async function readManifest(dir: string): Promise<Manifest> {
  const path = join(dir, MANIFEST_FILE);
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
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) throw new IntegrityError(`${path}: ${describeIssues(parsed.error.issues)}`);
  return parsed.data;
}

/** What differs between a manifest entry and the file on disk, or nothing. */
async function fileDifferences(dir: string, entry: ManifestFile): Promise<string[]> {
  const path = join(dir, entry.path);
  let actual;
  try {
    actual = await digestFile(path, { countRecords: isNdjsonPath(entry.path) });
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') {
      throw new IntegrityError(`${path}: missing (listed in ${MANIFEST_FILE})`, { cause: error });
    }
    throw error;
  }
  const differences: string[] = [];
  if (actual.bytes !== entry.bytes)
    differences.push(`bytes: expected ${entry.bytes}, actual ${actual.bytes}`);
  if (actual.sha256 !== entry.sha256)
    differences.push(`sha256: expected ${entry.sha256}, actual ${actual.sha256}`);
  const records = actual.records ?? 0;
  if (records !== entry.records)
    differences.push(`records: expected ${entry.records}, actual ${records}`);
  return differences;
}

/**
 * Verifies a stage folder against its manifest: re-hashes every listed file (streaming) and checks
 * its sha256, size and record count. Any difference or missing file throws IntegrityError naming
 * the file, expected and actual values. (The schema itself checks that `recordCount` is the sum of
 * the files' records.) Returns the parsed manifest.
 */
export async function verifyManifest(dir: string): Promise<Manifest> {
  const manifest = await readManifest(dir);
  for (const entry of manifest.files) {
    const differences = await fileDifferences(dir, entry);
    if (differences.length) {
      throw new IntegrityError(`${join(dir, entry.path)}: ${differences.join('; ')}`);
    }
  }
  return manifest;
}
