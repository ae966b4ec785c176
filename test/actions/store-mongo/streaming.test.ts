import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runAction } from '../../../shared/action.js';
import { COLLECTIONS, pipelineCollections } from '../../../shared/db/collections.js';
import { action } from '../../../actions/store-mongo/src/main.js';
import { GROUP_SIZE } from '../../../actions/store-mongo/src/store.js';
import { useTestDatabase } from '../../support/database.js';
import {
  apnOf,
  enrichment,
  listing,
  parcel,
  recordingRuntime,
  stageFolder,
  tempRoot,
} from './fixtures.js';

const database = useTestDatabase();
let root: string;
let remove: () => Promise<void>;

beforeAll(async () => {
  ({ root, remove } = await tempRoot());
  delete process.env.ACTIONS_RUNTIME_TOKEN;
});
afterAll(() => remove());
beforeEach(async () => {
  for (const name of Object.values(COLLECTIONS)) await database.db.collection(name).deleteMany({});
});

async function store(folders: string[], inputs: Record<string, string> = {}) {
  process.env.GITHUB_RUN_ID = '950';
  const run = recordingRuntime({
    'mongodb-uri': database.uri,
    database: database.db.databaseName,
    'input-artifacts': folders.join('\n'),
    ...inputs,
  });
  await runAction(action, run.runtime);
  return run;
}

/** More parcels than one group holds, so that the records of a property cross group boundaries. */
const COUNT = GROUP_SIZE + 150;
/** APN of parcel `i`, past the 1,000 the fixtures number. */
const apn = (i: number) => (i < 1000 ? apnOf(i) : `102-30-${String(i - 1000).padStart(3, '0')}`);
const later = '2026-11-21T10:00:00.000Z';

describe('store-mongo streaming in groups', () => {
  it('merges a property whose parcel, listing and enrichment arrive in different artifacts and groups', async () => {
    // Parcels in two shards, the county artifacts named first; parcel 7 is in both, the newer
    // observation (with another living area) in the first shard.
    const parcels = [...Array(COUNT).keys()].map((i) => parcel(i, { apn: apn(i) }));
    const newer = parcel(7, { apn: apn(7), at: later, livingAreaSqft: 1500 });
    const west = await stageFolder(
      root,
      'west',
      'county-parcel',
      parcels.slice(0, 600).map((record, i) => (i === 7 ? newer : record)),
    );
    const east = await stageFolder(root, 'east', 'county-parcel', [
      ...parcels.slice(600),
      parcels[7]!,
    ]);
    // Listings join by address only (the page shows no APN); the last one's parcel is the last
    // record of the last group. Enrichment is keyed by address and follows its listing.
    const joined = [3, 600, COUNT - 1];
    const mls = await stageFolder(
      root,
      'mls',
      'mls-listing',
      joined.map((i) => listing(i, { apn: null })),
    );
    const addressKey = listing(COUNT - 1).address.key;
    const llm = await stageFolder(root, 'llm', 'enrichment', [
      enrichment(`addr:${addressKey}`),
      enrichment(apn(3)),
    ]);

    const first = await store([west, east, mls, llm], { 'batch-size': '100' });
    expect(first.failures).toEqual([]);
    expect(first.outputs).toMatchObject({
      inserted: String(COUNT),
      integrity: 'ok',
      'linked-listings': '3',
    });
    const { properties, listings } = pipelineCollections(database.db);
    expect(await properties.countDocuments()).toBe(COUNT);
    expect(await properties.countDocuments({ _id: { $regex: '^addr:' } })).toBe(0);
    const last = await properties.findOne({ _id: apn(COUNT - 1) });
    expect(last?.listing?.mlsNumber).toBe(listing(COUNT - 1).mlsNumber);
    expect(last?.enrichment).not.toBeNull();
    expect((await properties.findOne({ _id: apn(3) }))?.enrichment).not.toBeNull();
    expect((await properties.findOne({ _id: apn(600) }))?.listing?.mlsNumber).toBe(
      listing(600).mlsNumber,
    );
    expect((await properties.findOne({ _id: apn(7) }))?.county?.livingAreaSqft).toBe(1500);
    const keys = (await listings.find().toArray()).map((doc) => doc.propertyKey).sort();
    expect(keys).toEqual(joined.map(apn).sort());
    const quality = JSON.parse(first.outputs.quality ?? '{}') as { duplicatesMerged: number };
    expect(quality.duplicatesMerged).toBe(1);

    const again = await store([west, east, mls, llm], { 'batch-size': '100' });
    expect(again.outputs).toMatchObject({
      inserted: '0',
      updated: '0',
      unchanged: String(COUNT),
      integrity: 'ok',
    });
    // Two stores of 1,150 properties: FerretDB on two shared cores needs more than the default.
  }, 180_000);

  it('links a listing read in an earlier artifact to a parcel stored by an earlier run', async () => {
    const county = await stageFolder(root, 'county-only', 'county-parcel', [parcel(42)]);
    expect((await store([county])).outputs.inserted).toBe('1');
    const mls = await stageFolder(root, 'mls-only', 'mls-listing', [listing(42, { apn: null })]);
    const run = await store([mls]);
    expect(run.outputs).toMatchObject({ inserted: '0', updated: '1', 'linked-listings': '1' });
    const stored = await pipelineCollections(database.db).properties.findOne({ _id: apnOf(42) });
    expect(stored?.listing?.mlsNumber).toBe(listing(42).mlsNumber);
  });
});
