import { DefaultArtifactClient } from '@actions/artifact';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCheckBudgetAction } from '../../../actions/check-budget/src/main.js';
import { COSTS_COLLECTION } from '../../../actions/check-budget/src/ledger-mongo.js';
import { runAction } from '../../../shared/action.js';
import { downloadStage, uploadStage } from '../../../shared/io/artifact.js';
import { readStageRecords, writeStageOutput } from '../../../shared/io/stage-output.js';
import { runStatsSchema } from '../../../shared/model/run-stats.js';
import { memoryLogger } from '../../../shared/logger.js';
import type { Usage } from '../../../shared/model/usage.js';
import {
  startArtifactService,
  type ArtifactService,
} from '../../../local/artifact-service/server.js';
import { useClientEnv } from '../../local/artifact-service/client-env.js';
import { useTestDatabase } from '../../support/database.js';
import { recordingRuntime } from '../../support/recording-runtime.js';

const root = resolve(import.meta.dirname, '../../..');
const rateCard = 'test/fixtures/check-budget/rate-card.json';
const database = useTestDatabase();
const client = new DefaultArtifactClient();
let dir: string;
let service: ArtifactService;
let restoreEnv: (() => void) | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'check-budget-'));
  service = await startArtifactService({ storageDir: join(dir, 'artifacts') });
});
afterEach(() => restoreEnv?.());
afterAll(async () => {
  await service.close();
  await rm(dir, { recursive: true, force: true });
});

function databaseUri(): string {
  const url = new URL(database.uri);
  url.pathname = `/${database.db.databaseName}`;
  return url.toString();
}

function usage(
  runId: string,
  service: Usage['service'],
  unit: Usage['unit'],
  quantity: number,
  shard: string,
): Usage {
  const action = service === 'county-api' ? 'collect-county' : 'scrape-mls';
  return {
    schemaVersion: 1,
    runId,
    action,
    shard,
    service,
    unit,
    quantity,
    recordedAt: '2026-11-10T10:20:00Z',
  };
}

/** Uploads a stage artifact of run `runId` carrying `records` as its usage. */
async function uploadUsage(runId: string, name: string, records: Usage[]): Promise<void> {
  const folder = join(dir, runId, name);
  const info = {
    runId,
    stage: 'scrape-mls',
    shard: records[0]?.shard ?? 'all',
    recordType: 'mls-listing',
    recordSchemaVersion: 1,
  } as const;
  await writeStageOutput(folder, info, [], { records: { usage: records } });
  restoreEnv = useClientEnv(service.clientEnv(runId, `job-${name}`));
  await uploadStage(client, name, folder, memoryLogger());
  restoreEnv();
}

/** Runs check-budget as run `runId` at `now` with `inputs`. */
async function checkBudget(runId: string, now: string, inputs: Record<string, string>) {
  restoreEnv = useClientEnv(service.clientEnv(runId, 'budget'));
  const action = createCheckBudgetAction({
    now: () => new Date(now),
    env: { GITHUB_RUN_ID: runId, RUNNER_TEMP: dir, GITHUB_WORKSPACE: root },
    artifactClient: client,
  });
  const run = recordingRuntime({ 'rate-card': rateCard, ...inputs });
  await runAction(action, run.runtime);
  return run;
}

describe('check-budget', () => {
  it('prices the run from its usage artifacts, records it once and reports the month', async () => {
    await uploadUsage('9001', 'listings-85031', [
      usage('9001', 'captcha', 'solve', 150, '85031'),
      usage('9001', 'proxy', 'gb', 0.4, '85031'),
    ]);
    await uploadUsage('9001', 'listings-85033', [usage('9001', 'captcha', 'solve', 50, '85033')]);
    await uploadUsage('9001', 'county-85031', [
      usage('9001', 'county-api', 'request', 2400, '85031'),
    ]);
    const inputs = {
      stage: 'record',
      'usage-artifacts': 'listings-*, county-85031 enrichment',
      'mongodb-uri': databaseUri(),
      'property-count': '100',
    };

    const first = await checkBudget('9001', '2026-11-10T11:00:00Z', inputs);
    expect(first.failures).toEqual([]);
    expect(first.outputs).toEqual({
      level: 'ok',
      utilization: '13.2',
      'month-to-date': '3.3',
      projected: '4.9',
      'projection-level': 'ok',
      'run-cost': '0.8',
      'cost-per-property': '0.008',
      'allow-scrape': 'true',
      'allow-llm': 'true',
      reason: 'month to date $3.30 is 13.2 % of the $25.00 budget (ok); all stages allowed',
      'over-budget-percent': '0',
      severity: 'none',
      breakdown: '{"captcha":0.6,"county-api":0,"proxy":2.7}',
    });
    expect(first.secrets).toEqual([databaseUri()]);
    expect(first.logger.lines).toContain(
      "warning: usage artifact 'enrichment' not found in this run; its cost is not counted",
    );
    const summary = first.summaries[0] ?? '';
    expect(summary).toContain('## Budget: ok');
    expect(summary).toContain('| captcha | captcha | 200 solve | $3.00 per 1000 solve | $0.60 |');
    expect(summary).toContain('$3.30 of $25.00 (13.2 %) in 2026-11, Phoenix time');
    expect(summary).toContain('Usage artifacts not found: enrichment.');

    const stage = await downloadStage(
      client,
      'budget-record',
      join(dir, 'budget-9001'),
      memoryLogger(),
    );
    const stats = [];
    for await (const record of readStageRecords(
      stage.dir,
      stage.manifest,
      'run-stats',
      runStatsSchema,
    ))
      stats.push(record);
    expect(stats).toMatchObject([
      {
        action: 'check-budget',
        shard: 'record',
        counts: {
          'usage-records': 4,
          'artifacts-read': 3,
          'artifacts-missing': 1,
          'ledger-entries-written': 3,
        },
        outcome: 'partial',
      },
    ]);

    // A rerun of the same run (a retried job) replaces its entries instead of adding to them.
    const again = await checkBudget('9001', '2026-11-10T11:30:00Z', inputs);
    expect(again.failures).toEqual([]);
    expect(again.outputs['month-to-date']).toBe('3.3');
    // Its stage artifact from the earlier attempt is replaced, not refused (409) with a warning.
    const artifactLines = again.logger.lines.filter((line) => line.includes("'budget-record'"));
    expect(artifactLines.filter((line) => line.startsWith('warning:'))).toEqual([]);
    expect(artifactLines).toContainEqual(
      expect.stringMatching(/^info: artifact 'budget-record': replaces the one an earlier attempt/),
    );
    expect(await database.db.collection(COSTS_COLLECTION).countDocuments({ runId: '9001' })).toBe(
      3,
    );
  });

  it('gates scraping and LLM off at critical, and carries the overrun severity', async () => {
    await database.db.collection(COSTS_COLLECTION).insertOne({
      _id: '8000:captcha' as never,
      runId: '8000',
      service: 'captcha',
      unit: 'solve',
      quantity: 7000,
      cost: 21.5,
      day: '2026-10-05',
      month: '2026-10',
      recordedAt: '2026-10-05T10:30:00.000Z',
      rateCardVersion: 'fixture-2026-11',
      items: [],
    });
    const gate = await checkBudget('8001', '2026-10-06T10:00:00Z', {
      stage: 'gate',
      'mongodb-uri': databaseUri(),
    });
    expect(gate.failures).toEqual([]);
    expect(gate.outputs).toMatchObject({
      level: 'critical',
      'month-to-date': '24',
      'allow-scrape': 'false',
      'allow-llm': 'false',
      'run-cost': '0',
      severity: 'none',
    });
    expect(gate.logger.lines).toContain(
      'error: Budget critical: month to date $24.00 is 96.0 % of the $25.00 budget (critical); scrape and llm switched off by policy; the county collection continues',
    );
  });

  it('in a dry run reports the run but writes nothing to the ledger', async () => {
    await uploadUsage('9101', 'listings-85035', [usage('9101', 'captcha', 'solve', 1000, '85035')]);
    const run = await checkBudget('9101', '2026-09-03T10:40:00Z', {
      stage: 'record',
      'usage-artifacts': 'listings-*',
      'mongodb-uri': databaseUri(),
      'dry-run': 'true',
    });
    expect(run.failures).toEqual([]);
    expect(run.outputs).toMatchObject({
      'run-cost': '3',
      'month-to-date': '5.5',
      projected: '32.5',
      'projection-level': 'warning',
    });
    // $3 a day for 30 days is above the guide's $20: a warning, though the level is still ok.
    expect(run.logger.lines).toContain(
      'warning: Budget projection: $32.50 by month end, above $20.00 (80 % of the $25.00 budget): warning',
    );
    expect(run.summaries[0]).toContain(
      '- Projected: $32.50 by month end, above $20.00 (80 % of the $25.00 budget): warning',
    );
    expect(run.summaries[0]).toContain('## Budget: ok (dry run)');
    expect(await database.db.collection(COSTS_COLLECTION).countDocuments({ runId: '9101' })).toBe(
      0,
    );
  });

  it('is ok with zero cost when the run used nothing, on a file ledger', async () => {
    const card = await readFile(join(root, rateCard), 'utf8');
    const noMonthly = JSON.stringify({ ...(JSON.parse(card) as object), monthly: {} });
    const ledgerFile = join(dir, 'ledger', 'costs.ndjson');
    const run = await checkBudget('9201', '2026-08-01T07:00:00Z', {
      stage: 'record',
      'rate-card': noMonthly,
      'ledger-file': ledgerFile,
    });
    expect(run.failures).toEqual([]);
    expect(run.outputs).toMatchObject({
      level: 'ok',
      'run-cost': '0',
      'month-to-date': '0',
      projected: '0',
      utilization: '0',
      'allow-scrape': 'true',
      'allow-llm': 'true',
      breakdown: '{}',
    });
    expect(run.summaries[0]).toContain('| (no usage) | | 0 | | $0.00 |');
    await expect(readFile(ledgerFile, 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('carries P0 when month to date is more than 50 % over budget, and follows the policy', async () => {
    const ledgerFile = join(dir, 'over.ndjson');
    await uploadUsage('9301', 'listings-85031', [
      usage('9301', 'captcha', 'solve', 12_000, '85031'),
    ]);
    const over = await checkBudget('9301', '2026-07-20T10:00:00Z', {
      stage: 'record',
      'usage-artifacts': 'listings-85031',
      'ledger-file': ledgerFile,
      'monthly-budget': '20',
      policy: 'llm=never',
    });
    expect(over.outputs).toMatchObject({
      level: 'critical',
      'month-to-date': '38.5',
      'over-budget-percent': '92.5',
      severity: 'P0',
      'allow-scrape': 'false',
      'allow-llm': 'true',
    });
    expect(over.summaries[0]).toContain('Over budget by 92.5 %: severity **P0**');
    // The file ledger travels in the run's budget-record artifact, for a later run to fetch.
    const stage = await downloadStage(
      client,
      'budget-record',
      join(dir, 'budget-9301'),
      memoryLogger(),
    );
    const carried = await readFile(join(stage.dir, 'budget-ledger.jsonl'), 'utf8');
    expect(carried).toBe(await readFile(ledgerFile, 'utf8'));
    expect(carried).toContain('"_id":"9301:captcha"');

    const warning = await checkBudget('9302', '2026-07-21T10:00:00Z', {
      stage: 'gate',
      'ledger-file': ledgerFile,
      'monthly-budget': '45',
      policy: 'scrape=warning',
    });
    expect(warning.outputs).toMatchObject({
      level: 'warning',
      'allow-scrape': 'false',
      'allow-llm': 'true',
    });
  });

  it('fails naming a bad input, and keeps the costly stages off', async () => {
    const run = await checkBudget('9401', '2026-07-21T10:00:00Z', {
      'monthly-budget': 'lots',
      policy: 'scrape=sometimes',
      'github-token': 'ghp_secret',
    });
    expect(run.failures).toEqual([
      "check-budget failed: Invalid input: input 'monthly-budget': expected dollars above 0 such as 25 or 37.50, got 'lots'; input 'policy': 'scrape=sometimes': expected <stage>=<level> with stage scrape or llm and level info, warning, critical or never",
    ]);
    // The token and its base64 form (as a Basic auth header would carry it).
    expect(run.secrets).toEqual([Buffer.from('ghp_secret').toString('base64'), 'ghp_secret']);
    expect(run.outputs).toMatchObject({
      level: 'unknown',
      'allow-scrape': 'false',
      'allow-llm': 'false',
    });
  });

  it('fails when a usage record names a service the rate card cannot price', async () => {
    await uploadUsage('9501', 'mail', [usage('9501', 'email', 'message', 4, 'all')]);
    const run = await checkBudget('9501', '2026-06-02T10:00:00Z', {
      stage: 'record',
      'usage-artifacts': 'mail',
    });
    expect(run.failures).toEqual([
      "check-budget failed: input 'rate-card': usage.email: expected a price, the run consumed 4 message of email",
    ]);
  });
});
