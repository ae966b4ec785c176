import { DefaultArtifactClient } from '@actions/artifact';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MongoExtractionCache,
  type CachedExtraction,
} from '../../../actions/enrich-llm/src/cache.js';
import { action } from '../../../actions/enrich-llm/src/main.js';
import { action as storeMongo } from '../../../actions/store-mongo/src/main.js';
import { runAction } from '../../../shared/action.js';
import { downloadStage, uploadStage } from '../../../shared/io/artifact.js';
import { readStageOutput, readStageRecords } from '../../../shared/io/stage-output.js';
import type { Enrichment } from '../../../shared/model/enrichment.js';
import { memoryLogger } from '../../../shared/logger.js';
import {
  startArtifactService,
  type ArtifactService,
} from '../../../local/artifact-service/server.js';
import { startOllamaSandbox, type OllamaSandbox } from '../../../local/sandbox/ollama/server.js';
import { useClientEnv } from '../../local/artifact-service/client-env.js';
import { useTestDatabase } from '../../support/database.js';
import { collect, listings, parcel, recordingRuntime, stageFolder } from './fixtures.js';

const database = useTestDatabase();
let root: string;
let listingsDir: string;
let sandbox: OllamaSandbox;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'enrich-llm-cache-'));
  process.env.GITHUB_RUN_ID = '902';
  process.env.RUNNER_TEMP = root;
  delete process.env.ACTIONS_RUNTIME_TOKEN;
  listingsDir = await stageFolder('mls-listing', listings(8));
  sandbox = await startOllamaSandbox();
});
afterAll(async () => {
  await sandbox.close();
  await rm(root, { recursive: true, force: true });
});

async function enrich(inputs: Record<string, string>) {
  const run = recordingRuntime({
    'ollama-host': sandbox.url,
    'input-artifacts': listingsDir,
    ...inputs,
  });
  await runAction(action, run.runtime);
  return run;
}

async function readRecords(dir = '') {
  const stage = await readStageOutput<Enrichment>(dir, { expectRecordType: 'enrichment' });
  return collect(stage.records);
}

describe('enrich-llm cache in MongoDB', () => {
  it('stores nothing on a dry run, then a hit makes no call and gives the same fields', async () => {
    const mongo = {
      'mongodb-uri': database.uri,
      database: database.db.databaseName,
      'batch-size': '4',
    };
    const cache = database.db.collection('enrichment_cache');

    const dry = await enrich({ ...mongo, 'dry-run': 'true' });
    expect(dry.outputs).toMatchObject({ 'llm-calls': '2', 'artifact-name': '' });
    expect(await cache.countDocuments()).toBe(0);
    expect(await database.db.listCollections({ name: 'enrichment_cache' }).toArray()).toEqual([]);

    const first = await enrich({ ...mongo, 'artifact-name': 'first' });
    expect(first.secrets).toContain(database.uri);
    expect(first.outputs).toMatchObject({ 'llm-calls': '2', 'cache-hits': '0' });
    const documents = await cache.find().toArray();
    expect(documents).toHaveLength(8);
    // The declared index that finds what the model read before by property key.
    const indexes = (await cache.listIndexes().toArray()) as Array<{ name: string }>;
    expect(indexes.map((index) => index.name)).toContain('key');
    expect(documents.every((document) => /^[0-9a-f]{64}$/.test(String(document._id)))).toBe(true);

    const calls = sandbox.requestsTo('/api/chat').length;
    const second = await enrich({ ...mongo, 'artifact-name': 'second' });
    expect(second.outputs).toMatchObject({ 'llm-calls': '0', 'cache-hits': '8', enriched: '8' });
    const [before, after] = await Promise.all(
      [first, second].map((run) => readRecords(run.outputs['output-dir'])),
    );
    expect(after).toEqual(before);
    expect(after?.every((record) => record.method === 'llm')).toBe(true);
    expect(sandbox.requestsTo('/api/chat')).toHaveLength(calls);

    const other = await enrich({ ...mongo, model: 'qwen2.5' });
    expect(other.outputs).toMatchObject({ 'cache-hits': '0', 'llm-calls': '2' });
    // The same listings under another model are refreshes, behind any new or changed listing.
    expect(
      other.logger.lines.some((line) =>
        line.endsWith('8 to extract (0 carried, 0 new, 0 changed, 8 refresh)'),
      ),
    ).toBe(true);
  });

  it('replaces an extraction kept under the same input hash, beside new ones in one write', async () => {
    // A real extraction, as the model's reply gave it, written by a run into a database of its own.
    const own = database.client.db(`${database.db.databaseName}-replace`);
    await enrich({ 'mongodb-uri': database.uri, database: own.databaseName });
    const written = await own.collection('enrichment_cache').findOne();
    await own.dropDatabase();
    if (written === null) throw new Error('the run kept no extraction');
    const cache = new MongoExtractionCache(database.db);
    const entry = (hash: string, confidence: number): CachedExtraction => ({
      inputSha256: hash,
      model: String(written.model),
      extractedAt: String(written.extractedAt),
      fields: written.fields as CachedExtraction['fields'],
      fieldConfidence: written.fieldConfidence as CachedExtraction['fieldConfidence'],
      confidence,
    });
    await cache.store([entry('a'.repeat(64), 0.5)]);
    // A refresh of 'a' (kept) in the same write as 'b' and 'c' (new): all three end as written.
    await cache.store([
      entry('b'.repeat(64), 0.7),
      entry('a'.repeat(64), 0.9),
      entry('c'.repeat(64), 0.8),
    ]);
    const found = await cache.lookup(['a', 'b', 'c', 'd'].map((letter) => letter.repeat(64)));
    expect(new Map([...found].map(([hash, kept]) => [hash[0], kept.confidence]))).toEqual(
      new Map([
        ['a', 0.9],
        ['b', 0.7],
        ['c', 0.8],
      ]),
    );
  });

  it('goes on without the cache when MongoDB cannot be reached', async () => {
    const run = await enrich({
      'mongodb-uri': 'mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=300',
    });
    expect(run.failures).toEqual([]);
    expect(run.outputs).toMatchObject({ enriched: '8', degraded: 'false' });
    expect(
      run.logger.lines.some((line) =>
        /^warning: cache: cannot reach MongoDB at mongodb:\/\/127\.0\.0\.1:1/.test(line),
      ),
    ).toBe(true);
  });
});

describe('enrich-llm through the artifact service', () => {
  let service: ArtifactService;
  beforeAll(async () => {
    service = await startArtifactService({ storageDir: join(root, 'artifacts') });
  });
  afterAll(() => service.close());

  it('downloads its input artifacts and uploads the enrichment artifact with run-stats and usage', async () => {
    const client = new DefaultArtifactClient();
    const restoreCollect = useClientEnv(service.clientEnv('run-902', 'collect'));
    try {
      await uploadStage(client, 'listings-85031', listingsDir, memoryLogger());
      const parcels = await stageFolder('county-parcel', [parcel('102-29-045A', 0)]);
      await uploadStage(client, 'parcels-85031', parcels, memoryLogger());
    } finally {
      restoreCollect();
    }
    const restoreEnrich = useClientEnv(service.clientEnv('run-902', 'enrich'));
    try {
      const run = await enrich({
        'input-artifacts': 'listings-85031, parcels-85031',
        'artifact-name': 'enrichment-all',
      });
      expect(run.failures).toEqual([]);
      expect(run.outputs).toMatchObject({ 'artifact-name': 'enrichment-all', enriched: '8' });

      const downloaded = await downloadStage(
        client,
        'enrichment-all',
        join(root, 'check'),
        memoryLogger(),
      );
      expect(downloaded.manifest).toMatchObject({
        stage: 'enrich-llm',
        recordType: 'enrichment',
        recordCount: 8,
        runId: '902',
      });
      const keys = (
        await collect(
          readStageRecords<{ key: string }>(downloaded.dir, downloaded.manifest, 'enrichment'),
        )
      ).map((r) => r.key);
      expect(keys).toContain('102-29-045A');
      const usage = await collect(
        readStageRecords<{ service: string; unit: string }>(
          downloaded.dir,
          downloaded.manifest,
          'usage',
        ),
      );
      expect(usage.map((record) => `${record.service}/${record.unit}`)).toEqual([
        'llm/request',
        'llm/token',
        'llm/minute',
      ]);
      expect(
        await collect(readStageRecords(downloaded.dir, downloaded.manifest, 'run-stats')),
      ).toHaveLength(1);
    } finally {
      restoreEnrich();
    }
  });

  it('hands a dry run on to store, whose dry run reads the enrichment and writes nothing', async () => {
    const restoreCollect = useClientEnv(service.clientEnv('run-902', 'mls'));
    try {
      await uploadStage(
        new DefaultArtifactClient(),
        'mls-listings-85031',
        listingsDir,
        memoryLogger(),
      );
    } finally {
      restoreCollect();
    }
    const db = { 'mongodb-uri': database.uri, database: database.db.databaseName };
    const cached = await database.db.collection('enrichment_cache').countDocuments();
    const restoreEnrich = useClientEnv(service.clientEnv('run-902', 'enrich'));
    try {
      const dry = await enrich({
        ...db,
        'input-artifacts': 'mls-listings-*',
        'artifact-name': 'enrichment',
        'dry-run': 'true',
      });
      expect(dry.failures).toEqual([]);
      expect(dry.outputs).toMatchObject({ 'artifact-name': 'enrichment', enriched: '8' });
      expect(await database.db.collection('enrichment_cache').countDocuments()).toBe(cached);
    } finally {
      restoreEnrich();
    }
    // The nightly's store job, as a dry run asks for it: the exact artifact `enrichment`.
    const restoreStore = useClientEnv(service.clientEnv('run-902', 'store'));
    try {
      const store = recordingRuntime({
        ...db,
        'input-artifacts': 'county-parcels-* mls-listings-* enrichment',
        'dry-run': 'true',
      });
      await runAction(storeMongo, store.runtime);
      expect(store.failures).toEqual([]);
      expect(store.summaries.join('')).toContain('dry run: nothing written');
      expect(await database.db.collection('properties').countDocuments()).toBe(0);
    } finally {
      restoreStore();
    }
  });
});
