import type { ArtifactClient } from '@actions/artifact';
import { isAbsolute, join, resolve } from 'node:path';
import { withCollectionStop, type Sleep } from '../../../shared/collection-stop.js';
import { RateLimiter } from '../../../shared/http/rate-limiter.js';
import { redactUrl } from '../../../shared/http/redact.js';
import { withGroup, type Logger } from '../../../shared/logger.js';
import { chooseResume } from '../../../shared/resume-from.js';
import { readRunContext } from '../../../shared/run-context.js';
import { siteScope } from './admit-url.js';
import { LazyBrowser, resolveBrowserPath } from './browser.js';
import { ListingFrontier } from './frontier.js';
import type { ScrapeMlsInputs } from './inputs.js';
import { resolveProxies } from './proxies.js';
import { ProxyPool } from './proxy-pool.js';
import { RenderingMemory } from './rendering-memory.js';
import { DEFAULT_RENDERING, RenderingPlan } from './rendering-plan.js';
import { fetchRobots } from './robots.js';
import { scrapeShard, type ShardPlan } from './scrape-shard.js';
import { loadSelectors } from './selectors.js';
import type { ShardResult } from './shard-result.js';

/** Timings a test may shorten; defaults follow 2captcha's guidance and the guide's proxy policy. */
export interface ScrapeTuning {
  captchaPollMs: number;
  captchaTimeoutMs: number;
  navigationTimeoutMs: number;
  /** The longest wait on a loaded page's script or HTML before the page is abandoned. */
  pageTimeoutMs: number;
  proxyCooldownMs: number;
  maxSnapshots: number;
}

/**
 * The defaults: poll every 5 s, give up after 150 s, 30 s per page load, 15 s for a loaded page to
 * be read, 5 min proxy cooldown, 5 snapshots.
 */
export const DEFAULT_TUNING: ScrapeTuning = {
  captchaPollMs: 5_000,
  captchaTimeoutMs: 150_000,
  navigationTimeoutMs: 30_000,
  pageTimeoutMs: 15_000,
  proxyCooldownMs: 300_000,
  maxSnapshots: 5,
};

/** What a run of scrape-mls did. */
export interface ScrapeResult {
  /** False when the budget gate switched scraping off. */
  enabled: boolean;
  shards: ShardResult[];
  /** Each page type's mode at the end and how often it changed in this run. */
  rendering: ReturnType<RenderingPlan['modes']>;
  /** Whether Chromium was started: not when every page read over plain HTTP. */
  browserLaunched: boolean;
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

/** What scrape-mls needs from outside. */
export interface ScrapeDependencies {
  logger: Logger;
  /** The runner's artifact client, or null outside a runner. */
  artifactClient: ArtifactClient | null;
  tuning: ScrapeTuning;
  /** Aborted when the runner asks the step to stop (SIGINT, SIGTERM): stop, save, upload. */
  stop?: AbortSignal;
  /** The clock `time-budget-minutes` runs on; tests run it faster. Default: real timers. */
  sleep?: Sleep;
}

/**
 * Scrapes every ZIP with one browser: a persisted queue per ZIP, sessions, proxies, CAPTCHA
 * solving. When `time-budget-minutes` is spent or `deps.stop` aborts, no page is taken and every
 * ZIP is published with what it has.
 */
export async function scrapeMls(
  inputs: ScrapeMlsInputs,
  deps: ScrapeDependencies,
): Promise<ScrapeResult> {
  // Counted from here: the step's own start (checkout, Chromium) is a few seconds earlier.
  return withCollectionStop(
    {
      minutes: inputs.timeBudgetMinutes,
      runner: deps.stop,
      sleep: deps.sleep,
      logger: deps.logger,
      then: 'no new pages, and what was scraped is uploaded',
    },
    (stop) => scrapeZips(inputs, deps, stop),
  );
}

async function scrapeZips(
  inputs: ScrapeMlsInputs,
  deps: ScrapeDependencies,
  stop: AbortSignal,
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
      rendering: {},
      browserLaunched: false,
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
  const resume = chooseResume({
    resumeFrom: inputs.resumeFrom,
    artifactName: inputs.artifactName,
    runAttempt: run.runAttempt,
    canDownload: true,
    logger,
  });
  const frontier = await ListingFrontier.open(inputs, logger);
  const browser = new LazyBrowser(resolveBrowserPath(inputs.browserPath), logger);
  const memory = new RenderingMemory(frontier.db, !inputs.dryRun, inputs.baseUrl, logger);
  const rendering = new RenderingPlan(
    { ...DEFAULT_RENDERING, setting: inputs.rendering, recheckShare: inputs.renderingRecheck },
    inputs.rendering === 'adaptive' ? await memory.recall() : {},
  );
  logger.info(`rendering: ${inputs.rendering}${describeModes(rendering)}`);
  try {
    const plan: ShardPlan = {
      runId: run.runId,
      workRoot: join(run.tempDir, 'scrape-mls', run.runId),
      outDir: client ? join(run.tempDir, 'scrape-mls', run.runId, 'stage') : outDir,
      baseUrl: inputs.baseUrl,
      artifactPrefix: inputs.artifactName,
      client,
      retentionDays: inputs.retentionDays,
      browser,
      rendering,
      selectors,
      proxies,
      // Capacity 1: requests are spaced evenly, never sent in a burst.
      limiter: new RateLimiter({ capacity: 1, refillPerSecond: inputs.requestsPerMinute / 60 }),
      robots: await fetchRobots(inputs.baseUrl, logger),
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
      pageTimeoutMs: tuning.pageTimeoutMs,
      scope: siteScope(inputs.baseUrl),
      resumeFrom: resume?.name ?? '',
      resumeAutomatic: resume !== null && !resume.required,
      frontier,
      stop,
    };
    const shards: ShardResult[] = [];
    for (const zip of inputs.zipCodes) {
      shards.push(await withGroup(logger, `ZIP ${zip}`, () => scrapeShard(plan, zip, logger)));
    }
    if (inputs.rendering === 'adaptive') await memory.keep(rendering.learned());
    logger.info(
      `rendering at the end: ${describeModes(rendering).slice(2) || 'nothing loaded'}; Chromium ${browser.launched ? 'was started' : 'never started'}`,
    );
    return {
      enabled: true,
      shards,
      rendering: rendering.modes(),
      browserLaunched: browser.launched,
      proxiesRetired: proxies.retired,
      artifactName: client ? inputs.artifactName : '',
      outDir: plan.outDir,
      dryRun: inputs.dryRun,
      ...judged,
    };
  } finally {
    await browser.close();
    await frontier.close();
  }
}

/** `; search pages over http, listing pages in the browser`, or '' before anything is known. */
function describeModes(rendering: RenderingPlan): string {
  const parts = Object.entries(rendering.learned()).map(
    ([type, learned]) =>
      `${type} pages ${learned.mode === 'http' ? 'over HTTP' : 'in the browser'}`,
  );
  return parts.length > 0 ? `; ${parts.join(', ')}` : '';
}
