import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as wait } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileCommands } from '../../../local/runner/file-commands.js';
import { STOP_GRACE_MS, runStepProcess } from '../../../local/runner/step-process.js';
import { startListingSite, type ListingSite } from '../../../local/sandbox/listing-site/server.js';
import { SELECTORS, startBench, type Bench } from './harness.js';
import { listingLoads, pagesOf } from './stop-support.js';

const repo = resolve(import.meta.dirname, '../../..');

describe('scrape-mls stopped by the runner', () => {
  let bench: Bench;
  let site: ListingSite;

  beforeAll(async () => {
    bench = await startBench();
    site = await startListingSite({ seed: 'sigint', parcelsPerZip: 40, date: '2026-11-20' });
  });
  afterAll(async () => {
    await site.close();
    await bench.close();
  });

  it('on SIGINT mid-run uploads what it scraped and exits inside the grace period', async () => {
    bench.useRun('811');
    const job = await mkdtemp(join(bench.root, 'job-'));
    const [output, summary] = [join(job, 'output'), join(job, 'summary.md')];
    await Promise.all([writeFile(output, ''), writeFile(summary, ''), mkdir(join(job, 'home'))]);
    const inputs = {
      'zip-codes': '85031',
      'base-url': site.url,
      selectors: SELECTORS,
      // Two pages a second: a stop always finds pages still to take.
      'requests-per-minute': '120',
      concurrency: '2',
      'artifact-name': 'stopped',
    };
    // A fresh job's environment, as the local runner gives a JavaScript action.
    const env: Record<string, string> = {
      PATH: `${dirname(process.execPath)}:/usr/bin:/bin`,
      HOME: join(job, 'home'),
      RUNNER_TEMP: join(job, 'runner-temp'),
      GITHUB_ACTIONS: 'true',
      GITHUB_RUN_ID: '811',
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: summary,
      ...(process.env.CHROMIUM_PATH ? { CHROMIUM_PATH: process.env.CHROMIUM_PATH } : {}),
      ...bench.artifacts.clientEnv('811', 'scrape-811'),
      ...Object.fromEntries(
        Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]),
      ),
    };
    const start = site.requestLog.length;
    const cancel = new AbortController();
    let exited = false;
    const step = runStepProcess({
      command: process.execPath,
      args: ['--import', 'tsx', 'actions/scrape-mls/src/index.ts'],
      env,
      cwd: repo,
      logPath: join(job, 'step.log'),
      masks: new Set(),
      timeoutMs: 120_000,
      cancel: cancel.signal,
    }).finally(() => (exited = true));
    while (!exited && listingLoads(site, start).length < 3) await wait(20);
    const cancelledAt = performance.now();
    cancel.abort();
    const result = await step;
    const stopping = performance.now() - cancelledAt;

    const log = await readFile(join(job, 'step.log'), 'utf8');
    expect(result.cancelled, log).toBe(true);
    // SIGTERM would have followed at 7.5 s: SIGINT alone ended it.
    expect(stopping).toBeLessThan(STOP_GRACE_MS.sigint);
    expect(log).toContain('SIGINT from the runner');
    const outputs = await readFileCommands(output);
    expect(outputs).toMatchObject({ complete: 'false', 'artifact-name': 'stopped' });
    const shard = await bench.readArtifact('stopped-85031');
    // Every listing in the artifact is a page the site served; a page still loading after its
    // 2 s grace may be abandoned: at most one per session.
    const stored = pagesOf(shard.listings);
    const served = listingLoads(site, start);
    expect(stored.filter((path) => !served.includes(path))).toEqual([]);
    expect(served.length - stored.length).toBeLessThanOrEqual(2);
    expect(stored.length).toBeGreaterThanOrEqual(1);
    expect(stored.length).toBeLessThan(site.listings('85031').length);
    expect(Number(outputs.listings)).toBe(stored.length);
    expect(shard.runStats[0]?.outcome).toBe('partial');
  }, 90_000);
});
