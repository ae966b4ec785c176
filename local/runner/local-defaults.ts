import { join } from 'node:path';
import type { Logger } from '../../shared/logger.js';
import { startArtifactService } from '../artifact-service/server.js';
import { provisionMongo } from '../mongo/provision-mongo.js';
import { startCountySandboxProcess } from '../sandbox/county/process.js';
import { countyProfile, type ScaleOptions } from '../sandbox/county/scale-profile.js';
import { startGitHubEmulator } from '../sandbox/github/server.js';
import { startCaptchaSolver } from '../sandbox/captcha/server.js';
import { startListingSite } from '../sandbox/listing-site/server.js';
import { startProxy } from '../sandbox/proxy/server.js';
import { startOllamaSandbox } from '../sandbox/ollama/server.js';

/**
 * Parcels per ZIP the sandbox site may list: a tenth (about half of those are on the market on a
 * day, so some 5 % of homes, near Phoenix's real inventory), at least 8 so small runs see listings.
 */
function listable(parcelsPerZip: number): number {
  return Math.min(parcelsPerZip, Math.max(8, Math.round(parcelsPerZip / 10)));
}

/** About one listing in twenty is behind the sandbox site's CAPTCHA. */
function challenged(mlsNumber: string): boolean {
  let hash = 0;
  for (const char of mlsNumber) hash = (hash * 31 + char.charCodeAt(0)) % 1009;
  return hash % 20 === 0;
}

/** What the run gets from the local defaults: secrets, vars, step environment. */
export interface LocalDefaults {
  secrets: Record<string, string>;
  vars: Record<string, string>;
  env: Record<string, string>;
  /** Artifact client variables for a job of this run, or of run `runId` (download-artifact). */
  actionEnv: (jobKey: string, runId?: string) => Record<string, string>;
  /** Sandboxes that tests look into (absent where a real endpoint was configured). */
  github?: Awaited<ReturnType<typeof startGitHubEmulator>>;
  county?: Awaited<ReturnType<typeof startCountySandboxProcess>>;
  close(): Promise<void>;
}

/**
 * Options of the local defaults; `configured` holds secrets and vars from `--env-file`. The scale
 * options (`scale`, `timeScale`, `parcelsPerZip`) size the sandboxes: see `countyProfile`.
 */
export interface LocalDefaultsOptions extends ScaleOptions {
  /**
   * What outlives a run, as on GitHub: `artifacts/` (every run's, so a later run can download an
   * earlier one's) and `database/` (the local database's data, so a second run is a second night).
   */
  stateDir: string;
  runId: string;
  logger: Logger;
  configured: Record<string, string>;
}

/**
 * Starts what the configuration leaves open: the artifact service always; the database, county
 * API, listing site, Ollama and GitHub API unless `--env-file` names real ones.
 */
export async function startLocalDefaults(options: LocalDefaultsOptions): Promise<LocalDefaults> {
  // Checked first, so a bad option starts nothing.
  const profile = countyProfile(options);
  const closers: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const closer of closers.reverse()) await closer().catch(() => undefined);
  };
  try {
    const given = options.configured;
    const secrets: Record<string, string> = {};
    const vars: Record<string, string> = {};
    const artifacts = await startArtifactService({
      storageDir: join(options.stateDir, 'artifacts'),
    });
    closers.push(() => artifacts.close());
    const mongo = await provisionMongo({
      logger: options.logger,
      env: { ...process.env, ...given },
      dataDir: join(options.stateDir, 'database'),
    });
    closers.push(() => mongo.stop());
    secrets.MONGODB_URI = mongo.uri;
    const result: LocalDefaults = { secrets, vars, env: {}, actionEnv: () => ({}), close };
    if (!given.COUNTY_API_URL) {
      const county = await startCountySandboxProcess(profile.sandbox);
      closers.push(() => county.close());
      Object.assign(vars, { COUNTY_API_URL: county.url, ...profile.vars });
      secrets.COUNTY_API_TOKEN = county.token;
      result.county = county;
    } else if (options.scale === 'realistic') {
      options.logger.warning(
        '--scale realistic: COUNTY_API_URL is configured, so it applies to the listing site only',
      );
    }
    if (!given.LISTING_SITE_URL) {
      // The scraper meets what it meets on the real site: a CAPTCHA on some listings (solved by
      // the sandbox solver unless a real key is configured) and requests through two proxies.
      const solver = given.CAPTCHA_API_KEY ? undefined : await startCaptchaSolver({ solveMs: 200 });
      if (solver) {
        closers.push(() => solver.close());
        secrets.CAPTCHA_API_KEY = solver.apiKey;
        vars.CAPTCHA_SERVICE_URL = solver.url;
      }
      const siteKey = '6LcSandboxListingSiteKey00000000000000';
      const site = await startListingSite({
        seed: options.seed,
        // One size for every ZIP: the smallest ZIP's, so every listing is for a county parcel.
        parcelsPerZip: listable(profile.smallestZip),
        captcha: solver && {
          siteKey,
          verifyToken: (token, key) => solver.verifyToken(token, key),
          listings: (mlsNumber) => challenged(mlsNumber),
        },
      });
      closers.push(() => site.close());
      // The sandbox site has no rate limit to respect.
      Object.assign(vars, {
        LISTING_SITE_URL: site.url,
        LISTING_REQUESTS_PER_MINUTE: '0',
        LISTING_MAX_PARALLEL: '3',
      });
      if (!given.PROXIES) {
        const proxies = await Promise.all(
          ['10.20.0.1', '10.20.0.2'].map((clientAddress) => startProxy({ clientAddress })),
        );
        for (const proxy of proxies) closers.push(() => proxy.close());
        secrets.PROXIES = proxies.map((proxy) => proxy.url).join('\n');
      }
    }
    if (!given.OLLAMA_HOST) {
      const ollama = await startOllamaSandbox();
      closers.push(() => ollama.close());
      vars.OLLAMA_HOST = ollama.url;
    }
    let apiUrl = given.GITHUB_API_URL ?? '';
    if (!apiUrl) {
      const github = await startGitHubEmulator();
      closers.push(() => github.close());
      apiUrl = github.url;
      secrets.GITHUB_TOKEN = github.token;
      result.github = github;
    }
    result.env = { GITHUB_API_URL: apiUrl };
    // A WebShare API named in --env-file (a sandbox) replaces WebShare's own for `webshare:` proxies.
    if (given.WEBSHARE_API_URL) result.env.WEBSHARE_API_URL = given.WEBSHARE_API_URL;
    result.actionEnv = (jobKey, runId) => artifacts.clientEnv(runId ?? options.runId, jobKey);
    return result;
  } catch (error) {
    await close();
    throw error;
  }
}
