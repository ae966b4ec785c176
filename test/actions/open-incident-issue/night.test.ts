import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubEmulator, type GitHubEmulator } from '../../../local/sandbox/github/server.js';
import { assessNight } from '../../../actions/open-incident-issue/src/night-run.js';
import type { RunStats } from '../../../shared/model/run-stats.js';
import { openIncidents, runIncident, setRunId, useRunnerEnv } from './harness.js';

/** The nightly's job ids and the component each one is, as data-collection.yml passes them. */
const COMPONENTS = [
  'plan: preflight',
  'budget-gate: check-budget',
  'county: collect-county',
  'mls: scrape-mls',
  'enrich: enrich-llm',
  'store: store-mongo',
  'budget-record: check-budget',
].join('\n');

type Job = { result: string; outputs?: Record<string, string> };
const ok: Job = { result: 'success' };
const skipped: Job = { result: 'skipped' };

function night(jobs: Partial<Record<string, Job>> = {}): string {
  const all: Record<string, Job> = {
    plan: { result: 'success', outputs: { healthy: 'database' } },
    'budget-gate': ok,
    county: ok,
    mls: ok,
    enrich: ok,
    store: ok,
    'budget-record': ok,
    ...jobs,
  };
  return JSON.stringify(
    Object.fromEntries(Object.entries(all).map(([id, job]) => [id, { outputs: {}, ...job }])),
  );
}

function countyStats(zip: string, fetched: number, failed: number): RunStats {
  return {
    schemaVersion: 1,
    runId: '1001',
    action: 'collect-county',
    shard: zip,
    startedAt: '2026-12-04T10:17:00.000Z',
    finishedAt: '2026-12-04T10:47:00.000Z',
    durationMs: 1_800_000,
    counts: { 'parcels-fetched': fetched, 'parcels-failed': failed, 'parcels-known': 9000 },
    errorsByClass: {
      network: 0,
      'rate-limited': 0,
      server: failed,
      auth: 0,
      client: 0,
      parse: 0,
      other: 0,
    },
    retries: 0,
    outcome: failed > 0 ? 'partial' : 'success',
  };
}

const assess = (jobs: string, stats: RunStats[] = [], budget = '') =>
  assessNight({ night: jobs, components: COMPONENTS, budget, umbrella: '', stats });

describe('judging a night (the rules)', () => {
  it('files a database that did not answer at preflight as P0 under `database`, with its check', () => {
    const failures = JSON.stringify([
      { check: 'database reachable', component: 'database', message: 'connect ECONNREFUSED' },
    ]);
    const { failures: found } = assess(
      night({
        plan: { result: 'failure', outputs: { failures, healthy: '' } },
        'budget-gate': skipped,
        county: skipped,
        mls: skipped,
        enrich: skipped,
        store: skipped,
        'budget-record': skipped,
      }),
    );
    expect(found).toEqual([
      expect.objectContaining({
        component: 'database',
        check: 'database reachable',
        message: 'connect ECONNREFUSED',
        severity: 'P0',
      }),
    ]);
  });

  it('raises a single failure to P0 when nothing was collected, and several components to P1', () => {
    const stopped = assess(
      night({ county: { result: 'failure', outputs: { error: 'county API outage: 503' } } }),
    );
    // mls succeeded, so something was collected: the county outage is its own scenario (P2).
    expect(stopped.failures.map((f) => [f.component, f.severity])).toEqual([
      ['collect-county', 'P2'],
    ]);
    const nothing = assess(
      night({
        county: { result: 'failure', outputs: { error: 'county API outage: 503' } },
        mls: { result: 'failure', outputs: { error: 'every proxy blocked' } },
      }),
    );
    expect(nothing.failures.map((f) => [f.component, f.severity])).toEqual([
      ['collect-county', 'P0'],
      ['scrape-mls', 'P0'],
    ]);
    const two = assess(
      night({
        enrich: { result: 'failure', outputs: { error: 'Ollama did not answer' } },
        store: { result: 'cancelled' },
      }),
    );
    expect(two.failures.map((f) => [f.component, f.severity])).toEqual([
      ['enrich-llm', 'P1'],
      ['store-mongo', 'P1'],
    ]);
    expect(two.failures[1]?.message).toContain("ran past the job's time limit");
  });

  it('turns a collector that succeeded under 95 % into a degraded incident by the guide bands', () => {
    const bands = [
      [0.4, 'P1'],
      [0.6, 'P2'],
      [0.85, 'P2'],
      [0.93, 'P3'],
    ] as const;
    for (const [rate, severity] of bands) {
      const fetched = Math.round(rate * 1000);
      const { failures, worked } = assess(night(), [countyStats('85031', fetched, 1000 - fetched)]);
      expect(failures).toEqual([
        expect.objectContaining({ component: 'collect-county', severity }),
      ]);
      expect(worked).not.toContain('collect-county');
    }
    const healthy = assess(night(), [countyStats('85031', 960, 40)]);
    expect(healthy.failures).toEqual([]);
    expect(healthy.worked).toContain('collect-county');
  });

  it('counts an enrichment with the LLM gated off as no recovery', () => {
    const { worked } = assess(
      night({ enrich: { result: 'success', outputs: { worked: 'false' } } }),
    );
    expect(worked).not.toContain('enrich-llm');
    expect(worked).toEqual(expect.arrayContaining(['preflight', 'database', 'store-mongo']));
  });

  it('files the budget at the critical level and says a month back inside it worked', () => {
    const critical = JSON.stringify({
      level: 'critical',
      utilization: '96',
      'month-to-date': '24.0',
      'over-budget-percent': '0',
      severity: 'none',
      reason: 'critical: scraping and the LLM are off',
    });
    const { failures } = assess(night(), [], critical);
    expect(failures).toEqual([expect.objectContaining({ component: 'budget', severity: 'P2' })]);
    expect(failures[0]?.message).toContain('$24.00 (96 % of the monthly budget)');
    const over = JSON.stringify({ level: 'critical', 'over-budget-percent': '60', severity: 'P0' });
    expect(assess(night(), [], over).failures[0]?.severity).toBe('P0');
    const inside = JSON.stringify({ level: 'ok', 'over-budget-percent': '0', severity: 'none' });
    expect(assess(night(), [], inside).worked).toContain('budget');
  });

  it('names the input of a night that is not the needs context', () => {
    expect(() => assess('not json')).toThrow(/input 'night': expected the JSON of the `needs`/);
    expect(() =>
      assessNight({
        night: night(),
        components: 'county collect-county',
        budget: '',
        umbrella: '',
        stats: [],
      }),
    ).toThrow(/input 'components': expected 'job-id: component'/);
  });
});

describe('open-incident-issue with `night` against the GitHub emulator', () => {
  let github: GitHubEmulator;
  let restoreEnv: () => void;
  const run = (jobs: string, extra: Record<string, string> = {}) =>
    runIncident({
      'github-token': github.token,
      night: jobs,
      components: COMPONENTS,
      component: 'data-collection',
      ...extra,
    });

  beforeEach(async () => {
    github = await startGitHubEmulator({ latencyMs: 1 });
    restoreEnv = useRunnerEnv(github);
  });
  afterEach(async () => {
    restoreEnv();
    await github.close();
  });

  it('closes an incident filed under the workflow before components had their own, on a clean night only', async () => {
    const legacy = await runIncident({
      'github-token': github.token,
      status: 'failure',
      component: 'data-collection',
      signature: 'preflight',
      severity: 'P0',
    });
    expect(legacy.outputs.action).toBe('opened');
    setRunId('1002');
    await run(
      night({ enrich: { result: 'failure', outputs: { error: 'Ollama did not answer' } } }),
    );
    expect(
      openIncidents(github)
        .map((issue) => issue.labels[2])
        .sort(),
    ).toEqual(['component:data-collection', 'component:enrich-llm']);
    setRunId('1003');
    await run(night());
    expect(openIncidents(github)).toEqual([]);
  });

  it('files a refused county token at preflight as P0: nothing was collected that night', async () => {
    const failures = JSON.stringify([
      {
        check: 'county API reachable',
        component: 'collect-county',
        message:
          'secret COUNTY_API_TOKEN (input county-api-token): the county API refused the token',
      },
    ]);
    const skippedAll = Object.fromEntries(
      ['budget-gate', 'county', 'mls', 'enrich', 'store', 'budget-record'].map((id) => [
        id,
        skipped,
      ]),
    );
    const run1 = await run(
      night({
        plan: { result: 'failure', outputs: { failures, healthy: 'database' } },
        ...skippedAll,
      }),
    );
    expect(run1.failures).toEqual([]);
    const [issue] = openIncidents(github);
    expect(issue?.title).toBe(
      "Incident: collect-county: preflight check 'county API reachable' failed",
    );
    expect(issue?.labels).toEqual(['incident', 'severity:p0', 'component:collect-county']);
    expect(issue?.body).toContain('County API refusing authentication');
    expect(issue?.body).toContain('Failing check: **county API reachable**');
    expect(issue?.body).toContain('nothing was collected tonight');
  });

  it('opens one issue per failing component with its message, and closes each only when it worked', async () => {
    const outage = night({
      county: {
        result: 'failure',
        outputs: { error: 'the county API answered 503 to every request after preflight' },
      },
      enrich: {
        result: 'failure',
        outputs: { error: 'Ollama at http://127.0.0.1:11434 did not answer' },
      },
    });
    const first = await run(outage);
    expect(first.failures).toEqual([]);
    const opened = openIncidents(github);
    expect(opened.map((issue) => issue.labels).sort()).toEqual([
      ['incident', 'severity:p1', 'component:collect-county'],
      ['incident', 'severity:p1', 'component:enrich-llm'],
    ]);
    const county = opened.find((issue) => issue.labels.includes('component:collect-county'));
    expect(county?.body).toContain('the county API answered 503 to every request after preflight');
    expect(county?.body).toContain('2 components failed in the same night');
    expect(JSON.parse(first.outputs.incidents ?? '[]')).toHaveLength(2);
    expect(first.summaries[0]).toContain('| collect-county | failed | opened | #');

    // The county works again, the LLM is gated off (no recovery): only the county incident closes.
    setRunId('1002');
    await run(night({ enrich: { result: 'success', outputs: { worked: 'false' } } }));
    expect(openIncidents(github).map((issue) => issue.labels[2])).toEqual(['component:enrich-llm']);

    setRunId('1003');
    const clean = await run(night());
    expect(clean.failures).toEqual([]);
    expect(openIncidents(github)).toEqual([]);
  });
});
