import type { ArtifactClient } from '@actions/artifact';
import { isAbsolute, join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { RateLimiter } from '../../../shared/http/rate-limiter.js';
import { redactUrl } from '../../../shared/http/redact.js';
import { withGroup, type Logger } from '../../../shared/logger.js';
import { readRunContext } from '../../../shared/run-context.js';
import { launchBrowser, resolveBrowserPath } from './browser.js';
import type { ScrapeMlsInputs } from './inputs.js';
import { resolveProxies } from './proxies.js';
import { ProxyPool } from './proxy-pool.js';
import { parseRobots, type RobotsRules } from './robots.js';
import { scrapeShard, type ShardPlan } from './scrape-shard.js';
import { loadSelectors } from './selectors.js';
import type { ShardResult } from './shard-result.js';

/** Timings a test may shorten; defaults follow 2captcha's guidance and the guide's proxy policy. */
export interface ScrapeTuning {
  captchaPollMs: number;
  captchaTimeoutMs: number;
  navigationTimeoutMs: number;
  proxyCooldownMs: number;
  maxSnapshots: number;
}

/** The defaults: poll every 5 s, give up after 150 s, 30 s per page, 5 min proxy cooldown, 5 snapshots. */
export const DEFAULT_TUNING: ScrapeTuning = {
  captchaPollMs: 5_000,
  captchaTimeoutMs: 150_000,
  navigationTimeoutMs: 30_000,
  proxyCooldownMs: 300_000,
  maxSnapshots: 5,
};

/** What a run of scrape-mls did. */
export interface ScrapeResult {
  /** False when the budget gate switched scraping off. */
  enabled: boolean;
  shards: ShardResult[];
  proxiesRetired: number;
  /** Artifact prefix, or '' when nothing was uploaded. */
  artifactName: string;
  outDir: string;
  dryRun: boolean;
  /** The listing site's base URL, secrets redacted, for messages. */
  source: string;
  /** The `max-failure-rate` policy the run is judged by. */
  maxFailureRate: number;
}

async function fetchRobots(
  browser: Browser,
  baseUrl: string,
  logger: Logger,
): Promise<RobotsRules> {
  const context = await browser.newContext();
  try {
    const response = await context.request.get(new URL('/robots.txt', baseUrl).href, {
      timeout: 15_000,
    });
    if (response.status() >= 400) return { allow: [], disallow: [] };
    const rules = parseRobots(await response.text());
    logger.info(`robots.txt: ${rules.disallow.length} disallowed path(s)`);
    return rules;
  } catch (error) {
    logger.warning(`robots.txt unavailable (${(error as Error).message.split('\n')[0]}); going on`);
    return { allow: [], disallow: [] };
  } finally {
    await context.close();
  }
}

/** Scrapes every ZIP with one browser: a persisted queue per ZIP, sessions, proxies, CAPTCHA solving. */
export async function scrapeMls(
  inputs: ScrapeMlsInputs,
  deps: { logger: Logger; artifactClient: ArtifactClient | null; tuning: ScrapeTuning },
): Promise<ScrapeResult> {
  const { logger, tuning } = deps;
  const run = readRunContext();
  const outDir = join(run.tempDir, 'out');
  const judged = { source: redactUrl(inputs.baseUrl), maxFailureRate: inputs.maxFailureRate };
  if (!inputs.enabled) {
    logger.info('scrape-mls is switched off by the budget gate (enabled: false)');
    return {
      enabled: false,
      shards: [],
      proxiesRetired: 0,
      artifactName: '',
      outDir,
      dryRun: inputs.dryRun,
      ...judged,
    };
  }
  const selectorsPath = isAbsolute(inputs.selectors)
    ? inputs.selectors
    : resolve(run.workspace, inputs.selectors);
  const selectors = await loadSelectors(selectorsPath);
  const proxies = new ProxyPool(await resolveProxies(inputs.proxies), {
    cooldownMs: tuning.proxyCooldownMs,
  });
  logger.info(`${proxies.proxies.length} proxies${proxies.enabled ? '' : ' (direct connection)'}`);
  const client = inputs.dryRun ? null : deps.artifactClient;
  const browser = await launchBrowser(resolveBrowserPath(inputs.browserPath), logger);
  try {
    const plan: ShardPlan = {
      runId: run.runId,
      workRoot: join(run.tempDir, 'scrape-mls', run.runId),
      outDir: client ? join(run.tempDir, 'scrape-mls', run.runId, 'stage') : outDir,
      baseUrl: inputs.baseUrl,
      artifactPrefix: inputs.artifactName,
      client,
      browser,
      selectors,
      proxies,
      // Capacity 1: requests are spaced evenly, never sent in a burst.
      limiter: new RateLimiter({ capacity: 1, refillPerSecond: inputs.requestsPerMinute / 60 }),
      robots: await fetchRobots(browser, inputs.baseUrl, logger),
      captcha: inputs.captchaApiKey
        ? {
            url: inputs.captchaServiceUrl.replace(/\/$/, ''),
            apiKey: inputs.captchaApiKey,
            pollMs: tuning.captchaPollMs,
            timeoutMs: tuning.captchaTimeoutMs,
          }
        : null,
      concurrency: inputs.concurrency,
      maxListings: inputs.maxListings,
      maxSnapshots: tuning.maxSnapshots,
      navigationTimeoutMs: tuning.navigationTimeoutMs,
      resumeFrom: inputs.resumeFrom,
    };
    const shards: ShardResult[] = [];
    for (const zip of inputs.zipCodes) {
      shards.push(await withGroup(logger, `ZIP ${zip}`, () => scrapeShard(plan, zip, logger)));
    }
    return {
      enabled: true,
      shards,
      proxiesRetired: proxies.retired,
      artifactName: client ? inputs.artifactName : '',
      outDir: plan.outDir,
      dryRun: inputs.dryRun,
      ...judged,
    };
  } finally {
    await browser.close();
  }
}
