import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../support/database.js';
import { startBench, runCollect, type Bench } from './harness.js';

const COUNT = 40;

describe('collect-county incremental runs with a database', () => {
  const database = useTestDatabase();
  let bench: Bench;
  let apns: string[];

  beforeAll(async () => {
    bench = await startBench({ parcelsPerZip: COUNT, seed: 'incremental' });
    apns = Array.from(
      { length: COUNT },
      (_, index) => bench.sandbox.directory('85031').parcel(index).apn,
    );
    // Parcels 0-29 were collected before, parcel 29 longest ago; 30-39 never. One listing-only
    // property (no county sighting) counts as never collected too.
    await database.db.collection('properties').insertMany(
      apns.slice(0, 30).map((apn, index) => ({
        _id: apn as never,
        apn,
        sources: {
          county: {
            firstSeen: '2026-01-01T00:00:00.000Z',
            lastSeen: `2026-10-${String(30 - index).padStart(2, '0')}T03:00:00.000Z`,
            lastRunId: '7',
          },
        },
      })),
    );
    await database.db
      .collection('properties')
      .insertOne({ _id: apns[35] as never, apn: apns[35], sources: { mls: {} } });
  });
  afterAll(() => bench.close());

  it('fetches parcels never collected first, then the stalest, up to max-parcels, and says how far the cycle is', async () => {
    bench.useRun('501');
    const uri = new URL(database.uri);
    uri.pathname = `/${database.db.databaseName}`;
    const run = await runCollect({
      'zip-codes': '85031',
      'api-base-url': bench.sandbox.url,
      'api-token': bench.sandbox.token,
      'requests-per-hour': '0',
      'mongodb-uri': uri.toString(),
      mode: 'incremental',
      'max-parcels': '15',
      concurrency: '1',
      'artifact-name': 'nightly',
    });

    expect(run.failures).toEqual([]);
    expect(run.secrets).toContain(uri.toString());
    const fetched = bench.parcelFetches().map((path) => path.replace('/parcel/', ''));
    const compact = (apn: string) => apn.replace(/-/g, '');
    expect(fetched).toEqual([...apns.slice(30, 40), ...apns.slice(25, 30).reverse()].map(compact));
    expect(run.outputs).toMatchObject({ parcels: '15', complete: 'true' });
    expect(run.summaries[0]).toContain(
      'refresh cycle at 75 % (30 of 40 parcels collected before this run, the stalest refreshed 2026-10-01); 25 wait for later runs',
    );
  });
});
