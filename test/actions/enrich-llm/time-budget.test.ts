import { EventEmitter } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CARRIED_COLLECTION } from '../../../actions/enrich-llm/src/carried.js';
import { action, createEnrichAction } from '../../../actions/enrich-llm/src/main.js';
import { runAction } from '../../../shared/action.js';
import { sleep } from '../../../shared/http/backoff.js';
import { readStageOutput, readStageRecords } from '../../../shared/io/stage-output.js';
import type { Enrichment } from '../../../shared/model/enrichment.js';
import type { MlsListing } from '../../../shared/model/mls-listing.js';
import { runnerStopSignal, type SignalSource } from '../../../shared/stop-signal.js';
import { startOllamaSandbox, type OllamaSandbox } from '../../../local/sandbox/ollama/server.js';
import { useTestDatabase } from '../../support/database.js';
import { collect, listing, listings, parcel, recordingRuntime, stageFolder } from './fixtures.js';

const database = useTestDatabase();
let root: string;
let sandbox: OllamaSandbox;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'enrich-llm-budget-'));
  process.env.GITHUB_RUN_ID = '903';
  process.env.RUNNER_TEMP = root;
  delete process.env.ACTIONS_RUNTIME_TOKEN;
});
afterAll(() => rm(root, { recursive: true, force: true }));
beforeEach(async () => {
  sandbox = await startOllamaSandbox();
});
afterEach(() => sandbox.close());

async function enrich(inputs: Record<string, string>, definition = action) {
  const run = recordingRuntime({ 'ollama-host': sandbox.url, ...inputs });
  await runAction(definition, run.runtime);
  const dir = run.outputs['output-dir'] ?? '';
  const stage = await readStageOutput<Enrichment>(dir, { expectRecordType: 'enrichment' });
  const records = await collect(stage.records);
  const [stats] = await collect(
    readStageRecords<{ counts: Record<string, number>; outcome: string }>(
      dir,
      stage.manifest,
      'run-stats',
    ),
  );
  const carriedFile = stage.manifest.files.find((file) => file.path === 'carried.json');
  const carried = carriedFile
    ? (JSON.parse(await readFile(join(dir, carriedFile.path), 'utf8')) as { key: string }[]).map(
        (entry) => entry.key,
      )
    : [];
  return { ...run, dir, records, stats, carried, summary: run.summaries.join('') };
}

interface PromptProperty {
  facts: { livingAreaSqft?: number };
  description: string;
}
/** The listing numbers (`listing(n)` has 1200 + n sqft) each chat request asked about, in order. */
const askedListings = () =>
  sandbox.requestsTo('/api/chat').map((request) => {
    const messages = request.body?.messages as Array<{ content: string }>;
    const content = messages.at(-1)?.content ?? '';
    const payload = JSON.parse(content.slice(content.indexOf('{'))) as {
      properties: PromptProperty[];
    };
    return payload.properties.map((property) => (property.facts.livingAreaSqft ?? 0) - 1200);
  });

/**
 * The action with the budget's clock tied to the sandbox: the time budget is spent the moment the
 * first batch reaches the model (so that the test does not depend on how fast this machine reads
 * its inputs); other waits (the grace) run on real timers.
 */
function budgetSpentAtFirstBatch() {
  return createEnrichAction({
    sleep: async (ms, signal) => {
      if (ms >= 60_000) return sleep(ms, signal);
      while (sandbox.requestsTo('/api/chat').length === 0) await sleep(10, signal);
    },
  });
}

/** A listing whose page gives beds and baths, joined by address to a parcel with the county's facts. */
const described = (n: number, description: string): MlsListing => ({
  ...listing(n, description),
  bedrooms: 3,
  bathrooms: { total: 2, full: 2, half: 0 },
});

describe('enrich-llm asks the model only for what the records do not give', () => {
  it('leaves the listing and parcel facts out of the reply format and reports output tokens per property', async () => {
    const listingsDir = await stageFolder('mls-listing', [
      described(0, 'Remodeled 2021 with solar. HOA $85/mo. Cash only.'),
      described(1, 'Investor special, sold as-is. No HOA.'),
    ]);
    const parcelsDir = await stageFolder('county-parcel', [
      parcel('102-29-045A', 0),
      parcel('102-29-046', 1),
    ]);
    const run = await enrich({ 'input-artifacts': `${listingsDir} ${parcelsDir}` });

    const [request] = sandbox.requestsTo('/api/chat');
    const format = request?.body?.format as {
      properties: { items: { items: { properties: Record<string, unknown> } } };
    };
    const keys = Object.keys(format.properties.items.items.properties);
    // Beds, baths and area (listing), kind, pool, garage, roof and cooling (county) are known.
    expect(keys).toEqual([
      'id',
      'cond',
      'reno',
      'renoYear',
      'stories',
      'hoa',
      'hoaFee',
      'solar',
      'solarLeased',
      'views',
      'lot',
      'features',
      'flags',
      'summary',
      'c',
    ]);
    const prompt = (request?.body?.messages as Array<{ content: string }>).at(-1)?.content ?? '';
    expect(prompt).toContain('- hoaFee: HOA fee per month in dollars');
    expect(prompt).not.toContain('- beds:');

    const first = run.records.find((record) => record.key === '102-29-045A');
    expect(first).toMatchObject({ method: 'llm' });
    expect(first?.fields).toMatchObject({
      bedrooms: 3,
      pool: true,
      garageSpaces: 2,
      roof: 'tile',
      cooling: 'central-ac',
      hoaMonthlyFee: 85,
      renovationYear: 2021,
      solar: true,
      signals: { cashOnly: true, asIs: false },
    });

    const tokens = Number(run.outputs['tokens-out']);
    expect(tokens).toBeGreaterThan(0);
    expect(Number(run.outputs['output-tokens-per-property'])).toBe(tokens / 2);
    expect(run.stats?.counts).toMatchObject({
      'llm-output-tokens': tokens,
      'llm-properties': 2,
      'llm-output-tokens-per-property': Math.round(tokens / 2),
    });
    expect(run.summary).toContain(`| output tokens per property | ${tokens / 2} |`);
  });
});

describe('enrich-llm inside a time budget', () => {
  it('stops sending batches when the budget is spent, carries the rest, and the next run takes them first', async () => {
    // A CPU runner's pace, scaled: a batch takes a good part of a second.
    sandbox.configure({ tokensPerSecond: 200 });
    const tonight = await stageFolder('mls-listing', listings(12));
    const first = await enrich(
      {
        'input-artifacts': tonight,
        'batch-size': '2',
        'time-budget-minutes': '0.005',
        'artifact-name': 'night-1',
      },
      budgetSpentAtFirstBatch(),
    );

    expect(first.failures).toEqual([]);
    // The batch in flight when the budget ran out was finished; no batch was sent after it.
    expect(askedListings()).toEqual([[0, 1]]);
    expect(first.outputs).toMatchObject({
      complete: 'false',
      carried: '10',
      enriched: '2',
      'fallback-count': '0',
    });
    expect(first.records.map((record) => record.method)).toEqual(['llm', 'llm']);
    expect(first.carried).toHaveLength(10);
    expect(first.stats).toMatchObject({
      outcome: 'partial',
      counts: { 'llm-carried': 10, 'rules-extracted': 0, enriched: 2 },
    });
    expect(first.summary).toContain(
      '**Partial**: time budget of 0.005 minutes spent; 10 properties carried',
    );

    // A night with the budget gate closed makes no call and keeps them waiting.
    const calls = sandbox.requestsTo('/api/chat').length;
    const gated = await enrich({
      'input-artifacts': `${tonight} ${first.dir}`,
      enabled: 'false',
      'artifact-name': 'gated',
    });
    expect(sandbox.requestsTo('/api/chat')).toHaveLength(calls);
    expect([...gated.carried].sort()).toEqual([...first.carried].sort());
    expect(gated.outputs).toMatchObject({ complete: 'false', 'cache-hits': '2' });

    // The next night: three listings never seen (keyed by APN, so first by key) and last night's.
    sandbox.configure({ tokensPerSecond: 0 });
    const newcomers = await stageFolder('mls-listing', [
      listing(60, 'Brand new listing with a pool.', '100-00-001'),
      listing(61, 'Another new one, 2 bed.', '100-00-002'),
      listing(62, 'Third new one, solar.', '100-00-003'),
    ]);
    const before = sandbox.requestsTo('/api/chat').length;
    const second = await enrich({
      'input-artifacts': `${tonight} ${newcomers} ${first.dir}`,
      'batch-size': '2',
      'artifact-name': 'night-2',
    });
    const order = askedListings().slice(before).flat();
    expect(order.slice(0, 10).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(order.slice(10)).toEqual([60, 61, 62]);
    expect(second.outputs).toMatchObject({
      complete: 'true',
      carried: '0',
      enriched: '15',
      'cache-hits': '2',
    });
    expect(second.stats?.counts).toMatchObject({ 'llm-carried-in': 10, 'llm-new': 3 });
    expect(second.records.every((record) => record.method === 'llm')).toBe(true);
  });

  it("on the runner's SIGINT gives the batch in flight a short grace, then abandons and carries it", async () => {
    // So slow that the first batch cannot finish within the grace.
    sandbox.configure({ tokensPerSecond: 5 });
    const signals = new EventEmitter();
    const stopped = createEnrichAction({
      stop: runnerStopSignal(signals as unknown as SignalSource),
    });
    const tonight = await stageFolder('mls-listing', listings(6));
    const running = enrich({ 'input-artifacts': tonight, 'batch-size': '2' }, stopped);
    while (sandbox.requestsTo('/api/chat').length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    signals.emit('SIGINT');
    const run = await running;

    expect(run.failures).toEqual([]);
    expect(sandbox.requestsTo('/api/chat')).toHaveLength(1);
    expect(run.outputs).toMatchObject({ complete: 'false', carried: '6', enriched: '0' });
    expect(run.carried).toHaveLength(6);
    expect(run.stats?.outcome).toBe('partial');
    expect(run.logger.lines).toContainEqual(
      expect.stringMatching(/^warning: SIGINT from the runner .*: 6 properties carried/),
    );
  });

  it('keeps carried properties in MongoDB for a fresh runner, and forgets them once enriched', async () => {
    sandbox.configure({ tokensPerSecond: 200 });
    const mongo = { 'mongodb-uri': database.uri, database: database.db.databaseName };
    const tonight = await stageFolder('mls-listing', listings(8));
    const first = await enrich(
      { ...mongo, 'input-artifacts': tonight, 'batch-size': '2', 'time-budget-minutes': '0.005' },
      budgetSpentAtFirstBatch(),
    );
    expect(first.outputs).toMatchObject({ carried: '6', complete: 'false' });
    const waiting = database.db.collection(CARRIED_COLLECTION);
    expect((await waiting.find().toArray()).map((document) => document._id).sort()).toEqual(
      [...first.carried].sort(),
    );

    // The next night's scrape saw none of them again: the database alone brings them back.
    sandbox.configure({ tokensPerSecond: 0 });
    const second = await enrich({
      ...mongo,
      'input-artifacts': await stageFolder('mls-listing', [
        listing(70, 'A new 2 bed.', '100-00-007'),
      ]),
      'batch-size': '2',
    });
    expect(second.outputs).toMatchObject({ carried: '0', complete: 'true', enriched: '7' });
    expect(second.stats?.counts).toMatchObject({ 'llm-carried-in': 6, 'llm-new': 1 });
    expect(askedListings().slice(1).flat().at(-1)).toBe(70);
    expect(await waiting.countDocuments()).toBe(0);
  });

  it('rejects a time budget that is not a number of minutes', async () => {
    const run = recordingRuntime({
      'input-artifacts': root,
      'ollama-host': sandbox.url,
      'time-budget-minutes': '-5',
    });
    await runAction(action, run.runtime);
    expect(run.failures).toEqual([
      "enrich-llm failed: Invalid input: input 'time-budget-minutes': expected a number of minutes of at least 0 such as 50 or 0.5, got '-5'",
    ]);
  });
});
