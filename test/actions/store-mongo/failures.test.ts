import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runAction } from '../../../shared/action.js';
import { COLLECTIONS, pipelineCollections } from '../../../shared/db/collections.js';
import { accuracyFromState } from '../../../shared/db/store-state.js';
import { action } from '../../../actions/store-mongo/src/main.js';
import { useTestDatabase } from '../../support/database.js';
import {
  apnOf,
  listing,
  mergedOnDocuments,
  parcel,
  recordingRuntime,
  stageFolder,
  tempRoot,
} from './fixtures.js';
import { startTcpProxy } from './tcp-proxy.js';

const database = useTestDatabase();
let root: string;
let remove: () => Promise<void>;

beforeAll(async () => {
  ({ root, remove } = await tempRoot());
  delete process.env.ACTIONS_RUNTIME_TOKEN;
  process.env.GITHUB_RUN_ID = '950';
});
afterAll(() => remove());
beforeEach(async () => {
  for (const name of Object.values(COLLECTIONS)) await database.db.collection(name).deleteMany({});
});

async function store(folders: string[], inputs: Record<string, string> = {}) {
  const run = recordingRuntime({
    'mongodb-uri': database.uri,
    database: database.db.databaseName,
    'input-artifacts': folders.join(','),
    ...inputs,
  });
  await runAction(action, run.runtime);
  return run;
}

function allKeys(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(allKeys);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => [key, ...allKeys(item)]);
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 1;
}

describe('store-mongo when things go wrong', () => {
  it('fails clearly with the database down, touching nothing, and the rerun stores everything', async () => {
    const county = await stageFolder(
      root,
      'down-county',
      'county-parcel',
      [0, 1, 2].map((i) => parcel(i)),
    );
    const uri = `mongodb://pipeline:hunter22@127.0.0.1:${await closedPort()}/?serverSelectionTimeoutMS=500`;
    const down = await store([county], { 'mongodb-uri': uri });
    expect(down.failures).toHaveLength(1);
    expect(down.failures[0]).toMatch(
      /^store-mongo failed: cannot reach MongoDB at mongodb:\/\/\*\*\*@127\.0\.0\.1:\d+\//,
    );
    expect(down.failures[0]).not.toContain('hunter22');
    // The URI, and its user name and password on their own (driver errors may quote them).
    expect(down.secrets).toEqual(expect.arrayContaining([uri, 'pipeline', 'hunter22']));
    expect(down.outputs).toMatchObject({
      inserted: '0',
      integrity: 'failed: the step failed before checking',
    });
    expect(down.logger.lines.join('\n')).not.toContain('hunter22');

    const rerun = await store([county]);
    expect(rerun.failures).toEqual([]);
    expect(rerun.outputs).toMatchObject({ inserted: '3', integrity: 'ok' });
  });

  it('completes an interrupted store on the rerun without duplicating properties or history', async () => {
    const before = await stageFolder(
      root,
      'cut-mls-1',
      'mls-listing',
      [...Array(60).keys()].map((i) => listing(i, { listPrice: 300_000 })),
      { runId: '801' },
    );
    expect((await store([before])).outputs.inserted).toBe('60');
    const later = '2026-11-22T11:00:00.000Z';
    const mls = await stageFolder(
      root,
      'cut-mls-2',
      'mls-listing',
      [...Array(60).keys()].map((i) => listing(i, { listPrice: 290_000, at: later })),
      { runId: '802' },
    );
    const county = await stageFolder(
      root,
      'cut-county',
      'county-parcel',
      [...Array(240).keys()].map((i) => parcel(i)),
      { runId: '802' },
    );

    const proxy = await startTcpProxy(`${database.uri}?serverSelectionTimeoutMS=800`);
    try {
      proxy.cutAfterBytes(250_000);
      const cut = await store([county, mls], {
        'mongodb-uri': `${proxy.uri}&serverSelectionTimeoutMS=800&retryWrites=false`,
        'batch-size': '40',
      });
      expect(proxy.cut).toBe(true);
      expect(cut.failures[0]).toMatch(/^store-mongo failed: /);
    } finally {
      await proxy.close();
    }
    const { properties, history, storeState } = pipelineCollections(database.db);
    const partial = await properties.countDocuments({ apn: { $ne: null } });
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(240);
    // Written part way: store-state no longer claims to cover every property.
    expect(await accuracyFromState(storeState)).toBeNull();

    const rerun = await store([county, mls], { 'batch-size': '40' });
    expect(rerun.failures).toEqual([]);
    expect(rerun.outputs.integrity).toBe('ok');
    expect(await properties.countDocuments({ apn: { $ne: null } })).toBe(240);
    expect(await properties.countDocuments()).toBe(240);
    const prices = await history.find({ field: 'price' }).toArray();
    expect(prices).toHaveLength(60);
    expect(new Set(prices.map((row) => row.propertyKey)).size).toBe(60);
    expect((await properties.findOne({ _id: apnOf(5) }))?.listing?.listPrice).toBe(290_000);
    expect(await accuracyFromState(storeState)).toEqual(await mergedOnDocuments(database.db));
    expect(await accuracyFromState(storeState)).toEqual({ merged: 60, withConflict: 0 });
  });

  it('lets two shards store at the same time, overlapping parcels included', async () => {
    const west = await stageFolder(
      root,
      'shard-85031',
      'county-parcel',
      [...Array(60).keys()].map((i) => parcel(i)),
      { shard: '85031' },
    );
    const newer = '2026-11-21T10:00:00.000Z';
    const east = await stageFolder(
      root,
      'shard-85033',
      'county-parcel',
      [...Array(60).keys()].map((i) => parcel(i + 30, { at: newer, garageSpaces: 3 })),
      { shard: '85033' },
    );
    const [a, b] = await Promise.all([
      store([west], { 'batch-size': '10' }),
      store([east], { 'batch-size': '10' }),
    ]);
    expect([...a.failures, ...b.failures]).toEqual([]);
    const { properties, runs } = pipelineCollections(database.db);
    expect(await properties.countDocuments()).toBe(90);
    expect(Number(a.outputs.inserted) + Number(b.outputs.inserted)).toBe(90);
    for (const i of [30, 45, 59]) {
      const doc = await properties.findOne({ _id: apnOf(i) });
      expect(doc?.county?.garageSpaces).toBe(3);
      expect(doc?.sources.county?.lastSeen).toBe(newer);
    }
    expect(await runs.distinct('shard', { stage: 'store-mongo' })).toEqual(['85031', '85033']);
  });

  it('stores hostile scraped text inertly and never reads a value as an operator', async () => {
    const hostile = {
      ...listing(50, { description: '{"$gt": ""}', propertyType: '$where: sleep(1000)' }),
      $set: { listPrice: 1 },
      'a.b': 'dotted',
    };
    const injected = { ...listing(51), mlsNumber: { $gt: '' } };
    const county = { ...parcel(50), raw: { $where: 'sleep(1000)', 'Owner.Name': 'x' } };
    const mls = await stageFolder(root, 'hostile-mls', 'mls-listing', [
      hostile,
      injected,
      listing(52),
    ]);
    const parcels = await stageFolder(root, 'hostile-county', 'county-parcel', [county]);
    const run = await store([mls, parcels]);
    expect(run.failures).toEqual([]);
    expect(run.outputs.integrity).toBe('ok');
    const quality = JSON.parse(run.outputs.quality ?? '{}') as {
      validity: { records: number; valid: number };
    };
    expect(quality.validity).toMatchObject({ records: 4, valid: 3 });
    const { properties, listings } = pipelineCollections(database.db);
    expect(await properties.countDocuments()).toBe(2);
    const stored = await properties.findOne({ _id: apnOf(50) });
    expect(stored?.listing?.description).toBe('{"$gt": ""}');
    expect(stored?.listing?.propertyType).toBe('$where: sleep(1000)');
    expect(stored?.listing?.listPrice).toBe(389_900);
    const keys = allKeys([stored, await listings.find().toArray()]);
    expect(keys.filter((key) => key.startsWith('$') || key.includes('.'))).toEqual([]);
  });

  it('names the input that is wrong', async () => {
    const county = await stageFolder(root, 'bad-input', 'county-parcel', [parcel(1)]);
    expect((await store([county], { 'batch-size': '0' })).failures).toEqual([
      "store-mongo failed: Invalid input: input 'batch-size': expected a whole number from 1 to 5000, got '0'",
    ]);
    expect((await store([county], { 'mongodb-uri': '' })).failures).toEqual([
      "store-mongo failed: input 'mongodb-uri' is required unless dry-run is true",
    ]);
    expect((await store([`${root}/missing`])).failures[0]).toMatch(
      /^store-mongo failed: .*missing.*manifest/,
    );
  });

  it('counts what it would write on a dry run and writes nothing', async () => {
    const county = await stageFolder(
      root,
      'dry-county',
      'county-parcel',
      [0, 1, 2, 3].map((i) => parcel(i)),
    );
    const run = await store([county], { 'dry-run': 'true' });
    expect(run.failures).toEqual([]);
    expect(run.outputs).toMatchObject({ inserted: '4', updated: '0', integrity: 'ok' });
    expect(run.summaries[0]).toContain('dry run: nothing written');
    const { properties, runs } = pipelineCollections(database.db);
    expect(await properties.countDocuments()).toBe(0);
    expect(await runs.countDocuments()).toBe(0);
  });
});
