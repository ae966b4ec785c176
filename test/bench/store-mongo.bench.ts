import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { provisionMongo } from '../../local/mongo/provision-mongo.js';
import { pipelineCollections } from '../../shared/db/collections.js';
import { DATABASE_SCHEMA } from '../../shared/db/schema.js';
import { consoleLogger } from '../../local/console-logger.js';
import { memoryLogger } from '../../shared/logger.js';
import { loadStages } from '../../actions/store-mongo/src/load-stages.js';
import { storeStages } from '../../actions/store-mongo/src/store.js';
import { listing, parcel, stageFolder } from '../actions/store-mongo/fixtures.js';

/**
 * store-mongo throughput on its own database: the first store of COUNT properties (parcels, a
 * quarter with a listing) with full merge, history and integrity checks, then a no-op rerun of
 * the same artifacts, beside plain `insertMany` of the same documents in the same run, into a
 * collection without indexes and into one with the properties collection's declared indexes.
 */
const COUNT = Number(process.env.BENCH_PROPERTIES ?? 20_000);
const apn = (i: number) =>
  `${String(100 + Math.floor(i / 100_000)).padStart(3, '0')}-${String(Math.floor(i / 1000) % 100).padStart(2, '0')}-${String(i % 1000).padStart(3, '0')}`;

const mongo = await provisionMongo({ logger: consoleLogger() });
const dir = await mkdtemp(path.join(tmpdir(), 'bench-store-mongo-'));
const client = new MongoClient(mongo.uri, { monitorCommands: Boolean(process.env.BENCH_VERBOSE) });
/** With BENCH_VERBOSE: database time per command, printed after each store, and slow commands. */
const commandTime = new Map<string, { count: number; ms: number }>();
const commandShown = new Map<number, string>();
client.on('commandStarted', (event) => {
  if (!process.env.BENCH_VERBOSE) return;
  const { command, commandName } = event;
  const shown = { collection: command[commandName] as unknown, filter: command.filter as unknown };
  commandShown.set(event.requestId, JSON.stringify(shown).slice(0, 200));
});
client.on('commandSucceeded', (event) => {
  const sum = commandTime.get(event.commandName) ?? { count: 0, ms: 0 };
  commandTime.set(event.commandName, { count: sum.count + 1, ms: sum.ms + event.duration });
  const shown = commandShown.get(event.requestId) ?? '';
  commandShown.delete(event.requestId);
  if (event.duration > 300)
    console.log(`  slow ${event.commandName}: ${event.duration} ms ${shown}`);
});
function printCommandTime(label: string): void {
  if (!process.env.BENCH_VERBOSE) return;
  const sums = [...commandTime].map(
    ([name, { count, ms }]) => `${name} ${count}× ${Math.round(ms)} ms`,
  );
  console.log(`  database time, ${label}: ${sums.join(', ')}`);
  commandTime.clear();
}
try {
  await client.connect();
  const db = client.db(`bench_store_${process.pid}`);
  const parcels = [...Array(COUNT).keys()].map((i) => ({
    ...parcel(i % 1000, { zip: '85031' }),
    apn: apn(i),
    situs: parcel(i % 1000).situs && { ...parcel(i % 1000).situs!, key: `${i} W BENCH DR 85031` },
  }));
  const listings = [...Array(Math.floor(COUNT / 4)).keys()].map((i) => ({
    ...listing(i % 1000),
    mlsNumber: `B${i}`,
    apn: apn(i * 4),
  }));
  const folders = [
    await stageFolder(dir, 'county', 'county-parcel', parcels),
    await stageFolder(dir, 'mls', 'mls-listing', listings),
  ];
  const stages = await loadStages(folders, { artifacts: false, baseDir: dir }, memoryLogger());
  const options = {
    db,
    stages,
    runId: 'bench',
    batchSize: 500,
    dryRun: false,
    logger: process.env.BENCH_VERBOSE ? timedLogger() : memoryLogger(),
  };

  const time = async (run: () => Promise<unknown>): Promise<number> => {
    const started = performance.now();
    await run();
    return (performance.now() - started) / 1000;
  };
  const first = await time(() => storeStages(options));
  printCommandTime('first store');
  const rerun = await time(() => storeStages(options));
  printCommandTime('rerun');
  const documents = await pipelineCollections(db).properties.find().toArray();
  const insertAll = async (name: string, indexed: boolean) => {
    const collection = db.collection<(typeof documents)[number]>(name);
    if (indexed)
      for (const { name: index, key } of DATABASE_SCHEMA.properties.indexes)
        await collection.createIndex(key, { name: index });
    return time(async () => {
      for (let start = 0; start < documents.length; start += 1000)
        await collection.insertMany(documents.slice(start, start + 1000), { ordered: false });
    });
  };
  const insertMany = await insertAll('bench_insert_many', false);
  const insertIndexed = await insertAll('bench_insert_many_indexed', true);
  const rate = (seconds: number) =>
    `${Math.round(COUNT / seconds).toLocaleString('en-US')} documents/s`;
  console.log(
    `first store of ${COUNT} properties: ${rate(first)} (${(insertMany / first).toFixed(2)}x of insertMany, ${(insertIndexed / first).toFixed(2)}x of insertMany with the properties' indexes)`,
  );
  console.log(
    `no-op rerun: ${rate(rerun)} (${(first / rerun).toFixed(1)}x faster than the first store)`,
  );
  console.log(`plain insertMany of the same documents: ${rate(insertMany)}`);
  console.log(`insertMany into a collection with the properties' indexes: ${rate(insertIndexed)}`);
  await db.dropDatabase();
} finally {
  await client.close();
  await mongo.stop();
  await rm(dir, { recursive: true, force: true });
}

function timedLogger() {
  const base = consoleLogger();
  const started = performance.now();
  const stamp = (message: string) =>
    `[${((performance.now() - started) / 1000).toFixed(2)}s] ${message}`;
  return {
    ...base,
    info: (m: string) => base.info(stamp(m)),
    startGroup: (m: string) => base.startGroup(stamp(m)),
  };
}
