import { z } from 'zod';
import {
  actionNameSchema,
  countSchema,
  dataRecordTypeSchema,
  runIdSchema,
  sha256Schema,
  shardSchema,
  timestampSchema,
} from './common.js';

/** Version of the manifest shape; raise it on any change that breaks a reader. */
export const MANIFEST_SCHEMA_VERSION = 1;

/** One data file of an artifact. */
export const manifestFileSchema = z.object({
  path: z
    .string()
    .regex(/^[^/\\][^\\]*$/, 'expected a relative path with forward slashes')
    .refine((path) => !path.split('/').includes('..'), 'expected a path inside the artifact')
    .describe('Path inside the artifact, e.g. data.ndjson.gz'),
  sha256: sha256Schema.describe('SHA-256 of the file bytes as stored (compressed if gzip)'),
  bytes: countSchema.describe('Size of the file in bytes as stored'),
  records: countSchema.describe('Records (NDJSON lines) in the file; 0 for other files'),
  recordType: dataRecordTypeSchema
    .nullable()
    .describe(
      'Record type of every line of the file (run-stats and usage travel beside the data); null for a file that holds no records, e.g. a failure snapshot',
    ),
});
export type ManifestFile = z.output<typeof manifestFileSchema>;

/**
 * `manifest.json` of an artifact: what it holds and the hash of each file. A reader checks it
 * before trusting the data.
 */
export const manifestSchema = z
  .object({
    schemaVersion: z.literal(MANIFEST_SCHEMA_VERSION).describe('Version of the manifest shape'),
    runId: runIdSchema.describe('Workflow run id that wrote the artifact'),
    stage: actionNameSchema.describe('Action (stage) that wrote the artifact'),
    shard: shardSchema.describe('Shard: a ZIP, or all'),
    recordType: dataRecordTypeSchema.describe(
      "Record type of the stage's data: the files whose recordType is this one",
    ),
    recordSchemaVersion: z
      .number()
      .int()
      .min(1)
      .describe('schemaVersion of the records in the data files'),
    recordCount: countSchema.describe('Records of the data record type, in all its files together'),
    createdAt: timestampSchema.describe('When the manifest was written'),
    files: z.array(manifestFileSchema).min(1).describe('Data files of the artifact'),
  })
  .refine(
    (manifest) =>
      manifest.files
        .filter((file) => file.recordType === manifest.recordType)
        .reduce((sum, file) => sum + file.records, 0) === manifest.recordCount,
    {
      message: 'recordCount differs from the sum of records in the files of the data record type',
      path: ['recordCount'],
    },
  )
  .meta({ title: 'Manifest' });

/** One manifest. */
export type Manifest = z.output<typeof manifestSchema>;
