import type { Checkpoint } from './checkpoint.js';
import type { Priorities } from './priorities.js';

/** How far a ZIP's rolling refresh stands after tonight, and how long a full refresh takes. */
export interface Coverage {
  /** Parcels the index knows. */
  known: number;
  /** Known parcels the county has given at some time (tonight's included). */
  collected: number;
  /** Known parcels refreshed within `freshDays` (tonight's included). */
  fresh: number;
  freshDays: number;
  /** Parcels a night refreshes at this pace and budget; null without a rate or time budget. */
  perNight: number | null;
  /** Nights until every known parcel is fresh again at this pace (0 when all are). */
  nightsLeft: number;
  /** Nights one full refresh of the known parcels takes at this pace. */
  cycleNights: number;
  /** Search pages left before the index is complete (null when the county sent no TOTAL). */
  indexPagesLeft: number | null;
}

/**
 * The coverage of a ZIP after tonight: a parcel is collected when the database had county data
 * for it or tonight's artifact holds it, fresh when that was within `freshDays` of `now`.
 * `perNight` is the steady pace: the requests of a night (the budget, or fewer when a night that
 * ran its whole budget managed fewer) less the one page that checks the index's TOTAL.
 */
export function coverageOf(options: {
  apns: readonly string[];
  priorities: Pick<Priorities, 'lastSeen'> | null;
  checkpoint: Pick<Checkpoint, 'has'>;
  freshDays: number;
  requestBudget: number;
  /**
   * Requests sent tonight when the time budget ended the night: what the county and this runner
   * actually managed in the budget, which may be fewer than the budget (slow answers, retries).
   */
  measuredRequests: number | null;
  indexPagesLeft: number | null;
  now?: Date;
}): Coverage {
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - options.freshDays * 86_400_000).toISOString();
  const lastSeen = options.priorities?.lastSeen ?? new Map<string, string>();
  let [collected, fresh] = [0, 0];
  for (const apn of options.apns) {
    const tonight = options.checkpoint.has(apn);
    const seen = lastSeen.get(apn);
    if (tonight || seen !== undefined) collected += 1;
    if (tonight || (seen !== undefined && seen >= cutoff)) fresh += 1;
  }
  const known = options.apns.length;
  const capacity = Math.min(options.requestBudget, options.measuredRequests ?? Infinity);
  const perNight = Number.isFinite(capacity) ? Math.max(1, capacity - 1) : null;
  const nights = (parcels: number): number =>
    parcels === 0 ? 0 : perNight === null ? 1 : Math.ceil(parcels / perNight);
  return {
    known,
    collected,
    fresh,
    freshDays: options.freshDays,
    perNight,
    nightsLeft: nights(known - fresh),
    cycleNights: nights(known),
    indexPagesLeft: options.indexPagesLeft,
  };
}
