import { ACTIVE_LISTING_STATUSES } from '../../../shared/model/mls-listing.js';
import type { MarketListing } from './market-listing.js';
import { weeklyTrend, type TrendPoint } from './market-trend.js';
import { median } from './median.js';

export { median } from './median.js';

/** A recorded price change of a listing. */
export interface PriceChange {
  zip: string | null;
  from: number;
  to: number;
  observedAt: string;
  /** The listing's address as scraped: untrusted text. */
  address: string | null;
  /** The start of the listing's public remarks: untrusted text. */
  remarks: string | null;
}

/** The market in one ZIP. */
export interface ZipMarket {
  zip: string;
  /** Listings ARMLS counts as on the market (Active, UCB, CCBS). */
  activeInventory: number;
  medianPrice: number | null;
  medianPricePerSqft: number | null;
  medianDaysOnMarket: number | null;
  priceCuts: number;
  priceRises: number;
}

/** The market view of weekly and monthly reports. */
export interface MarketView {
  zips: ZipMarket[];
  /** Active listings per price band, e.g. {"$200k-$300k": 12}. */
  distribution: Array<{ band: string; listings: number }>;
  priceChanges: { count: number; cuts: number; rises: number; medianChangePercent: number | null };
  /** Medians of the listings listed each week, per ZIP: price trends over time. */
  trend: TrendPoint[];
  /** The largest changes by percent, at most NOTABLE_CHANGES. */
  notableChanges: Array<PriceChange & { changePercent: number }>;
}

/** Price changes listed one by one in the market view. */
export const NOTABLE_CHANGES = 10;

const BANDS = [0, 200_000, 300_000, 400_000, 500_000, Infinity];
const bandName = (low: number, high: number): string =>
  high === Infinity
    ? `$${low / 1000}k+`
    : low === 0
      ? `under $${high / 1000}k`
      : `$${low / 1000}k-$${high / 1000}k`;

const isActive = (status: string): boolean =>
  (ACTIVE_LISTING_STATUSES as readonly string[]).includes(status);

/** Medians, inventory, distribution, trend and price changes from the stored listings. */
export function buildMarketView(
  listings: readonly MarketListing[],
  changes: readonly PriceChange[],
  now: Date,
): MarketView {
  const active = listings.filter((listing) => isActive(listing.status));
  const zipNames = [...new Set(listings.map((listing) => listing.zip))].sort();
  const zips = zipNames.map((zip): ZipMarket => {
    const inZip = active.filter((listing) => listing.zip === zip);
    const prices = inZip.flatMap((l) => (l.listPrice === null ? [] : [l.listPrice]));
    const perSqft = inZip.flatMap((l) =>
      l.listPrice !== null && l.livingAreaSqft ? [l.listPrice / l.livingAreaSqft] : [],
    );
    const zipChanges = changes.filter((change) => change.zip === zip);
    return {
      zip,
      activeInventory: inZip.length,
      medianPrice: median(prices),
      medianPricePerSqft: median(perSqft),
      medianDaysOnMarket: median(
        inZip.flatMap((l) => (l.daysOnMarket === null ? [] : [l.daysOnMarket])),
      ),
      priceCuts: zipChanges.filter((change) => change.to < change.from).length,
      priceRises: zipChanges.filter((change) => change.to > change.from).length,
    };
  });
  const distribution = BANDS.slice(0, -1).map((low, index) => {
    const high = BANDS[index + 1]!;
    const listings = active.filter(
      (l) => l.listPrice !== null && l.listPrice >= low && l.listPrice < high,
    ).length;
    return { band: bandName(low, high), listings };
  });
  const withPercent = changes
    .filter((c) => c.from > 0)
    .map((c) => ({ ...c, changePercent: ((c.to - c.from) / c.from) * 100 }));
  const percents = withPercent.map((c) => c.changePercent);
  return {
    zips,
    distribution,
    priceChanges: {
      count: changes.length,
      cuts: changes.filter((change) => change.to < change.from).length,
      rises: changes.filter((change) => change.to > change.from).length,
      medianChangePercent: median(percents),
    },
    trend: weeklyTrend(listings, now),
    notableChanges: withPercent
      .sort((a, b) => Math.abs(b.changePercent) - Math.abs(a.changePercent))
      .slice(0, NOTABLE_CHANGES),
  };
}
