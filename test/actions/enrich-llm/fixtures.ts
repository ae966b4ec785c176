import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeStageOutput } from '../../../shared/io/stage-output.js';
import { parseCountyParcel } from '../../../shared/model/county-parcel-parser.js';
import type { CountyParcel } from '../../../shared/model/county-parcel.js';
import type { MlsListing } from '../../../shared/model/mls-listing.js';
import { normalizeAddress } from '../../../shared/normalize/address-key.js';
import { parcelBody, withChanges } from '../../shared/model/samples.js';
export { recordingRuntime } from '../../support/recording-runtime.js';

const at = '2026-11-27T10:00:00.000Z';

/** Descriptions as Phoenix listings word them; the sandbox and the rules both read them. */
export const DESCRIPTIONS = [
  'Charming 3 bed 2 bath block home with a diving pool and 2-car garage. HOA $85/mo. Updated in 2019.',
  'Investor special! 4 bedrooms, sold as-is, cash only. No HOA. Needs work.',
  'Move-in ready 2 bed condo near the park. No pool. HOA $240/mo includes water.',
  'Single level 5 bed home with RV gate, owned solar and a 3-car garage. Remodeled 2021.',
  'Price reduced! 3 bed townhome in a 55+ community with community pool. HOA $190/mo.',
];

/** A listing at `<100 + n> W Earll Dr`, 85031. */
export function listing(
  n: number,
  description: string | null,
  apn: string | null = null,
): MlsListing {
  return {
    schemaVersion: 1,
    mlsNumber: `67${String(n).padStart(5, '0')}`,
    status: 'Active',
    listPrice: 300_000 + n * 1000,
    bedrooms: null,
    bathrooms: { total: null, full: null, half: null },
    livingAreaSqft: 1200 + n,
    lotSizeSqft: null,
    yearBuilt: 1975,
    propertyType: 'Single Family - Detached',
    address: normalizeAddress(`${100 + n} W Earll Dr, Phoenix, AZ 85031`),
    zip: '85031',
    apn,
    daysOnMarket: 3,
    listedOn: '2026-11-24',
    photoCount: 20,
    description,
    sourceUrl: `https://www.phoenixmlssearch.com/listing/${n}`,
    scrapedAt: at,
    rawHtmlSha256: 'b'.repeat(64),
  };
}

/** A parcel whose situs is the address of `listing(n)`. */
export function parcel(apn: string, n: number): CountyParcel {
  const body = withChanges(parcelBody('parcel-residential-pool'), {
    PropertyAddress: `${100 + n} W EARLL DR PHOENIX 85031`,
    TreasurersTransitionUrl: undefined,
  }) as Record<string, unknown>;
  return parseCountyParcel(apn, body, {
    zip: '85031',
    collectedAt: at,
    sourceUrl: `https://mcassessor.maricopa.gov/parcel/${apn.replace(/-/g, '')}`,
  });
}

/** `count` listings cycling through DESCRIPTIONS. */
export function listings(count: number): MlsListing[] {
  return Array.from({ length: count }, (_, n) =>
    listing(n, DESCRIPTIONS[n % DESCRIPTIONS.length] ?? ''),
  );
}

/** Writes a stage folder of `records` into a new temp folder and returns its path. */
export async function stageFolder(
  recordType: 'county-parcel' | 'mls-listing' | 'enrichment',
  records: unknown[],
  stage: 'collect-county' | 'scrape-mls' | 'enrich-llm' = recordType === 'county-parcel'
    ? 'collect-county'
    : 'scrape-mls',
): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `enrich-input-${recordType}-`));
  await writeStageOutput(
    dir,
    { runId: '900', stage, shard: '85031', recordType, recordSchemaVersion: 1 },
    records,
  );
  return dir;
}

/** Every item of an async iterable (Node 20 has no `Array.fromAsync`). */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}
