import { join } from 'node:path';
import type { Logger } from '../../shared/logger.js';
import { startArtifactService } from '../artifact-service/server.js';
import { provisionMongo } from '../mongo/provision-mongo.js';
import { startCountySandbox } from '../sandbox/county/server.js';
import { startGitHubEmulator } from '../sandbox/github/server.js';
import { startListingSite } from '../sandbox/listing-site/server.js';
import { startOllamaSandbox } from '../sandbox/ollama/server.js';

/** What the run gets from the local defaults: secrets, vars, step environment. */
export interface LocalDefaults {
  secrets: Record<string, string>;
  vars: Record<string, string>;
  env: Record<string, string>;
  actionEnv: (jobKey: string) => Record<string, string>;
  /** Sandboxes that tests look into (absent where a real endpoint was configured). */
  github?: Awaited<ReturnType<typeof startGitHubEmulator>>;
  county?: Awaited<ReturnType<typeof startCountySandbox>>;
  close(): Promise<void>;
}

/** Options of the local defaults; `configured` holds secrets and vars from `--env-file`. */
export interface LocalDefaultsOptions {
  outDir: string;
  runId: string;
  logger: Logger;
  configured: Record<string, string>;
  parcelsPerZip: number;
  seed?: string;
}

/**
 * Starts what the configuration leaves open: the artifact service always; the database, county
 * API, listing site, Ollama and GitHub API unless `--env-file` names real ones.
 */
export async function startLocalDefaults(options: LocalDefaultsOptions): Promise<LocalDefaults> {
  const closers: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const closer of closers.reverse()) await closer().catch(() => undefined);
  };
  try {
    const given = options.configured;
    const secrets: Record<string, string> = {};
    const vars: Record<string, string> = {};
    const artifacts = await startArtifactService({ storageDir: join(options.outDir, 'artifacts') });
    closers.push(() => artifacts.close());
    const mongo = await provisionMongo({
      logger: options.logger,
      env: { ...process.env, ...given },
    });
    closers.push(() => mongo.stop());
    secrets.MONGODB_URI = mongo.uri;
    const result: LocalDefaults = { secrets, vars, env: {}, actionEnv: () => ({}), close };
    if (!given.COUNTY_API_URL) {
      const county = await startCountySandbox({
        seed: options.seed,
        parcelsPerZip: options.parcelsPerZip,
      });
      closers.push(() => county.close());
      // The sandbox has no hourly quota, so the run need not pace itself.
      Object.assign(vars, { COUNTY_API_URL: county.url, COUNTY_REQUESTS_PER_HOUR: '0' });
      secrets.COUNTY_API_TOKEN = county.token;
      result.county = county;
    }
    if (!given.LISTING_SITE_URL) {
      const site = await startListingSite({
        seed: options.seed,
        parcelsPerZip: options.parcelsPerZip,
      });
      closers.push(() => site.close());
      vars.LISTING_SITE_URL = site.url;
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
    result.actionEnv = (jobKey) => artifacts.clientEnv(options.runId, jobKey);
    return result;
  } catch (error) {
    await close();
    throw error;
  }
}
