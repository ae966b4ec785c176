import type { StoreResult } from './store.js';

const percent = (share: number | null | undefined): string =>
  share === null || share === undefined ? 'n/a' : `${(share * 100).toFixed(1)} %`;

/** The step summary of a store run: counts, quality and integrity as Markdown tables. */
export function storeSummary(result: StoreResult): string {
  const { quality } = result;
  const title = result.dryRun ? '### store-mongo (dry run: nothing written)' : '### store-mongo';
  return [
    title,
    '',
    `${result.records} records read. Integrity: **${result.integrity}**`,
    '',
    '| inserted | updated | unchanged | price changes | history rows | linked listings | conflicts |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${result.inserted} | ${result.updated} | ${result.unchanged} | ${result.priceChanges} | ${result.historyRows} | ${result.linkedListings} | ${result.conflicts} |`,
    '',
    '| quality | value |',
    '| --- | ---: |',
    `| completeness, county | ${percent(quality.completeness.county)} |`,
    `| completeness, listings | ${percent(quality.completeness.mls)} |`,
    `| completeness, enrichment | ${percent(quality.completeness.llm)} |`,
    `| validity (${quality.validity.valid} of ${quality.validity.records}) | ${percent(quality.validity.share)} |`,
    `| duplicates merged | ${quality.duplicatesMerged} |`,
    `| listings linked to parcels (${quality.listingsLinked.linked} of ${quality.listingsLinked.listings}) | ${percent(quality.listingsLinked.share)} |`,
    `| parcels refreshed within ${quality.freshness?.days ?? '-'} days | ${percent(quality.freshness?.share)} |`,
    '',
  ].join('\n');
}
