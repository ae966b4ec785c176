import type { MarketListing } from './market-listing.js';
import { median } from './median.js';

/** Weeks of listings the trend covers. */
export const TREND_WEEKS = 12;

/** The listings of one ZIP listed in one week. */
export interface TrendPoint {
  zip: string;
  /** Monday of the week (UTC), YYYY-MM-DD. */
  week: string;
  listings: number;
  medianPrice: number | null;
  medianPricePerSqft: number | null;
}

function weekOf(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Median list price and price per square foot of the listings listed each week of the last
 * TREND_WEEKS weeks, per ZIP, oldest first: how asking prices move over time.
 */
export function weeklyTrend(listings: readonly MarketListing[], now: Date): TrendPoint[] {
  const since = new Date(now.getTime() - TREND_WEEKS * 7 * 86_400_000).toISOString().slice(0, 10);
  const groups = new Map<string, MarketListing[]>();
  for (const listing of listings) {
    if (listing.listedOn === null || listing.listedOn < since || listing.listPrice === null)
      continue;
    const key = `${listing.zip} ${weekOf(listing.listedOn)}`;
    groups.set(key, [...(groups.get(key) ?? []), listing]);
  }
  return [...groups]
    .map(([key, group]) => {
      const [zip = '', week = ''] = key.split(' ');
      return {
        zip,
        week,
        listings: group.length,
        medianPrice: median(group.flatMap((l) => (l.listPrice === null ? [] : [l.listPrice]))),
        medianPricePerSqft: median(
          group.flatMap((l) =>
            l.listPrice !== null && l.livingAreaSqft ? [l.listPrice / l.livingAreaSqft] : [],
          ),
        ),
      };
    })
    .sort((a, b) => a.week.localeCompare(b.week) || a.zip.localeCompare(b.zip));
}
