import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runAction } from '../../../shared/action.js';
import { COLLECTIONS, pipelineCollections } from '../../../shared/db/collections.js';
import { action } from '../../../actions/store-mongo/src/main.js';
import { useTestDatabase } from '../../support/database.js';
import { apnOf, listing, parcel, recordingRuntime, stageFolder, tempRoot } from './fixtures.js';

const database = useTestDatabase();
let root: string;
let remove: () => Promise<void>;

const DAY1 = '2026-11-20T11:00:00.000Z';
const DAY2 = '2026-11-21T11:00:00.000Z';

beforeAll(async () => {
  ({ root, remove } = await tempRoot());
  delete process.env.ACTIONS_RUNTIME_TOKEN;
});
afterAll(() => remove());
beforeEach(async () => {
  for (const name of Object.values(COLLECTIONS)) await database.db.collection(name).deleteMany({});
});

/** Runs the action as a runner would, as run `runId`. */
async function store(folders: string[], runId: string) {
  process.env.GITHUB_RUN_ID = runId;
  const run = recordingRuntime({
    'mongodb-uri': database.uri,
    database: database.db.databaseName,
    'input-artifacts': folders.join('\n'),
  });
  await runAction(action, run.runtime);
  expect(run.failures).toEqual([]);
  return run;
}

/** Every document of the pipeline's data collections, sorted, to compare before and after. */
async function snapshot() {
  const { properties, listings, history } = pipelineCollections(database.db);
  return {
    properties: await properties.find().sort({ _id: 1 }).toArray(),
    listings: await listings.find().sort({ _id: 1 }).toArray(),
    history: await history.find().sort({ _id: 1 }).toArray(),
  };
}

const addrKey = (i: number) => `addr:${listing(i).address.key}`;

describe('store-mongo keeps history', () => {
  it('re-merges after store_state is dropped keeping status history and taking over addr: documents', async () => {
    const night1 = await stageFolder(
      root,
      'drop-mls-1',
      'mls-listing',
      [listing(40), listing(41)],
      {
        runId: '701',
      },
    );
    const county1 = await stageFolder(root, 'drop-county-1', 'county-parcel', [parcel(41)], {
      runId: '701',
    });
    const pending = [40, 41].map((i) => listing(i, { status: 'Pending', at: DAY2 }));
    const night2 = await stageFolder(root, 'drop-mls-2', 'mls-listing', pending, { runId: '702' });
    await store([night1, county1], '701');
    await store([night2], '702');
    const { properties, listings, storeState } = pipelineCollections(database.db);
    expect(await properties.countDocuments({ _id: addrKey(40) })).toBe(1);

    await storeState.deleteMany({});
    const county3 = await stageFolder(
      root,
      'drop-county-3',
      'county-parcel',
      [parcel(40), parcel(41)],
      {
        runId: '703',
      },
    );
    await store([night2, county3], '703');

    for (const i of [40, 41]) {
      const doc = await listings.findOne({ _id: listing(i).mlsNumber });
      expect(doc?.statusHistory.map(({ status, seenAt }) => ({ status, seenAt }))).toEqual([
        { status: 'Active', seenAt: DAY1 },
        { status: 'Pending', seenAt: DAY2 },
      ]);
      expect(doc?.propertyKey).toBe(apnOf(i));
    }
    expect(await properties.findOne({ _id: addrKey(40) })).toBeNull();
    const parcel40 = await properties.findOne({ _id: apnOf(40) });
    expect(parcel40?.listing?.status).toBe('Pending');
    expect(parcel40?.sources.mls?.firstSeen).toBe(DAY1);

    const before = await snapshot();
    const rerun = await store([night2, county3], '704');
    expect(rerun.outputs).toMatchObject({ inserted: '0', updated: '0', 'price-changes': '0' });
    expect(await snapshot()).toEqual(before);
  });

  it('keeps the price history of an unmatched listing under the parcel that takes it over', async () => {
    const first = await stageFolder(
      root,
      'take-mls-1',
      'mls-listing',
      [listing(50, { listPrice: 400_000 })],
      { runId: '801' },
    );
    const lower = listing(50, { listPrice: 385_000, at: DAY2 });
    const second = await stageFolder(root, 'take-mls-2', 'mls-listing', [lower], { runId: '802' });
    await store([first], '801');
    await store([second], '802');
    const { properties, history } = pipelineCollections(database.db);
    expect(await history.countDocuments({ propertyKey: addrKey(50) })).toBe(1);

    const county = await stageFolder(root, 'take-county', 'county-parcel', [parcel(50)], {
      runId: '803',
    });
    await store([county], '803');
    expect(await properties.findOne({ _id: addrKey(50) })).toBeNull();
    const rows = await history.find({ propertyKey: apnOf(50) }).toArray();
    expect(rows.map(({ field, from, to }) => ({ field, from, to }))).toEqual([
      { field: 'price', from: 400_000, to: 385_000 },
    ]);
    expect(await history.countDocuments({ propertyKey: { $regex: '^addr:' } })).toBe(0);
    expect((await properties.findOne({ _id: apnOf(50) }))?.listing?.listPrice).toBe(385_000);

    const before = await snapshot();
    await store([county], '804');
    await pipelineCollections(database.db).storeState.deleteMany({});
    await store([first, second, county], '805');
    expect(await snapshot()).toEqual(before);
  });
});
