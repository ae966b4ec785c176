import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ZodType } from 'zod';
import { IntegrityError } from '../errors.js';
import type { ActionName, DataRecordType } from '../model/common.js';
import { MANIFEST_SCHEMA_VERSION, type Manifest } from '../model/manifest.js';
import { isNdjsonPath, verifyManifest, writeManifest } from './manifest.js';
import { readNdjson } from './ndjson-reader.js';
import { openNdjsonWriter } from './ndjson-writer.js';

/** Who wrote a stage folder and what it holds; becomes the manifest's header. */
export interface StageOutputInfo {
  /** The workflow run (or local run) producing the data. */
  runId: string;
  /** The action writing the folder, e.g. `collect-county`. */
  stage: ActionName;
  /** The shard, e.g. a ZIP code, or `all`. */
  shard: string;
  /** Record type of the data, e.g. `county-parcel`. */
  recordType: DataRecordType;
  /** `schemaVersion` of the record type's schema. */
  recordSchemaVersion: number;
  /** Write `data.ndjson.gz` instead of `data.ndjson`. */
  gzip?: boolean;
  /** Clock for `createdAt`; tests pass a fixed one. */
  now?: () => Date;
}

/** A verified stage folder: its manifest and a stream of its records. */
export interface StageInput<T> {
  /** The verified manifest. */
  manifest: Manifest;
  /** The records of the folder's data file, streamed (and validated when a schema was given). */
  records: AsyncGenerator<T, void, undefined>;
}

/**
 * Writes a stage's output folder in one go: streams `records` into `data.ndjson[.gz]`, then writes
 * `manifest.json` with the file's hash, size and count. Creates `dir` when needed.
 */
export async function writeStageOutput(
  dir: string,
  info: StageOutputInfo,
  records: AsyncIterable<unknown> | Iterable<unknown>,
): Promise<Manifest> {
  await mkdir(dir, { recursive: true });
  const dataFile = info.gzip ? 'data.ndjson.gz' : 'data.ndjson';
  const writer = await openNdjsonWriter(join(dir, dataFile));
  try {
    for await (const record of records) await writer.write(record);
  } catch (error) {
    await writer.close().catch(() => undefined);
    throw error;
  }
  const summary = await writer.close();
  return writeManifest(dir, {
    schemaVersion: MANIFEST_SCHEMA_VERSION,
    runId: info.runId,
    stage: info.stage,
    shard: info.shard,
    recordType: info.recordType,
    recordSchemaVersion: info.recordSchemaVersion,
    recordCount: summary.records,
    createdAt: (info.now?.() ?? new Date()).toISOString(),
    files: [{ path: dataFile, ...summary }],
  });
}

/**
 * Verifies a stage folder's manifest, then streams its NDJSON data (validated by `schema` when
 * given). `expectRecordType` guards against reading the wrong artifact: a mismatch is an IntegrityError.
 */
export async function readStageOutput<T = unknown>(
  dir: string,
  options: { schema?: ZodType<T>; expectRecordType?: DataRecordType } = {},
): Promise<StageInput<T>> {
  const manifest = await verifyManifest(dir);
  if (options.expectRecordType && manifest.recordType !== options.expectRecordType) {
    throw new IntegrityError(
      `${join(dir, 'manifest.json')}: recordType expected ${options.expectRecordType}, actual ${manifest.recordType}`,
    );
  }
  const dataFiles = manifest.files.filter((file) => isNdjsonPath(file.path));
  async function* records(): AsyncGenerator<T, void, undefined> {
    for (const file of dataFiles) yield* readNdjson(join(dir, file.path), options.schema);
  }
  return { manifest, records: records() };
}
