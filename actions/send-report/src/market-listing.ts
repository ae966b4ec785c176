/** The listing facts the market view reads from one stored property. */
export interface MarketListing {
  zip: string;
  status: string;
  listPrice: number | null;
  livingAreaSqft: number | null;
  daysOnMarket: number | null;
  /** Listing date (YYYY-MM-DD), when the page gave one. */
  listedOn: string | null;
}
