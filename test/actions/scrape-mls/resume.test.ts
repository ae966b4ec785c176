import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startListingSite, type ListingSite } from '../../../local/sandbox/listing-site/server.js';
import { runScrape, SELECTORS, startBench, type Bench } from './harness.js';

const listingPaths = (site: ListingSite, from: number, to = site.requestLog.length): string[] =>
  site.requestLog
    .slice(from, to)
    .filter((request) => request.kind === 'listing' && request.status === 200)
    .map((request) => request.path);

describe('scrape-mls killed mid-run', () => {
  let bench: Bench;
  let site: ListingSite;

  beforeAll(async () => {
    bench = await startBench();
    site = await startListingSite({ seed: 'resume', parcelsPerZip: 30, date: '2026-11-20' });
  });
  afterAll(async () => {
    await site.close();
    await bench.close();
  });

  it(
    'resumes from its persisted queue without fetching a finished page again',
    { timeout: 120_000 },
    async () => {
      const runnerTemp = join(bench.root, 'runner-temp');
      const inputs: Record<string, string> = {
        'zip-codes': '85031',
        'base-url': site.url,
        selectors: SELECTORS,
        'requests-per-minute': '240',
        concurrency: '2',
      };
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        GITHUB_RUN_ID: '501',
        RUNNER_TEMP: runnerTemp,
      };
      delete env.ACTIONS_RUNTIME_TOKEN;
      for (const [name, value] of Object.entries(inputs))
        env[`INPUT_${name.toUpperCase()}`] = value;
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'actions/scrape-mls/src/index.ts'],
        {
          env,
          stdio: 'ignore',
        },
      );
      const exited = once(child, 'exit');
      const queueFile = join(runnerTemp, 'scrape-mls', '501', 'mls-listings-85031', 'queue.ndjson');
      const donePages = async (): Promise<string[]> =>
        (await readFile(queueFile, 'utf8').catch(() => ''))
          .split('\n')
          .filter((line) => line.includes('"op":"done"') && line.includes('/listing/'))
          .map((line) => new URL((JSON.parse(line) as { url: string }).url).pathname);
      // Kill it (no chance to clean up) once its queue records a few finished listing pages.
      for (let waited = 0; (await donePages()).length < 5 && waited < 60_000; waited += 100) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      child.kill('SIGKILL');
      await exited;
      const firstRun = site.requestLog.length;
      const total = site.listings('85031').length;
      expect(listingPaths(site, 0).length).toBeLessThan(total);

      const done = await donePages();
      expect(done.length).toBeGreaterThanOrEqual(5);

      bench.useRun('501');
      const run = await runScrape(inputs);
      expect(run.failures).toEqual([]);
      expect(run.outputs).toMatchObject({ listings: String(total), complete: 'true' });
      const refetched = listingPaths(site, firstRun);
      expect(refetched.filter((path) => done.includes(path))).toEqual([]);
      expect(refetched.length).toBe(total - done.length);
      const shard = await bench.readArtifact('mls-listings-85031');
      expect(shard.listings.map((listing) => listing.mlsNumber).sort()).toEqual(
        site
          .listings('85031')
          .map((listing) => listing.mlsNumber)
          .sort(),
      );
      expect(run.lines.some((line) => /resuming: \d+ pages done before/.test(line))).toBe(true);
      // Politeness: at 240 requests a minute, page loads are spaced 250 ms apart on average. Each
      // arrival may shift by its own navigation latency, and the first (a cold session) most, so
      // one interval is allowed for it; without the spacing they would all arrive within a second.
      const loads = site.requestLog
        .slice(firstRun)
        .filter((request) => request.kind === 'listing' || request.kind === 'search');
      const span = (loads.at(-1)?.at ?? 0) - (loads[0]?.at ?? 0);
      expect(span).toBeGreaterThanOrEqual((loads.length - 2) * 250);
    },
  );
});
