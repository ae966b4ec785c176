import type { Conflict } from '../../../shared/model/property.js';
import type { PropertyDocument } from '../../../shared/db/collections.js';

type County = NonNullable<PropertyDocument['county']>;
type Listing = NonNullable<PropertyDocument['listing']>;

/** Share by which two areas may differ before the sources are said to disagree. */
export const AREA_TOLERANCE = 0.1;

interface Check {
  field: string;
  county: (county: County) => number | null;
  mls: (listing: Listing) => number | null;
  disagree: (county: number, mls: number) => boolean;
}

const relative = (a: number, b: number): boolean =>
  Math.abs(a - b) > AREA_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));

const CHECKS: readonly Check[] = [
  {
    field: 'livingAreaSqft',
    county: (county) => county.livingAreaSqft,
    mls: (listing) => listing.livingAreaSqft,
    disagree: relative,
  },
  {
    field: 'lotSizeSqft',
    county: (county) => county.lotSizeSqft,
    mls: (listing) => listing.lotSizeSqft,
    disagree: relative,
  },
  {
    field: 'yearBuilt',
    county: (county) => county.originalConstructionYear ?? county.constructionYear,
    // Listings round and remodels shift the effective year; a year either way is not a dispute.
    mls: (listing) => listing.yearBuilt,
    disagree: (a, b) => Math.abs(a - b) > 1,
  },
];

/**
 * Facts on which the county and the listing disagree (living area or lot differing by more than
 * 10 %, year built by more than a year), each with both values. A conflict already recorded with
 * the same values keeps its `detectedAt`.
 */
export function detectConflicts(
  county: County | null,
  listing: Listing | null,
  previous: readonly Conflict[],
  now: string,
): Conflict[] {
  if (county === null || listing === null) return [];
  const conflicts: Conflict[] = [];
  for (const check of CHECKS) {
    const countyValue = check.county(county);
    const mlsValue = check.mls(listing);
    if (countyValue === null || mlsValue === null || !check.disagree(countyValue, mlsValue))
      continue;
    const known = previous.find(
      (conflict) =>
        conflict.field === check.field &&
        conflict.values.county === countyValue &&
        conflict.values.mls === mlsValue,
    );
    conflicts.push({
      field: check.field,
      values: { county: countyValue, mls: mlsValue },
      detectedAt: known?.detectedAt ?? now,
    });
  }
  return conflicts;
}
