import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_CHROMIUM } from '../../actions/scrape-mls/src/browser.js';
import { startListingSite, type ListingSite } from '../../local/sandbox/listing-site/server.js';
import { startBench, type Bench } from '../actions/scrape-mls/harness.js';
import { runBareAction } from '../support/bare-action.js';
import { bareCheckout, type BareCheckout } from '../support/bare-checkout.js';

const root = resolve(import.meta.dirname, '../..');

describe.runIf(existsSync(SYSTEM_CHROMIUM))('scrape-mls bundle from a bare checkout', () => {
  let checkout: BareCheckout;
  let bench: Bench;
  let site: ListingSite;

  beforeAll(async () => {
    checkout = await bareCheckout(root);
    bench = await startBench();
    site = await startListingSite({ seed: 'phx', parcelsPerZip: 12, date: '2026-11-20' });
  }, 60_000);
  afterAll(async () => {
    await site.close();
    await bench.close();
    await checkout.remove();
  });

  it("scrapes the sandbox site with Chromium and the bundle's own Playwright", async () => {
    const run = await runBareAction(checkout.workspace, 'scrape-mls', {
      with: {
        'zip-codes': '85031',
        'base-url': site.url,
        'requests-per-minute': '0',
        'browser-path': SYSTEM_CHROMIUM,
      },
      env: { GITHUB_RUN_ID: '501' },
      actionEnv: bench.artifacts.clientEnv('501', 'scrape-bare'),
      timeoutMs: 120_000,
    });
    expect(run.exitCode, run.log).toBe(0);
    const truth = site.listings('85031');
    expect(truth.length).toBeGreaterThan(0);
    expect(run.outputs).toMatchObject({
      listings: String(truth.length),
      complete: 'true',
      'artifact-name': 'mls-listings',
    });
    bench.useRun('501');
    const shard = await bench.readArtifact('mls-listings-85031');
    expect(shard.listings.map((listing) => listing.mlsNumber).sort()).toEqual(
      truth.map((listing) => listing.mlsNumber).sort(),
    );
    expect(shard.runStats).toMatchObject([{ action: 'scrape-mls', outcome: 'success' }]);
  }, 180_000);
});
