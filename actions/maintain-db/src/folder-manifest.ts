import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { IntegrityError, errorMessage } from '../../../shared/errors.js';
import { digestFile } from '../../../shared/io/file-digest.js';
import { isNdjsonPath } from '../../../shared/io/manifest.js';
import { describeIssues } from '../../../shared/io/ndjson-reader.js';
import { sha256Schema, countSchema } from '../../../shared/model/common.js';

/** Name of the manifest inside a backup or export folder (the stage manifest is another file). */
export const FOLDER_MANIFEST = 'backup-manifest.json';

/** One file of a backup or export folder. */
export const folderFileSchema = z.object({
  /** File name inside the folder. */
  path: z.string().regex(/^[\w.-]+$/, 'expected a plain file name'),
  /** Collection whose documents the file holds; null for other files. */
  collection: z.string().min(1).nullable(),
  /** Lines (documents or records) of an NDJSON file; 0 for other files. */
  records: countSchema,
  bytes: countSchema,
  sha256: sha256Schema,
});
export type FolderFile = z.output<typeof folderFileSchema>;

/** `backup-manifest.json`: what a backup or export folder holds and each file's hash. */
export const folderManifestSchema = z.object({
  kind: z.enum(['db-backup', 'property-export']),
  formatVersion: z.literal(1),
  /** Database the documents came from. */
  database: z.string().min(1),
  runId: z.string().min(1),
  createdAt: z.iso.datetime(),
  files: z.array(folderFileSchema).min(1),
});
export type FolderManifest = z.output<typeof folderManifestSchema>;

/** The manifest entry of a file already written into `dir`. */
export async function describeFile(
  dir: string,
  path: string,
  collection: string | null,
): Promise<FolderFile> {
  const digest = await digestFile(join(dir, path), { countRecords: isNdjsonPath(path) });
  return {
    path,
    collection,
    records: digest.records ?? 0,
    bytes: digest.bytes,
    sha256: digest.sha256,
  };
}

/** Writes `dir/backup-manifest.json`. */
export async function writeFolderManifest(dir: string, manifest: FolderManifest): Promise<void> {
  const checked = folderManifestSchema.parse(manifest);
  await writeFile(join(dir, FOLDER_MANIFEST), `${JSON.stringify(checked, null, 2)}\n`);
}

/** Checks one file: its bytes and sha256 first (without unpacking), then its record count. */
async function verifyFile(dir: string, file: FolderFile): Promise<void> {
  const path = join(dir, file.path);
  let actual: { bytes: number; sha256: string; records?: number };
  try {
    actual = await digestFile(path);
    if (actual.sha256 === file.sha256 && isNdjsonPath(file.path)) {
      actual = await digestFile(path, { countRecords: true });
    }
  } catch (error) {
    throw new IntegrityError(`${path}: cannot read (${errorMessage(error)})`, { cause: error });
  }
  const differences = (['sha256', 'bytes', 'records'] as const)
    .filter((key) => actual[key] !== undefined && actual[key] !== file[key])
    .map((key) => `${key}: expected ${file[key]}, actual ${actual[key]}`);
  if (differences.length > 0) throw new IntegrityError(`${path}: ${differences.join('; ')}`);
}

/**
 * Reads `dir/backup-manifest.json` and re-hashes every file it lists: a missing, changed or
 * truncated file throws IntegrityError naming it, with expected and actual values.
 */
export async function verifyFolder(dir: string): Promise<FolderManifest> {
  const path = join(dir, FOLDER_MANIFEST);
  let manifest: FolderManifest;
  try {
    const parsed = folderManifestSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
    if (!parsed.success) throw new Error(describeIssues(parsed.error.issues));
    manifest = parsed.data;
  } catch (error) {
    throw new IntegrityError(`${path}: not a readable backup manifest (${errorMessage(error)})`);
  }
  for (const file of manifest.files) await verifyFile(dir, file);
  return manifest;
}
