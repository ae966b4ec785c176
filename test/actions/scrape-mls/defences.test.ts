import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCaptchaSolver, type CaptchaSolver } from '../../../local/sandbox/captcha/server.js';
import { startListingSite } from '../../../local/sandbox/listing-site/server.js';
import { startProxy, type SandboxProxy } from '../../../local/sandbox/proxy/server.js';
import { runScrape, SELECTORS, startBench, type Bench } from './harness.js';

const DATE = '2026-11-20';

describe('scrape-mls against the site defences', { timeout: 90_000 }, () => {
  let bench: Bench;
  const closers: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    bench = await startBench();
  });
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });
  afterAll(() => bench.close());

  it('solves a CAPTCHA widget through the 2captcha protocol and goes on; a page that only says "verification" is no CAPTCHA', async () => {
    // Many polls apart (every 200 ms) even on a loaded machine, so "polled until ready" shows.
    const solver: CaptchaSolver = await startCaptchaSolver({ solveMs: 3_000 });
    const probe = await startListingSite({ seed: 'cap', parcelsPerZip: 12, date: DATE });
    const [challenged, wordy] = probe.listings('85033').map((listing) => listing.mlsNumber);
    await probe.close();
    const site = await startListingSite({
      seed: 'cap',
      parcelsPerZip: 12,
      date: DATE,
      captcha: {
        siteKey: '6LeSandboxSiteKey0001',
        verifyToken: (t, k) => solver.verifyToken(t, k),
        listings: [challenged!],
      },
      notices: {
        [wordy!]:
          'Buyer to complete income verification; human verification of documents at closing.',
      },
    });
    closers.push(
      () => site.close(),
      () => solver.close(),
    );
    bench.useRun('401');
    const run = await runScrape({
      'zip-codes': '85033',
      'base-url': site.url,
      selectors: SELECTORS,
      'requests-per-minute': '0',
      concurrency: '1',
      'captcha-api-key': solver.apiKey,
      'captcha-service-url': solver.url,
    });
    expect(run.failures).toEqual([]);
    expect(run.outputs).toMatchObject({
      'captchas-solved': '1',
      complete: 'true',
      listings: String(site.listings('85033').length),
    });
    expect(solver.tasks).toHaveLength(1);
    expect(solver.tasks[0]?.pageUrl).toContain(`/listing/${challenged}`);
    // Polled while the solver said CAPCHA_NOT_READY, then continued with the token.
    expect(solver.tasks[0]?.polls).toBeGreaterThan(1);
    const shard = await bench.readArtifact('mls-listings-85033');
    expect(shard.listings.map((listing) => listing.mlsNumber)).toEqual(
      expect.arrayContaining([challenged, wordy]),
    );
    expect(shard.usage).toMatchObject([{ service: 'captcha', unit: 'solve', quantity: 1 }]);
    expect(run.lines.join('\n')).not.toContain(solver.apiKey);
  });

  it('retires a blocked session and a dead proxy, rotates to a healthy proxy, and leaks no proxy password or CAPTCHA key', async () => {
    const password = 'pw-Sup3rSecret-proxy';
    const captchaKey = 'f'.repeat(8) + '0123456789abcdef' + 'e'.repeat(8);
    const blocked: SandboxProxy = await startProxy({ clientAddress: '10.0.0.1', password });
    const dead = await startProxy({ clientAddress: '10.0.0.2', password, mode: 'dead' });
    const healthy = await startProxy({ clientAddress: '10.0.0.3', password });
    const solver = await startCaptchaSolver({ apiKey: captchaKey });
    const site = await startListingSite({
      seed: 'blk',
      parcelsPerZip: 10,
      date: DATE,
      blockedClients: ['10.0.0.1'],
      robotsDisallow: [],
    });
    closers.push(
      () => site.close(),
      () => blocked.close(),
      () => dead.close(),
      () => healthy.close(),
      () => solver.close(),
    );
    bench.useRun('402');
    const run = await runScrape({
      'zip-codes': '85031',
      'base-url': site.url,
      selectors: SELECTORS,
      'requests-per-minute': '0',
      concurrency: '1',
      proxies: [blocked.url, dead.url, healthy.url].join('\n'),
      'captcha-api-key': captchaKey,
      'captcha-service-url': solver.url,
    });
    expect(run.failures).toEqual([]);
    // The log says why when the run stops early.
    expect(run.outputs, run.lines.join('\n')).toMatchObject({
      complete: 'true',
      'proxies-retired': '2',
      listings: String(site.listings('85031').length),
    });
    expect(Number(run.outputs.blocked)).toBeGreaterThanOrEqual(1);
    expect(
      site.requestLog
        .filter((request) => request.status === 403)
        .every((request) => request.client === '10.0.0.1'),
    ).toBe(true);
    expect(site.requestLog.some((request) => request.client === '10.0.0.2')).toBe(false);
    expect(dead.stats.dropped).toBeGreaterThan(0);
    const shard = await bench.readArtifact('mls-listings-85031');
    expect(shard.listings).toHaveLength(site.listings('85031').length);
    expect(shard.runStats[0]?.counts['sessions-retired']).toBeGreaterThanOrEqual(2);
    const proxyUsage = shard.usage.find((usage) => usage.service === 'proxy');
    expect(proxyUsage?.quantity).toBeGreaterThan(0);
    // Masked before anything ran, and written nowhere.
    expect(run.secrets).toEqual(
      expect.arrayContaining([expect.stringContaining(password), captchaKey]),
    );
    const everything = [
      run.lines.join('\n'),
      run.summaries.join('\n'),
      JSON.stringify(run.outputs),
      await bench.allText(),
    ].join('\n');
    expect(everything).not.toContain(password);
    expect(everything).not.toContain(captchaKey);
    expect(everything).toContain('127.0.0.1');
  });
});

describe('scrape-mls when every proxy is rate-limited', { timeout: 90_000 }, () => {
  it('retires sessions on 429, stops when no proxy is left, and keeps what it scraped', async () => {
    const bench = await startBench();
    const first = await startProxy({ clientAddress: '10.0.1.1' });
    const second = await startProxy({ clientAddress: '10.0.1.2' });
    const site = await startListingSite({
      seed: 'cap429',
      parcelsPerZip: 24,
      date: DATE,
      requestsPerMinute: 5,
      retryAfterSeconds: 1,
    });
    try {
      bench.useRun('403');
      const run = await runScrape({
        'zip-codes': '85035',
        'base-url': site.url,
        selectors: SELECTORS,
        'requests-per-minute': '0',
        concurrency: '1',
        proxies: `${first.url}\n${second.url}`,
      });
      expect(run.failures).toEqual([]);
      const scraped = Number(run.outputs.listings);
      expect(run.outputs.complete).toBe('false');
      expect(scraped).toBeGreaterThan(0);
      expect(scraped).toBeLessThan(site.listings('85035').length);
      expect(run.outputs['proxies-retired']).toBe('2');
      expect(site.requestLog.filter((request) => request.status === 429).length).toBe(
        Number(run.outputs.blocked),
      );
      const shard = await bench.readArtifact('mls-listings-85035');
      expect(shard.listings).toHaveLength(scraped);
      expect(shard.runStats[0]?.outcome).toBe('partial');
      expect(run.summaries[0]).toMatch(/stopped early: every proxy is cooling down/);
    } finally {
      await site.close();
      await first.close();
      await second.close();
      await bench.close();
    }
  });
});
