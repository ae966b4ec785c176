import { DefaultArtifactClient } from '@actions/artifact';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCheckBudgetAction } from '../../actions/check-budget/src/main.js';
import { folderManifestSchema } from '../../shared/model/folder-manifest.js';
import { action as storeMongo } from '../../actions/store-mongo/src/main.js';
import { startFerretdb, type FerretdbServer } from '../../local/mongo/ferretdb-server.js';
import { memoryLogger } from '../../shared/logger.js';
import { runCollect, startBench, type Bench } from '../actions/collect-county/harness.js';
import { runMaintain } from '../actions/maintain-db/fixtures.js';
import { realFerretdb } from '../support/ferretdb.js';
import { runRecorded } from '../support/recording-runtime.js';

const PARCELS = 20;
const root = path.resolve(import.meta.dirname, '../..');

// A server of its own: with a URI naming no database every action lands in `phx_property`, which
// the end-to-end test of the shared server uses too.
describe('every action resolves the same database from an Atlas-style URI without one', () => {
  let server: FerretdbServer;
  let bench: Bench;
  let uri = '';

  beforeAll(async () => {
    server = await startFerretdb({ binary: await realFerretdb(), logger: memoryLogger() });
    // As Atlas gives it: options, but no database in the path.
    uri = `${server.uri}?retryWrites=true&appName=cluster0`;
    bench = await startBench({ parcelsPerZip: PARCELS, seed: 'one-database' });
  });
  afterAll(async () => {
    await bench?.close();
    await server?.stop();
  });

  const collect = () =>
    runCollect({
      ...{ 'zip-codes': '85031', 'api-base-url': bench.sandbox.url },
      ...{ 'api-token': bench.sandbox.token, 'requests-per-hour': '0', concurrency: '1' },
      ...{ 'mongodb-uri': uri, mode: 'incremental', 'max-parcels': String(PARCELS / 2) },
    });
  const fetchedSince = (from: number) =>
    bench
      .parcelFetches()
      .slice(from)
      .map((fetched) => fetched.replace('/parcel/', ''));

  it('collect-county orders by what store-mongo stored; the ledger lands where maintain-db backs up', async () => {
    bench.useRun('701');
    const first = await collect();
    expect(first.failures).toEqual([]);
    const firstFetched = fetchedSince(0);
    expect(firstFetched).toHaveLength(PARCELS / 2);

    const stored = await runRecorded(storeMongo, {
      'mongodb-uri': uri,
      'input-artifacts': 'county-parcels-85031',
    });
    expect(stored.failures).toEqual([]);
    expect(stored.outputs.inserted).toBe(String(PARCELS / 2));

    const checkBudget = createCheckBudgetAction({
      now: () => new Date(),
      env: { ...process.env, GITHUB_WORKSPACE: root },
      artifactClient: new DefaultArtifactClient(),
    });
    const budget = await runRecorded(checkBudget, {
      ...{ stage: 'record', 'usage-artifacts': 'county-parcels-*', 'mongodb-uri': uri },
      'rate-card': 'test/fixtures/check-budget/rate-card.json',
    });
    expect(budget.failures).toEqual([]);
    expect(budget.lines).toContain(
      "info: ledger: database 'phx_property' (the default: neither input 'database' nor the connection string names one)",
    );

    // The next night: the parcels stored last night wait; the ten never collected come first.
    bench.useRun('702');
    const before = bench.parcelFetches().length;
    const second = await collect();
    expect(second.failures).toEqual([]);
    const secondFetched = fetchedSince(before);
    expect(secondFetched).toHaveLength(PARCELS / 2);
    expect(secondFetched.filter((apn) => firstFetched.includes(apn))).toEqual([]);

    const outputDir = path.join(bench.root, 'maintain');
    const maintained = await runMaintain({
      ...{ 'mongodb-uri': uri, tasks: 'backup', 'output-dir': outputDir },
    });
    expect(maintained.failures).toEqual([]);
    const [folder = ''] = await readdir(outputDir);
    const manifest = folderManifestSchema.parse(
      JSON.parse(await readFile(path.join(outputDir, folder, 'backup-manifest.json'), 'utf8')),
    );
    expect(manifest.database).toBe('phx_property');
    const counts: Record<string, number> = {};
    for (const file of manifest.files) if (file.collection) counts[file.collection] = file.records;
    expect(counts).toMatchObject({ properties: PARCELS / 2, costs: 1 });
    expect(counts.runs).toBeGreaterThan(0);

    const client = await MongoClient.connect(server.uri);
    try {
      const { databases } = await client.db('admin').admin().listDatabases({ nameOnly: true });
      expect(databases.map((database) => database.name).filter((name) => name !== 'admin')).toEqual(
        ['phx_property'],
      );
    } finally {
      await client.close();
    }
  });
});
