import { scrapeFailure } from './outcome.js';
import type { ScrapeResult } from './scrape.js';
import { markdownText } from '../../../shared/markdown.js';

const number = (value: number): string => value.toLocaleString('en-US');

/** Listing pages per minute over a shard's wall-clock time. */
export function pagesPerMinute(pages: number, elapsedMs: number): number {
  return elapsedMs > 0 ? Math.round((pages * 60_000) / elapsedMs) : 0;
}

const megabytes = (bytes: number): string => `${(bytes / 1e6).toFixed(2)} MB`;

/** Pages loaded each way, and the proxy traffic each way when there was any. */
function loads(shard: ScrapeResult['shards'][number]): string {
  const { browser, http } = shard.stats.loads;
  const bytes = shard.proxyBytes;
  const traffic =
    bytes.browser + bytes.http > 0
      ? `; proxy traffic ${megabytes(bytes.browser)} in the browser, ${megabytes(bytes.http)} over HTTP`
      : '';
  return `pages loaded in the browser ${number(browser)}, over plain HTTP ${number(http)}${traffic}`;
}

/** Each page type's mode at the end, its changes, and whether Chromium started. */
function rendering(result: ScrapeResult): string {
  const types = Object.entries(result.rendering).map(
    ([type, state]) =>
      `${type} pages ${state.mode === 'http' ? 'over plain HTTP' : 'in the browser'}${state.switches > 0 ? ` (changed ${state.switches}x in this run)` : ''}`,
  );
  const browser = result.browserLaunched ? 'Chromium was started' : 'Chromium never started';
  return `${types.length > 0 ? `${types.join(', ')}; ` : ''}${browser}`;
}

/** The step summary: per ZIP listings, pages, blocks, CAPTCHAs, failures and rate; gated or partial runs say so. */
export function scrapeSummary(result: ScrapeResult): string {
  if (!result.enabled) {
    return '## MLS listings\n\nSkipped: the budget gate switched scraping off (`enabled: false`). Nothing was fetched.\n';
  }
  const rows = result.shards.map(
    (shard) =>
      `| ${shard.zip} | ${number(shard.listings)} | ${number(shard.stats.listingsScraped)} | ${number(shard.stats.pages)} | ${number(shard.stats.blocked)} | ${number(shard.stats.captchasSolved)} | ${number(shard.stats.failed)} | ${number(shard.implausible)} | ${number(pagesPerMinute(shard.stats.pages, shard.elapsedMs))}/min | ${shard.complete ? 'yes' : 'no'} |`,
  );
  const notes = result.shards.flatMap((shard) => {
    const { stoppedBecause, stopRequest } = shard.stats;
    const reason = stoppedBecause ?? stopRequest;
    const f = shard.frontier;
    const { linksRefused, unresponsive } = shard.stats;
    return [
      ...(reason === null ? [] : [`- ${shard.zip}: stopped early: ${markdownText(reason)}`]),
      ...(linksRefused === 0
        ? []
        : [
            `- ${shard.zip}: ${number(linksRefused)} links refused (not http(s), another site or a private address: never loaded)`,
          ]),
      ...(unresponsive === 0
        ? []
        : [`- ${shard.zip}: ${number(unresponsive)} pages abandoned: their script never yielded`]),
      `- ${shard.zip}: ${loads(shard)}`,
      `- ${shard.zip}: ${number(f['listings-known'])} listings on the result pages; visited ${number(f['listings-new'])} new, ${number(f['listings-changed'])} changed, ${number(f['listings-revisited'])} again; ${number(f['listings-left'])} left for the next run`,
    ];
  });
  const where = result.artifactName
    ? `Artifacts: ${result.shards.map((shard) => `\`${shard.artifact}\``).join(', ')}.`
    : `Stage folders written to \`${result.outDir}\`${result.dryRun ? ' (dry run: nothing uploaded)' : ' (no artifact service: not uploaded)'}.`;
  const complete = result.shards.every((shard) => shard.complete);
  const failure = scrapeFailure(result);
  return [
    '## MLS listings',
    '',
    ...(failure === undefined ? [] : [`**Failed**: ${markdownText(failure)}`, '']),
    complete
      ? 'Complete.'
      : '**Partial run**: some pages failed or the run stopped early. Re-running the job continues from these artifacts (it reads the result pages again and fetches only the listing pages they lack); with `mongodb-uri`, the next night visits the listings left here before those read more recently.',
    '',
    '| ZIP | in artifact | scraped now | pages | blocked | CAPTCHAs | failed | implausible | rate | complete |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows,
    '',
    ...notes,
    `Rendering: ${rendering(result)}. Proxies retired: ${result.proxiesRetired}.`,
    '',
    where,
    '',
  ].join('\n');
}
