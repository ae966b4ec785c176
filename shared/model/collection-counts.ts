/**
 * The run-stats counts (summed) that say what a collecting action collected and what it gave up
 * on: the one definition of a night's collection success rate, for the report and the incidents.
 */
export const COLLECTION_COUNTS: Readonly<
  Record<
    string,
    { source: 'county' | 'mls'; collected: readonly string[]; failed: readonly string[] }
  >
> = {
  'collect-county': {
    source: 'county',
    collected: ['parcels-fetched', 'parcels-resumed'],
    // Abandoned: left because the county kept failing (its circuit opened), not by the plan.
    failed: ['parcels-failed', 'parcels-abandoned'],
  },
  // `failed` counts the pages (search and listing) given up after retries.
  'scrape-mls': { source: 'mls', collected: ['listings-scraped'], failed: ['failed'] },
};

/** The sum of the named counts (missing ones are 0). */
export function sumCounts(
  counts: Readonly<Record<string, number>>,
  names: readonly string[],
): number {
  return names.reduce((total, name) => total + (counts[name] ?? 0), 0);
}
