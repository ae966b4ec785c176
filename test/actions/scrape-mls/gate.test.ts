import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScrape, startBench, type Bench } from './harness.js';

describe('scrape-mls inputs and the budget gate', () => {
  let bench: Bench;
  beforeAll(async () => {
    bench = await startBench();
    bench.useRun('601');
  });
  afterAll(() => bench.close());

  it('does nothing when the budget gate is off: outputs zero, summary says so', async () => {
    const run = await runScrape({
      'zip-codes': '85031',
      'base-url': 'http://127.0.0.1:9',
      enabled: 'false',
    });
    expect(run.failures).toEqual([]);
    expect(run.outputs).toEqual({
      listings: '0',
      pages: '0',
      blocked: '0',
      'captchas-solved': '0',
      'proxies-retired': '0',
      complete: 'true',
      'artifact-name': '',
    });
    expect(run.summaries[0]).toMatch(/budget gate switched scraping off/);
  });

  it('names each bad input and what was expected', async () => {
    const run = await runScrape({ 'zip-codes': '8503', 'base-url': 'ftp://x', concurrency: '0' });
    expect(run.failures).toHaveLength(1);
    expect(run.failures[0]).toMatch(/^scrape-mls failed: Invalid input: /);
    expect(run.failures[0]).toMatch(/input 'zip-codes': '8503': expected a 5-digit ZIP/);
    expect(run.failures[0]).toMatch(/input 'base-url': expected an http\(s\) URL/);
    expect(run.failures[0]).toMatch(/input 'concurrency': expected a whole number from 1 to 16/);
    expect(run.outputs.complete).toBe('false');
  });

  it('says which browser path is wrong', async () => {
    const run = await runScrape({
      'zip-codes': '85031',
      'base-url': 'http://127.0.0.1:9',
      'browser-path': '/nope/chromium',
    });
    expect(run.failures).toEqual([
      "scrape-mls failed: input 'browser-path': no file at '/nope/chromium'",
    ]);
  });
});
