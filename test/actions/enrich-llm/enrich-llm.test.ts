import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { action } from '../../../actions/enrich-llm/src/main.js';
import { runAction } from '../../../shared/action.js';
import { readStageOutput, readStageRecords } from '../../../shared/io/stage-output.js';
import type { Enrichment } from '../../../shared/model/enrichment.js';
import { startOllamaSandbox, type OllamaSandbox } from '../../../local/sandbox/ollama/server.js';
import type { OllamaFault } from '../../../local/sandbox/ollama/faults.js';
import { collect, listing, listings, parcel, recordingRuntime, stageFolder } from './fixtures.js';

let root: string;
let listingsDir: string;
let parcelsDir: string;
let sandbox: OllamaSandbox;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'enrich-llm-'));
  process.env.GITHUB_RUN_ID = '901';
  process.env.RUNNER_TEMP = root;
  delete process.env.ACTIONS_RUNTIME_TOKEN;
  listingsDir = await stageFolder('mls-listing', listings(12));
  parcelsDir = await stageFolder('county-parcel', [
    parcel('102-29-045A', 0),
    parcel('102-29-046', 1),
  ]);
});
afterAll(() => rm(root, { recursive: true, force: true }));
beforeEach(async () => {
  sandbox = await startOllamaSandbox();
});
afterEach(() => sandbox.close());

/** Runs the action with the sandbox as Ollama and returns what a user would see. */
async function enrich(inputs: Record<string, string>) {
  const run = recordingRuntime({
    'input-artifacts': `${listingsDir}\n${parcelsDir}`,
    'ollama-host': sandbox.url,
    ...inputs,
  });
  await runAction(action, run.runtime);
  const dir = run.outputs['output-dir'] ?? '';
  const records: Enrichment[] = [];
  if (dir !== '') {
    const stage = await readStageOutput<Enrichment>(dir, { expectRecordType: 'enrichment' });
    for await (const record of stage.records) records.push(record);
  }
  const byKey = new Map(records.map((record) => [record.key, record]));
  return { ...run, dir, records, byKey, summary: run.summaries.join('') };
}

const chatBodies = () => sandbox.requestsTo('/api/chat').map((request) => request.body ?? {});
const promptIds = (body: Record<string, unknown>): string[] => {
  const messages = body.messages as Array<{ content: string }>;
  const content = messages.at(-1)?.content ?? '';
  const payload = JSON.parse(content.slice(content.indexOf('{'))) as {
    properties: { id: string }[];
  };
  return payload.properties.map((property) => property.id);
};

describe('enrich-llm against an Ollama-protocol server', () => {
  it('sends batches with the schema as format and fixed sampling, and maps replies back by id', async () => {
    const run = await enrich({ 'batch-size': '5', 'num-ctx': '4096' });

    expect(run.failures).toEqual([]);
    expect(run.outputs).toMatchObject({
      enriched: '12',
      'llm-calls': '3',
      'fallback-count': '0',
      invalid: '0',
      'cache-hits': '0',
      degraded: 'false',
      'artifact-name': '',
    });
    expect(Number(run.outputs['tokens-in'])).toBeGreaterThan(1000);
    expect(Number(run.outputs['tokens-out'])).toBeGreaterThan(100);
    const bodies = chatBodies();
    expect(bodies.map(promptIds)).toEqual([
      ['p1', 'p2', 'p3', 'p4', 'p5'],
      ['p1', 'p2', 'p3', 'p4', 'p5'],
      ['p1', 'p2'],
    ]);
    expect(bodies[0]).toMatchObject({
      model: 'llama3.2:latest',
      stream: true,
      options: { temperature: 0.1, seed: 42, num_ctx: 4096, num_predict: 50 + 250 * 5 },
      messages: [{ role: 'system' }, { role: 'user' }],
    });

    // Listing 0 matched parcel 102-29-045A by address; the others are keyed by address.
    const first = run.byKey.get('102-29-045A');
    expect(first).toMatchObject({ method: 'llm', model: 'llama3.2:latest' });
    expect(first?.fields).toMatchObject({
      bedrooms: 3,
      pool: true,
      hoaMonthlyFee: 85,
      renovationYear: 2019,
    });
    expect(run.byKey.get('102-29-046')?.fields).toMatchObject({
      hoa: false,
      signals: { cashOnly: true, asIs: true, investorSpecial: true, priceReduced: false },
    });
    expect(run.byKey.get('addr:102 W EARLL DR 85031')?.fields).toMatchObject({
      pool: false,
      hoaMonthlyFee: 240,
    });
    expect(run.byKey.get('addr:103 W EARLL DR 85031')?.fields).toMatchObject({
      solar: true,
      renovationYear: 2021,
    });
    expect(first?.fieldConfidence.pool).toBe(0.9);

    const manifest = (await readStageOutput(run.dir)).manifest;
    const [stats] = await collect(readStageRecords(run.dir, manifest, 'run-stats'));
    expect(stats).toMatchObject({
      action: 'enrich-llm',
      outcome: 'success',
      counts: { 'llm-calls': 3 },
    });
    const usage = await collect(
      readStageRecords<{ unit: string; quantity: number }>(run.dir, manifest, 'usage'),
    );
    expect(usage.find((record) => record.unit === 'request')?.quantity).toBe(3);
    expect(run.summary).toContain('All properties enriched by llama3.2:latest');
  });

  it.each<[string, OllamaFault, string[]]>([
    ['an out-of-range value', { kind: 'override', id: 'p2', values: { beds: 99 } }, ['p2']],
    ['a missing id', { kind: 'drop-item' }, ['p5']],
    ['a duplicated id', { kind: 'duplicate-item' }, ['p1']],
  ])('retries only the item with %s, naming the problem', async (_name, fault, retried) => {
    sandbox.configure({ faults: [fault] });
    const run = await enrich({ 'input-artifacts': listingsDir, 'batch-size': '5' });

    const bodies = chatBodies().slice(0, 2);
    expect(promptIds(bodies[1] ?? {})).toEqual(retried);
    const retryPrompt = (bodies[1]?.messages as Array<{ content: string }>).at(-1)?.content ?? '';
    expect(retryPrompt).toContain(`- ${retried[0]}: `);
    expect(run.outputs).toMatchObject({ 'llm-calls': '4', invalid: '0', degraded: 'false' });
    expect(run.records.every((record) => record.method === 'llm')).toBe(true);
  });

  it.each<[string, OllamaFault]>([
    ['invalid JSON', { kind: 'invalid-json' }],
    ['a reply that ignores format', { kind: 'ignore-format' }],
  ])(
    'sends a batch that twice returns %s to the rules extractor: degraded, not failed',
    async (_name, fault) => {
      sandbox.configure({ faults: [fault, fault] });
      const run = await enrich({ 'input-artifacts': listingsDir, 'batch-size': '5' });

      expect(run.failures).toEqual([]);
      expect(run.outputs).toMatchObject({
        enriched: '12',
        'llm-calls': '4',
        invalid: '5',
        'fallback-count': '5',
        degraded: 'true',
      });
      const methods = run.records.map((record) => record.method);
      expect(methods.filter((method) => method === 'rules')).toHaveLength(5);
      const rules = run.records.find((record) => record.method === 'rules');
      expect(rules).toMatchObject({ model: null });
      expect(run.summary).toContain('**Degraded**: 5 properties went to the `rules` fallback');
      expect(run.summary).toContain('invalid reply after a retry');
    },
  );

  it.each([
    ['rules', { enriched: '12', degraded: 'true', 'fallback-count': '12', 'llm-calls': '0' }],
    ['skip', { enriched: '0', degraded: 'true', 'fallback-count': '12' }],
  ])('with Ollama down and fallback %s, the run goes on', async (fallback, outputs) => {
    await sandbox.close();
    const run = await enrich({ 'input-artifacts': listingsDir, fallback });

    expect(run.failures).toEqual([]);
    expect(run.outputs).toMatchObject(outputs);
    expect(run.summary).toMatch(
      /Model unavailable: Ollama at http:\/\/127\.0\.0\.1:\d+: listing models failed/,
    );
    expect(run.logger.lines.some((line) => line.startsWith('warning: model unavailable'))).toBe(
      true,
    );
  });

  it('with Ollama down and fallback fail, the step fails naming why', async () => {
    await sandbox.close();
    const run = await enrich({ 'input-artifacts': listingsDir, fallback: 'fail' });

    expect(run.failures).toHaveLength(1);
    expect(run.failures[0]).toMatch(
      /^enrich-llm failed: 12 of 12 properties could not be enriched by llama3\.2:latest and fallback is 'fail' \(first: addr:100 W EARLL DR 85031: Ollama at http:\/\/127\.0\.0\.1:\d+: listing models failed: fetch failed\); the 0 properties enriched are in \/tmp\/.*\/enrich-llm\/enrichment$/,
    );
    expect(run.outputs).toMatchObject({ enriched: '0', degraded: 'false', 'output-dir': '' });
  });

  it('with fallback fail, keeps what the model did before failing the step', async () => {
    sandbox.configure({ faults: [{ kind: 'invalid-json' }, { kind: 'invalid-json' }] });
    const run = await enrich({
      'input-artifacts': listingsDir,
      'batch-size': '5',
      fallback: 'fail',
    });

    expect(run.failures[0]).toMatch(/^enrich-llm failed: 5 of 12 properties could not be enriched/);
    const dir = /are in (\S+)$/.exec(run.failures[0] ?? '')?.[1] ?? '';
    const kept = await collect((await readStageOutput<Enrichment>(dir)).records);
    expect(kept.map((record) => record.method)).toEqual(Array(7).fill('llm'));
  });

  it('stops calling a server that keeps failing (circuit breaker) and falls back for the rest', async () => {
    sandbox.configure({ always: { kind: 'status', status: 500 } });
    const run = await enrich({ 'input-artifacts': listingsDir, 'batch-size': '1' });

    // Two tries of batch 1 and one of batch 2 open the circuit; the other ten make no call.
    expect(chatBodies()).toHaveLength(3);
    expect(run.outputs).toMatchObject({
      'llm-calls': '3',
      enriched: '12',
      'fallback-count': '12',
      degraded: 'true',
    });
    expect(run.summary).toContain('circuit open after repeated failures');
  });

  it('aborts a call that outlives its deadline', async () => {
    sandbox.configure({
      faults: [
        { kind: 'delay', ms: 5000 },
        { kind: 'stall', ms: 5000 },
      ],
    });
    const started = performance.now();
    const run = await enrich({
      'input-artifacts': await stageFolder('mls-listing', listings(1)),
      'timeout-seconds': '1',
    });

    expect(performance.now() - started).toBeLessThan(4500);
    expect(run.outputs).toMatchObject({
      'llm-calls': '2',
      'fallback-count': '1',
      degraded: 'true',
    });
    expect(run.summary).toContain('timed out after 1000 ms');
    // A fallback after a timeout is never silent: a warning, the summary and run-stats say so.
    expect(run.summary).toContain(
      "**Warning**: 1 properties went to the `rules` fallback because the model's call timed out",
    );
    expect(run.logger.lines).toContainEqual(
      expect.stringMatching(
        /^warning: 1 properties went to the 'rules' fallback because the model's call timed out/,
      ),
    );
    const manifest = (await readStageOutput(run.dir)).manifest;
    const [stats] = await collect(
      readStageRecords<{ counts: Record<string, number> }>(run.dir, manifest, 'run-stats'),
    );
    expect(stats?.counts['llm-timeouts']).toBe(1);
  });

  it('pulls a model that is not installed, with progress', async () => {
    await sandbox.close();
    sandbox = await startOllamaSandbox({ models: [] });
    const run = await enrich({ 'input-artifacts': listingsDir, model: 'qwen2.5' });

    expect(sandbox.requests.map((request) => request.path).slice(0, 3)).toEqual([
      '/api/tags',
      '/api/pull',
      '/api/show',
    ]);
    expect(sandbox.installed()).toEqual(['qwen2.5:latest']);
    const progress = run.logger.lines.filter((line) =>
      line.startsWith('info: pull qwen2.5:latest'),
    );
    expect(progress.map((line) => line.replace(/pulling \w+/, 'pulling <digest>'))).toEqual([
      'info: pull qwen2.5:latest: pulling <digest> 0%',
      'info: pull qwen2.5:latest: pulling <digest> 25%',
      'info: pull qwen2.5:latest: pulling <digest> 50%',
      'info: pull qwen2.5:latest: pulling <digest> 75%',
      'info: pull qwen2.5:latest: pulling <digest> 100%',
    ]);
    expect(run.records.every((record) => record.model === 'qwen2.5:latest')).toBe(true);
  });

  it('makes no request when the budget gate is closed', async () => {
    const run = await enrich({ 'input-artifacts': listingsDir, enabled: 'false' });

    expect(sandbox.requests).toEqual([]);
    expect(run.outputs).toMatchObject({
      enriched: '12',
      'llm-calls': '0',
      'fallback-count': '12',
      degraded: 'false',
    });
    expect(run.records.every((record) => record.method === 'rules')).toBe(true);
    expect(run.summary).toContain('LLM off (budget gate)');
  });

  it('reuses an earlier enrichment artifact as the cache, so a rerun makes no call', async () => {
    const first = await enrich({ 'input-artifacts': listingsDir, 'artifact-name': 'first' });
    const second = await enrich({
      'input-artifacts': `${listingsDir} ${first.dir}`,
      'artifact-name': 'second',
    });
    const gated = await enrich({
      'input-artifacts': `${listingsDir} ${first.dir}`,
      'artifact-name': 'gated',
      enabled: 'false',
    });
    expect(gated.outputs).toMatchObject({ 'cache-hits': '12', 'fallback-count': '0' });

    expect(first.outputs['llm-calls']).toBe('2');
    expect(second.outputs).toMatchObject({ 'llm-calls': '0', 'cache-hits': '12', enriched: '12' });
    expect(chatBodies()).toHaveLength(2);
    expect(second.records).toEqual(first.records);
  });

  it('rejects bad inputs naming each one', async () => {
    const run = await enrich({
      'batch-size': '25',
      fallback: 'maybe',
      'ollama-host': 'localhost:11434',
    });
    expect(run.failures).toEqual([
      "enrich-llm failed: Invalid input: input 'ollama-host': expected an http(s) URL such as http://127.0.0.1:11434; input 'batch-size': expected a whole number from 1 to 20, got '25'; input 'fallback': expected one of rules, skip, fail, got 'maybe'",
    ]);
    const missing = await enrich({ 'input-artifacts': join(root, 'nowhere') });
    expect(missing.failures[0]).toContain(
      `input 'input-artifacts': '${join(root, 'nowhere')}' is not a stage folder`,
    );
  });

  it('keys a listing by its own APN when no parcel matches, and skips listings without text', async () => {
    const dir = await stageFolder('mls-listing', [
      listing(40, 'Cute 2 bed.', '123-45-678'),
      listing(41, null),
      listing(42, '  '),
    ]);
    const run = await enrich({ 'input-artifacts': dir });
    expect(run.records.map((record) => record.key)).toEqual(['123-45-678']);
    expect(run.summary).toMatch(/listings without description \| 2 \|/);
  });
});
