import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { action as enrichAction } from '../../../actions/enrich-llm/src/main.js';
import { action as storeAction } from '../../../actions/store-mongo/src/main.js';
import { listingsOn } from '../../../local/sandbox/listing-site/listings.js';
import { startOllamaSandbox, type OllamaSandbox } from '../../../local/sandbox/ollama/server.js';
import { runAction } from '../../../shared/action.js';
import type { MlsListing } from '../../../shared/model/mls-listing.js';
import { listing, recordingRuntime, stageFolder } from './fixtures.js';

let root: string;
let listingsDir: string;
let sandbox: OllamaSandbox;

/** The sandbox site's listings of one day, as the scraper records them. */
function sandboxNight(): MlsListing[] {
  return listingsOn('night', '85031', 60, '2026-11-20').map((site, n) => ({
    ...listing(n, site.description),
    bedrooms: site.bedrooms,
    bathrooms: {
      total: site.fullBaths + site.halfBaths / 2,
      full: site.fullBaths,
      half: site.halfBaths,
    },
    propertyType: site.propertyType,
  }));
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'enrich-completeness-'));
  process.env.GITHUB_RUN_ID = '903';
  process.env.RUNNER_TEMP = root;
  delete process.env.ACTIONS_RUNTIME_TOKEN;
  listingsDir = await stageFolder('mls-listing', sandboxNight());
});
afterAll(() => rm(root, { recursive: true, force: true }));
beforeEach(async () => {
  sandbox = await startOllamaSandbox();
});
afterEach(() => sandbox.close());

/** Enriches the night's listings with the sandbox, then reads store-mongo's quality (dry run). */
async function nightCompleteness() {
  const enrich = recordingRuntime({
    'input-artifacts': listingsDir,
    'ollama-host': sandbox.url,
    'batch-size': '10',
  });
  await runAction(enrichAction, enrich.runtime);
  expect(enrich.failures).toEqual([]);
  const store = recordingRuntime({
    'input-artifacts': `${listingsDir},${enrich.outputs['output-dir'] ?? ''}`,
    'dry-run': 'true',
  });
  await runAction(storeAction, store.runtime);
  expect(store.failures).toEqual([]);
  const quality = JSON.parse(store.outputs.quality ?? '{}') as {
    completeness: { llm: number | null };
  };
  return {
    llm: quality.completeness.llm,
    enriched: Number(enrich.outputs.enriched),
    fallback: Number(enrich.outputs['fallback-count']),
    summary: store.summaries.join(''),
  };
}

describe('enrichment completeness of a sandbox night', () => {
  it('reads clean when the model gives what the listing texts state', async () => {
    const night = await nightCompleteness();

    expect(night.enriched).toBeGreaterThan(20);
    expect(night.fallback).toBe(0);
    expect(night.llm).toBeGreaterThanOrEqual(0.95);
    expect(night.summary).toMatch(/\| completeness, enrichment \| (9[5-9]|100)(\.\d)? % \|/);
  });

  it('reads low when the model answers null for what the texts state', async () => {
    sandbox.configure({ always: { kind: 'blank' } });
    const night = await nightCompleteness();

    // Every reply was valid JSON, so nothing fell back to rules: only completeness tells.
    expect(night.enriched).toBeGreaterThan(20);
    expect(night.fallback).toBe(0);
    expect(night.llm).toBeLessThan(0.5);
  });
});
