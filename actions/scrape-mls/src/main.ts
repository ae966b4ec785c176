import { runAction, type ActionDefinition } from '../../../shared/action.js';
import { runnerArtifactClient } from '../../../shared/io/artifact.js';
import { runnerStopSignal } from '../../../shared/stop-signal.js';
import { scrapeMlsInputs } from './inputs.js';
import { scrapeFailure } from './outcome.js';
import {
  DEFAULT_TUNING,
  scrapeMls,
  type ScrapeDependencies,
  type ScrapeResult,
  type ScrapeTuning,
} from './scrape.js';
import { scrapeSummary } from './summary.js';

const total = (
  result: ScrapeResult,
  pick: (shard: ScrapeResult['shards'][number]) => number,
): number => result.shards.reduce((sum, shard) => sum + pick(shard), 0);

/**
 * scrape-mls with the given timings (tests shorten the CAPTCHA poll and the proxy cooldown);
 * `outside` is the runner's stop signal and the budget's clock (tests give a faster one).
 */
export function scrapeMlsAction(
  tuning: ScrapeTuning = DEFAULT_TUNING,
  outside: Pick<ScrapeDependencies, 'stop' | 'sleep'> = {},
): ActionDefinition<typeof scrapeMlsInputs, ScrapeResult> {
  return {
    name: 'scrape-mls',
    inputs: scrapeMlsInputs,
    secrets: ['proxies', 'captchaApiKey', 'mongodbUri'],
    execute: (inputs, logger) =>
      scrapeMls(inputs, {
        ...outside,
        logger,
        tuning,
        artifactClient: runnerArtifactClient(),
      }),
    outputs: (result) => ({
      listings: total(result, (shard) => shard.listings),
      pages: total(result, (shard) => shard.stats.pages),
      blocked: total(result, (shard) => shard.stats.blocked),
      'captchas-solved': total(result, (shard) => shard.stats.captchasSolved),
      'proxies-retired': result.proxiesRetired,
      complete: result.shards.every((shard) => shard.complete),
      'artifact-name': result.artifactName,
    }),
    failureOutputs: {
      listings: 0,
      pages: 0,
      blocked: 0,
      'captchas-solved': 0,
      'proxies-retired': 0,
      complete: false,
      'artifact-name': '',
    },
    summary: scrapeSummary,
    failure: scrapeFailure,
  };
}

/** scrape-mls: listing pages by ZIP through Chromium into one `mls-listing` artifact per ZIP. */
export const action = scrapeMlsAction();

/**
 * Entry point: reads inputs from the runner and runs the action. SIGINT or SIGTERM from the runner
 * (a timeout, a cancellation) stops the scrape; what it has is uploaded before the process ends.
 */
export const run = () => runAction(scrapeMlsAction(DEFAULT_TUNING, { stop: runnerStopSignal() }));
