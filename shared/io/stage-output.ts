import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ZodType } from 'zod';
import { IntegrityError } from '../errors.js';
import type { ActionName, DataRecordType } from '../model/common.js';
import { MANIFEST_SCHEMA_VERSION, type Manifest, type ManifestFile } from '../model/manifest.js';
import { digestFile } from './file-digest.js';
import { verifyManifest, writeManifest } from './manifest.js';
import { readNdjson, type ReadOptions } from './ndjson-reader.js';
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

/** What travels beside a stage's data: companion records and files already written into the folder. */
export interface StageCompanions {
  /** Records of other types, each written to `<type>.ndjson` (e.g. `run-stats`, `usage`). */
  records?: Partial<Record<DataRecordType, Iterable<unknown> | AsyncIterable<unknown>>>;
  /** Paths, relative to the folder, of files already there to list (e.g. failure snapshots). */
  files?: string[];
}

async function writeRecords(
  path: string,
  records: AsyncIterable<unknown> | Iterable<unknown>,
): Promise<{ records: number; bytes: number; sha256: string }> {
  const writer = await openNdjsonWriter(path);
  try {
    for await (const record of records) await writer.write(record);
  } catch (error) {
    await writer.close().catch(() => undefined);
    throw error;
  }
  return writer.close();
}

/**
 * Writes a stage's output folder in one go: streams `records` (objects, or `JsonLine`s written as
 * they are) into `data.ndjson[.gz]`, writes the companions (`run-stats.ndjson`, `usage.ndjson`,
 * snapshots), then `manifest.json` with each file's hash, size, count and record type. Creates
 * `dir` when needed.
 */
export async function writeStageOutput(
  dir: string,
  info: StageOutputInfo,
  records: AsyncIterable<unknown> | Iterable<unknown>,
  companions: StageCompanions = {},
): Promise<Manifest> {
  await mkdir(dir, { recursive: true });
  const dataFile = info.gzip ? 'data.ndjson.gz' : 'data.ndjson';
  const data = await writeRecords(join(dir, dataFile), records);
  const files: ManifestFile[] = [{ path: dataFile, ...data, recordType: info.recordType }];
  for (const [type, companion] of Object.entries(companions.records ?? {})) {
    if (type === info.recordType || companion === undefined) continue;
    const path = `${type}.ndjson`;
    const written = await writeRecords(join(dir, path), companion);
    files.push({ path, ...written, recordType: type as DataRecordType });
  }
  for (const path of companions.files ?? []) {
    const digest = await digestFile(join(dir, path), { countRecords: false });
    files.push({ path, sha256: digest.sha256, bytes: digest.bytes, records: 0, recordType: null });
  }
  return writeManifest(dir, {
    schemaVersion: MANIFEST_SCHEMA_VERSION,
    runId: info.runId,
    stage: info.stage,
    shard: info.shard,
    recordType: info.recordType,
    recordSchemaVersion: info.recordSchemaVersion,
    recordCount: data.records,
    createdAt: (info.now?.() ?? new Date()).toISOString(),
    files,
  });
}

/**
 * Streams the records of one type from a stage folder whose manifest was verified, e.g. the
 * `run-stats` or `usage` beside the data; validated by `schema` when given. None when absent.
 */
export async function* readStageRecords<T = unknown>(
  dir: string,
  manifest: Manifest,
  recordType: DataRecordType,
  schema?: ZodType<T>,
  options?: ReadOptions,
): AsyncGenerator<T, void, undefined> {
  for (const file of manifest.files) {
    if (file.recordType === recordType) yield* readNdjson(join(dir, file.path), schema, options);
  }
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
  return {
    manifest,
    records: readStageRecords(dir, manifest, manifest.recordType, options.schema),
  };
}
