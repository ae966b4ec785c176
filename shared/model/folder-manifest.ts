import { z } from 'zod';
import { countSchema, sha256Schema } from './common.js';

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
