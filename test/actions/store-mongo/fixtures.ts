import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Db } from 'mongodb';
import { pipelineCollections } from '../../../shared/db/collections.js';
import { writeStageOutput } from '../../../shared/io/stage-output.js';
import type { CountyParcel } from '../../../shared/model/county-parcel.js';
import type { Enrichment } from '../../../shared/model/enrichment.js';
import type { MlsListing } from '../../../shared/model/mls-listing.js';
import { normalizeAddress } from '../../../shared/normalize/address-key.js';
import { samples } from '../../shared/model/samples.js';
export { recordingRuntime } from '../../support/recording-runtime.js';

/** Canonical APN of test parcel `i` (0-999). */
export const apnOf = (i: number): string => `102-29-${String(i).padStart(3, '0')}`;

const street = (i: number, zip: string): string => `${4800 + i} W Earll Dr, Phoenix, AZ ${zip}`;

/** A valid county-parcel record for parcel `i`, collected at `at`. */
export function parcel(
  i: number,
  options: { zip?: string; at?: string } & Partial<CountyParcel> = {},
): CountyParcel {
  const { zip = '85031', at = '2026-11-20T10:00:00.000Z', ...changes } = options;
  return {
    ...structuredClone(samples['county-parcel']),
    apn: apnOf(i),
    zip,
    situs: normalizeAddress(street(i, zip).replace(', AZ', ''), { zip }),
    livingAreaSqft: 1364,
    lotSizeSqft: 6011,
    collectedAt: at,
    ...changes,
  };
}

/** A valid listing of the house of parcel `i` (joined by address: the page shows no APN). */
export function listing(
  i: number,
  options: { zip?: string; at?: string } & Partial<MlsListing> = {},
): MlsListing {
  const { zip = '85031', at = '2026-11-20T11:00:00.000Z', ...changes } = options;
  return {
    ...structuredClone(samples['mls-listing']),
    mlsNumber: `67${String(i).padStart(5, '0')}`,
    address: normalizeAddress(street(i, zip)),
    zip,
    livingAreaSqft: 1364,
    lotSizeSqft: 6011,
    scrapedAt: at,
    ...changes,
  };
}

/** A valid enrichment record for property `key`. */
export function enrichment(key: string, at = '2026-11-20T12:00:00.000Z'): Enrichment {
  return { ...structuredClone(samples.enrichment), key, extractedAt: at };
}

const STAGES = {
  'county-parcel': 'collect-county',
  'mls-listing': 'scrape-mls',
  enrichment: 'enrich-llm',
} as const;

/** Writes a stage folder of `records` under `root` and returns its path. */
export async function stageFolder(
  root: string,
  name: string,
  recordType: keyof typeof STAGES,
  records: readonly unknown[],
  options: {
    runId?: string;
    shard?: string;
    companions?: Parameters<typeof writeStageOutput>[3];
  } = {},
): Promise<string> {
  const dir = path.join(root, name);
  const info = {
    runId: options.runId ?? '500',
    stage: STAGES[recordType],
    shard: options.shard ?? '85031',
    recordType,
    recordSchemaVersion: 1,
  };
  await writeStageOutput(dir, info, records, options.companions);
  return dir;
}

/** A temporary folder removed by the returned function. */
export async function tempRoot(): Promise<{ root: string; remove: () => Promise<void> }> {
  const root = await mkdtemp(path.join(tmpdir(), 'store-mongo-'));
  return { root, remove: () => rm(root, { recursive: true, force: true }) };
}

/**
 * The merged properties (county and listing) and those with a conflict, counted on the documents
 * themselves: what store-state's counts must equal.
 */
export async function mergedOnDocuments(db: Db): Promise<{ merged: number; withConflict: number }> {
  const { properties } = pipelineCollections(db);
  const merged = { county: { $ne: null }, listing: { $ne: null } };
  return {
    merged: await properties.countDocuments(merged),
    withConflict: await properties.countDocuments({ ...merged, 'conflicts.0': { $exists: true } }),
  };
}
