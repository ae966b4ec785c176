import type { CountySandboxProcessOptions } from './process.js';

/** How big the local world is: `small` for the quick run, `realistic` for the county as a night meets it. */
export type SandboxScale = 'small' | 'realistic';

/**
 * Residential parcels of the default ZIPs under `realistic`, near the assessor's counts of
 * single-family, townhouse and condo parcels (west Phoenix, 2025, rounded): 85033 is the largest,
 * 85035 the smallest (many of its homes are apartments, one parcel each).
 */
export const REALISTIC_PARCELS: Readonly<Record<string, number>> = {
  '85031': 9_000,
  '85033': 12_000,
  '85035': 6_500,
};

/** Residential parcels of any other ZIP under `realistic` (Phoenix ZIPs hold 5,000 to 15,000). */
export const REALISTIC_PARCELS_ELSEWHERE = 8_000;

/**
 * Share of a ZIP search's rows that are not the ZIP's residential parcels under `realistic`: the
 * full-text search also hits commercial parcels and parcels of other ZIPs (owners mailing there).
 */
export const REALISTIC_NOISE_SHARE = 0.25;

/** Requests an hour the county allows one token. */
export const TOKEN_REQUESTS_PER_HOUR = 1_000;

/** The workflow's defaults for `COUNTY_TIME_BUDGET_MINUTES` and `COUNTY_MAX_PARALLEL`. */
export const WORKFLOW_COUNTY_DEFAULTS = { timeBudgetMinutes: 50, maxParallel: 2 } as const;

const HOUR_MS = 3_600_000;

/** What a scale profile asks of the county sandbox, and the workflow vars a run needs for it. */
export interface CountyProfile {
  sandbox: CountySandboxProcessOptions;
  vars: Record<string, string>;
  /** The smallest ZIP's residential parcels (the listing site takes one size for every ZIP). */
  smallestZip: number;
}

/** The options that choose a profile, as the local runner takes them. */
export interface ScaleOptions {
  /** Default `small`. */
  scale?: SandboxScale;
  /**
   * How many times faster than real time a `realistic` run goes (default 1): the token's hourly
   * window lasts 3,600,000 / K ms, and the run gets K times the requests an hour and 1/K of the
   * time budget. A whole number from 1 to 3600.
   */
  timeScale?: number;
  /** Parcels of every ZIP; default 20 for `small`, the realistic sizes for `realistic`. */
  parcelsPerZip?: number;
  seed?: string;
}

/** The county sandbox and workflow vars of a profile; a bad option throws naming its flag. */
export function countyProfile(options: ScaleOptions): CountyProfile {
  const { scale = 'small', timeScale = 1, parcelsPerZip, seed } = options;
  if (scale !== 'small' && scale !== 'realistic') {
    throw new Error(`--scale '${String(scale)}': expected small or realistic`);
  }
  if (!Number.isInteger(timeScale) || timeScale < 1 || timeScale > 3600) {
    throw new Error(`--time-scale '${timeScale}': expected a whole number from 1 to 3600`);
  }
  if (parcelsPerZip !== undefined && (!Number.isInteger(parcelsPerZip) || parcelsPerZip < 1)) {
    throw new Error(`--parcels-per-zip '${parcelsPerZip}': expected a whole number >= 1`);
  }
  if (scale === 'small') {
    if (timeScale !== 1) {
      throw new Error(
        `--time-scale ${timeScale}: only with --scale realistic (the small profile has no rate limit or time budget to compress)`,
      );
    }
    const size = parcelsPerZip ?? 20;
    // The sandbox has no hourly quota, so the run need not pace itself.
    const vars = { COUNTY_REQUESTS_PER_HOUR: '0', COUNTY_MAX_PARALLEL: '3' };
    return { sandbox: { parcelsPerZip: size, seed }, vars, smallestZip: size };
  }
  const sizes = parcelsPerZip ?? { ...REALISTIC_PARCELS };
  const budget = WORKFLOW_COUNTY_DEFAULTS.timeBudgetMinutes / timeScale;
  return {
    sandbox: {
      parcelsPerZip: sizes,
      parcelsElsewhere: parcelsPerZip ?? REALISTIC_PARCELS_ELSEWHERE,
      noiseShare: REALISTIC_NOISE_SHARE,
      rateLimit: { requests: TOKEN_REQUESTS_PER_HOUR, windowMs: Math.round(HOUR_MS / timeScale) },
      seed,
    },
    vars: {
      // The token's whole rate; collect-county shares it among the shards that run at once.
      COUNTY_REQUESTS_PER_HOUR: String(TOKEN_REQUESTS_PER_HOUR * timeScale),
      COUNTY_MAX_PARALLEL: String(WORKFLOW_COUNTY_DEFAULTS.maxParallel),
      COUNTY_TIME_BUDGET_MINUTES: String(Number(budget.toFixed(6))),
    },
    smallestZip: parcelsPerZip ?? Math.min(...Object.values(REALISTIC_PARCELS)),
  };
}
