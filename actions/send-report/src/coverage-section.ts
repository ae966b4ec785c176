import { count, share } from './format.js';
import type { RunSummary } from './run-summary.js';
import { section, type Section } from './section-types.js';
import type { ListingFrontier, ParcelCoverage, ZipCoverage } from './zip-coverage.js';

/** Coverage per ZIP as the latest run of the period left it. */
export interface LatestCoverage {
  /** The latest run and how many runs the period held; undefined when it held none. */
  run: { runId: string; startedAt: string; of: number } | undefined;
  /** Every ZIP of the latest run or of the period, sorted; figures only where the run gave them. */
  zips: Array<{ zip: string } & ZipCoverage>;
}

/** The latest run's coverage for its ZIPs and every other ZIP the period collected. */
export function latestCoverage(
  runs: readonly RunSummary[],
  zips: readonly string[],
): LatestCoverage {
  const latest = runs.at(-1);
  const byZip = latest?.coverage ?? new Map<string, ZipCoverage>();
  // Code-unit order, the same under every locale a runner may have.
  const all = [...new Set([...byZip.keys(), ...zips])].sort();
  return {
    run: latest && { runId: latest.runId, startedAt: latest.startedAt, of: runs.length },
    zips: all.map((zip) => ({ zip, ...byZip.get(zip) })),
  };
}

const plural = (value: number, unit: string): string =>
  `${count(value)} ${unit}${value === 1 ? '' : 's'}`;
const nights = (value: number): string => plural(value, 'night');

function pace(c: ParcelCoverage): string {
  if (c.perNight === null)
    return 'no request budget (no rate limit or no time budget), so no refresh estimate: every due parcel is tried each run';
  const budget = c.requestBudget === null ? '' : ` (request budget ${count(c.requestBudget)})`;
  const left =
    c.nightsLeft === 0
      ? 'every known parcel is fresh now'
      : `${nights(c.nightsLeft)} until every known parcel is fresh`;
  return `${count(c.perNight)} parcels a night${budget}: a full refresh takes ${nights(c.cycleNights)}; ${left}`;
}

function parcelLines(zip: string, c: ParcelCoverage): string[] {
  const fresh = share(c.known === 0 ? null : c.fresh / c.known);
  const activity = c.listingActivity
    ? `; ${count(c.listingActivity)} with listing activity went first`
    : '';
  const lines = [
    `${zip}: ${count(c.fresh)} of ${count(c.known)} known parcels fresh (${fresh}, refreshed within ${plural(c.freshDays, 'day')}), ${count(c.collected)} ever collected; ${pace(c)}${activity}`,
  ];
  if (c.indexPagesLeft !== null)
    lines.push(
      `${zip}: the parcel index is still being built: about ${count(c.indexPagesLeft)} search pages left; more parcels will be known`,
    );
  return lines;
}

function listingLine(zip: string, f: ListingFrontier): string {
  const visited = (['new', 'changed', 'revisited'] as const).flatMap((key) =>
    f[key] === undefined ? [] : [`${count(f[key])} ${key}`],
  );
  const parts = [
    ...(f.known === undefined ? [] : [`${count(f.known)} on the result pages`]),
    ...(visited.length ? [`${visited.join(', ')} in this run`] : []),
    ...(f.left === undefined ? [] : [`${count(f.left)} left for the next run`]),
  ];
  return `${zip} listings: ${parts.join('; ')}`;
}

function zipLines(z: LatestCoverage['zips'][number]): string[] {
  const lines: string[] = [];
  const county = z.county;
  if (!county)
    lines.push(`${z.zip}: no parcel coverage: the county shard did not run in the latest run`);
  else if (county.coverage) lines.push(...parcelLines(z.zip, county.coverage));
  else {
    const why = county.missing.length
      ? `incomplete figures (missing ${county.missing.join(', ')})`
      : 'none reported (a full run, or no database)';
    const ended = county.outcome === 'success' ? '' : `; the county shard ended ${county.outcome}`;
    lines.push(`${z.zip}: no parcel coverage: ${why}${ended}`);
  }
  if (z.listings) lines.push(listingLine(z.zip, z.listings));
  return lines;
}

/** Per ZIP: parcels known, fresh, ever collected, the refresh pace, and the listing frontier. */
export function coverageSection(coverage: LatestCoverage): Section {
  const { run, zips } = coverage;
  if (!run) return section('Coverage', { lines: ['No coverage figures: no run in this period.'] });
  if (zips.length === 0)
    return section('Coverage', {
      lines: ['No coverage figures: no county or listing shard reported in the latest run.'],
    });
  const asOf = run.of > 1 ? [`As of the latest run, ${run.runId} (started ${run.startedAt}).`] : [];
  return section('Coverage', { lines: [...asOf, ...zips.flatMap(zipLines)] });
}
