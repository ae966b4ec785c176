import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runAction } from '../../../shared/action.js';
import { COLLECTIONS, pipelineCollections } from '../../../shared/db/collections.js';
import { checkIndexes } from '../../../shared/db/indexes.js';
import { accuracyFromState, PROPERTIES_COVERED } from '../../../shared/db/store-state.js';
import { action } from '../../../actions/store-mongo/src/main.js';
import { readAccuracy } from '../../../actions/send-report/src/db-facts.js';
import { useTestDatabase } from '../../support/database.js';
import { samples } from '../../shared/model/samples.js';
import {
  apnOf,
  enrichment,
  listing,
  mergedOnDocuments,
  parcel,
  recordingRuntime,
  stageFolder,
  tempRoot,
} from './fixtures.js';

const database = useTestDatabase();
let root: string;
let remove: () => Promise<void>;
let dbName: string;

beforeAll(async () => {
  ({ root, remove } = await tempRoot());
  dbName = database.db.databaseName;
  delete process.env.ACTIONS_RUNTIME_TOKEN;
});
afterAll(() => remove());
beforeEach(async () => {
  for (const name of Object.values(COLLECTIONS)) await database.db.collection(name).deleteMany({});
});

/** Runs the action as a runner would, with run id `runId`. */
async function store(folders: string[], inputs: Record<string, string> = {}, runId = '900') {
  process.env.GITHUB_RUN_ID = runId;
  const run = recordingRuntime({
    'mongodb-uri': database.uri,
    database: dbName,
    'input-artifacts': folders.join('\n'),
    ...inputs,
  });
  await runAction(action, run.runtime);
  const n = (name: string) => Number(run.outputs[name]);
  return { ...run, n };
}

describe('store-mongo', () => {
  it('stores merged properties once and writes nothing when the same artifacts come again', async () => {
    const parcels = [0, 1, 2, 3, 4].map((i) => parcel(i));
    const county = await stageFolder(root, 'idem-county', 'county-parcel', parcels, {
      companions: {
        records: {
          'run-stats': [{ ...samples['run-stats'], runId: '500', shard: '85031' }],
          usage: [{ ...samples.usage, runId: '500', shard: '85031' }],
        },
      },
    });
    const mls = await stageFolder(root, 'idem-mls', 'mls-listing', [listing(1), listing(2)]);
    const llm = await stageFolder(root, 'idem-llm', 'enrichment', [enrichment(apnOf(3))]);

    const first = await store([county, mls, llm]);
    expect(first.failures).toEqual([]);
    expect(first.outputs).toMatchObject({
      inserted: '5',
      updated: '0',
      unchanged: '0',
      'linked-listings': '2',
      integrity: 'ok',
    });
    const { properties, listings, runs } = pipelineCollections(database.db);
    const stored = await properties.findOne({ _id: apnOf(1) });
    expect(stored?.listing?.mlsNumber).toBe(listing(1).mlsNumber);
    expect(stored?.county?.livingAreaSqft).toBe(1364);
    expect(stored?.sources.mls?.lastRunId).toBe('500');
    expect((await properties.findOne({ _id: apnOf(3) }))?.enrichment?.method).toBe('llm');
    expect(await listings.countDocuments({ propertyKey: { $in: [apnOf(1), apnOf(2)] } })).toBe(2);
    // The collections it wrote have their declared indexes (others' are their writers' to make).
    const { properties: p, listings: l, history: h, runs: r } = COLLECTIONS;
    expect(await checkIndexes(database.db, [p, l, h, r])).toEqual([]);
    const quality = JSON.parse(first.outputs.quality ?? '{}') as {
      listingsLinked: { share: number };
      validity: { share: number };
    };
    expect(quality.listingsLinked.share).toBe(1);
    expect(quality.validity.share).toBe(1);
    expect(first.summaries[0]).toContain('| 5 | 0 | 0 |');

    const before = await properties.find().sort({ _id: 1 }).toArray();
    const again = await store([county, mls, llm], {}, '901');
    expect(again.outputs).toMatchObject({
      inserted: '0',
      updated: '0',
      unchanged: '5',
      'linked-listings': '0',
      'price-changes': '0',
      integrity: 'ok',
    });
    expect(await properties.find().sort({ _id: 1 }).toArray()).toEqual(before);
    expect(await pipelineCollections(database.db).history.countDocuments()).toBe(0);
    const ledger = await runs.find().sort({ _id: 1 }).toArray();
    expect(ledger.map((entry) => entry._id)).toEqual([
      '500:collect-county:85031',
      '900:store-mongo:85031',
      '901:store-mongo:85031',
    ]);
    expect(ledger[0]?.usage).toEqual([{ service: 'county-api', unit: 'request', quantity: 845 }]);
    expect(ledger[2]?.counts.unchanged).toBe(5);
  });

  it('counts a parcel collected again with the same facts as unchanged, moving only when it was seen', async () => {
    const first = await stageFolder(root, 'seen-1', 'county-parcel', [parcel(21), parcel(22)], {
      runId: '701',
    });
    const nextDay = [21, 22].map((i) => parcel(i, { at: '2026-11-21T10:00:00.000Z' }));
    const second = await stageFolder(root, 'seen-2', 'county-parcel', nextDay, { runId: '702' });
    await store([first], {}, '701');
    const { properties, history } = pipelineCollections(database.db);
    const before = await properties.findOne({ _id: apnOf(21) });
    const again = await store([second], {}, '702');
    expect(again.outputs).toMatchObject({ inserted: '0', updated: '0', unchanged: '2' });
    const after = await properties.findOne({ _id: apnOf(21) });
    expect(after?.sources.county?.lastSeen).not.toBe(before?.sources.county?.lastSeen);
    expect(after?.updatedAt).toBe(before?.updatedAt);
    expect(await history.countDocuments({ propertyKey: apnOf(21) })).toBe(0);
  });

  it('records a price change as exactly one history row, also when stored twice', async () => {
    const first = await stageFolder(
      root,
      'price-1',
      'mls-listing',
      [listing(7, { listPrice: 400_000 })],
      { runId: '601' },
    );
    const lower = listing(7, {
      listPrice: 385_000,
      status: 'Active',
      at: '2026-11-21T11:00:00.000Z',
    });
    const second = await stageFolder(root, 'price-2', 'mls-listing', [lower], { runId: '602' });
    await store([first], {}, '601');
    const changed = await store([second], {}, '602');
    expect(changed.outputs).toMatchObject({ updated: '1', 'price-changes': '1' });
    await store([second], {}, '603');
    await store([first], {}, '604');
    const rows = await pipelineCollections(database.db).history.find().toArray();
    expect(rows.map(({ field, from, to, runId }) => ({ field, from, to, runId }))).toEqual([
      { field: 'price', from: 400_000, to: 385_000, runId: '602' },
    ]);
    const doc = await pipelineCollections(database.db).properties.findOne({
      'listing.mlsNumber': lower.mlsNumber,
    });
    expect(doc?.listing?.listPrice).toBe(385_000);
  });

  it('links a listing that arrived before its parcel once the parcel appears', async () => {
    const mls = await stageFolder(root, 'early-mls', 'mls-listing', [listing(20)], {
      runId: '701',
    });
    const llm = await stageFolder(
      root,
      'early-llm',
      'enrichment',
      [enrichment(`addr:${listing(20).address.key}`)],
      { runId: '701' },
    );
    const early = await store([mls, llm], {}, '701');
    expect(early.outputs).toMatchObject({ inserted: '1', 'linked-listings': '0' });
    const { properties, listings } = pipelineCollections(database.db);
    const addrKey = `addr:${listing(20).address.key}`;
    expect((await properties.findOne({ _id: addrKey }))?.apn).toBeNull();

    const county = await stageFolder(root, 'late-county', 'county-parcel', [parcel(20)], {
      runId: '702',
    });
    const late = await store([county], {}, '702');
    expect(late.outputs).toMatchObject({ inserted: '1', 'linked-listings': '1', integrity: 'ok' });
    expect(await properties.findOne({ _id: addrKey })).toBeNull();
    const merged = await properties.findOne({ _id: apnOf(20) });
    expect(merged?.listing?.mlsNumber).toBe(listing(20).mlsNumber);
    expect(merged?.enrichment?.confidence).toBe(samples.enrichment.confidence);
    expect(merged?.sources.mls?.lastRunId).toBe('701');
    expect((await listings.findOne({ _id: listing(20).mlsNumber }))?.propertyKey).toBe(apnOf(20));
    const rerun = await store([county], {}, '703');
    expect(rerun.outputs).toMatchObject({
      inserted: '0',
      updated: '0',
      unchanged: '1',
      'linked-listings': '0',
    });
  });

  it('links a stored unmatched listing when store-state was written before it kept their keys', async () => {
    const mls = await stageFolder(root, 'legacy-mls', 'mls-listing', [listing(22)], {
      runId: '711',
    });
    await store([mls], {}, '711');
    // The earlier release's store_state: only buckets, entries as fields, no unmatched key.
    const { storeState, listings } = pipelineCollections(database.db);
    await storeState.deleteMany({ _id: { $not: /^(listing|property):\d\d$/ } });
    for (const bucket of await storeState.find({ _id: /^listing:/ }).toArray()) {
      const entries = Object.fromEntries(
        Object.entries(JSON.parse(bucket.packed!) as Record<string, [string]>).map(([key, [d]]) => [
          key,
          { d, s: null, c: 0 },
        ]),
      );
      await storeState.replaceOne({ _id: bucket._id }, { entries, updatedAt: bucket.updatedAt });
    }

    const county = await stageFolder(root, 'legacy-county', 'county-parcel', [parcel(22)], {
      runId: '712',
    });
    const late = await store([county], {}, '712');
    expect(late.outputs).toMatchObject({ 'linked-listings': '1', integrity: 'ok' });
    expect((await listings.findOne({ _id: listing(22).mlsNumber }))?.propertyKey).toBe(apnOf(22));
  });

  it('records a conflict between county and listing with both values', async () => {
    const county = await stageFolder(root, 'conflict-county', 'county-parcel', [
      parcel(30, { livingAreaSqft: 1364 }),
    ]);
    const mls = await stageFolder(root, 'conflict-mls', 'mls-listing', [
      listing(30, { livingAreaSqft: 1720 }),
      listing(31),
    ]);
    const run = await store([county, mls]);
    expect(run.outputs.conflicts).toBe('1');
    const doc = await pipelineCollections(database.db).properties.findOne({ _id: apnOf(30) });
    expect(doc?.conflicts).toEqual([
      {
        field: 'livingAreaSqft',
        values: { county: 1364, mls: 1720 },
        detectedAt: expect.any(String) as string,
      },
    ]);
  });

  it('keeps the merged and conflicted counts the report reads, as the documents have them', async () => {
    const { storeState } = pipelineCollections(database.db);
    const county = await stageFolder(
      root,
      'counts-county',
      'county-parcel',
      [40, 41, 42, 43, 44].map((i) => parcel(i)),
      { runId: '720' },
    );
    const mls = await stageFolder(
      root,
      'counts-mls',
      'mls-listing',
      [listing(40, { livingAreaSqft: 1720 }), listing(41), listing(42), listing(90)],
      { runId: '720' },
    );
    expect((await store([county, mls], {}, '720')).failures).toEqual([]);
    expect(await mergedOnDocuments(database.db)).toEqual({ merged: 3, withConflict: 1 });
    expect(await accuracyFromState(storeState)).toEqual({ merged: 3, withConflict: 1 });

    // The next night: parcel 43's listing arrives with a conflict, and 44's without one.
    const later = '2026-11-21T11:00:00.000Z';
    const more = await stageFolder(
      root,
      'counts-mls-2',
      'mls-listing',
      [listing(43, { at: later, lotSizeSqft: 9000 }), listing(44, { at: later })],
      { runId: '721' },
    );
    expect((await store([more], {}, '721')).failures).toEqual([]);
    expect(await mergedOnDocuments(database.db)).toEqual({ merged: 5, withConflict: 2 });
    expect(await accuracyFromState(storeState)).toEqual({ merged: 5, withConflict: 2 });
    expect(await readAccuracy(database.db)).toEqual({ merged: 5, withConflict: 2 });
  });

  it('counts from the documents while store-state does not cover them, and covers them on the next store', async () => {
    const { storeState } = pipelineCollections(database.db);
    const county = await stageFolder(
      root,
      'upgrade-county',
      'county-parcel',
      [50, 51, 52].map((i) => parcel(i)),
      { runId: '730' },
    );
    const mls = await stageFolder(
      root,
      'upgrade-mls',
      'mls-listing',
      [listing(50, { livingAreaSqft: 1720 }), listing(51)],
      { runId: '730' },
    );
    expect((await store([county, mls], {}, '730')).failures).toEqual([]);
    // As a release before entries said whether their property is merged left it: no such flag,
    // and no record that store-state covers every property.
    await storeState.deleteOne({ _id: PROPERTIES_COVERED });
    for (const bucket of await storeState.find({ _id: /^property:/ }).toArray()) {
      const packed = JSON.parse(bucket.packed!) as Record<string, unknown[]>;
      for (const key of Object.keys(packed)) packed[key] = packed[key]!.slice(0, 3);
      await storeState.replaceOne(
        { _id: bucket._id },
        { ...bucket, packed: JSON.stringify(packed) },
      );
    }
    expect(await accuracyFromState(storeState)).toBeNull();
    expect(await readAccuracy(database.db)).toEqual({ merged: 2, withConflict: 1 });

    // A night that brings none of those properties still leaves store-state covering them all.
    const other = await stageFolder(root, 'upgrade-county-2', 'county-parcel', [parcel(53)], {
      runId: '731',
    });
    const next = await store([other], {}, '731');
    expect(next.outputs).toMatchObject({ inserted: '1', integrity: 'ok' });
    expect(await accuracyFromState(storeState)).toEqual({ merged: 2, withConflict: 1 });
    // Their digests were kept: the same artifacts again are read as unchanged.
    const again = await store([county, mls], {}, '730');
    expect(again.outputs).toMatchObject({ inserted: '0', updated: '0', unchanged: '3' });
  });
});
