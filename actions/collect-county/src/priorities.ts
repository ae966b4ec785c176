import type { Db } from 'mongodb';
import { COLLECTIONS } from '../../../shared/db/collections.js';
import type { Logger } from '../../../shared/logger.js';

/** Where the refresh cycle of one ZIP stands. */
export interface RefreshCycle {
  /** Parcels the index lists. */
  listed: number;
  /** Listed parcels the database has never had county data for. */
  neverSeen: number;
  /** Listed parcels with listing activity (new listing, price or status change) since their last county fetch. */
  active: number;
  /** When the stalest listed parcel was last refreshed, or null when none was. */
  oldestLastSeen: string | null;
}

/** Parcels in the order to fetch them, and where the cycle stands. */
export interface Priorities {
  apns: string[];
  cycle: RefreshCycle;
  /** When the county last gave each listed parcel that it ever gave (ISO). */
  lastSeen: ReadonlyMap<string, string>;
}

// `$in` lists kept short: one query per chunk, projected to the few dates needed.
const CHUNK = 500;

interface Sightings {
  _id: string;
  sources?: { county?: { lastSeen?: string }; mls?: { firstSeen?: string } };
}

const later = (a: string | undefined, b: string | undefined): string | undefined =>
  a === undefined ? b : b === undefined || a >= b ? a : b;

/**
 * Orders a ZIP's parcels for an incremental night from the database (properties keyed by
 * canonical APN, and the `history` of listing changes): first parcels with listing activity
 * since the county last gave them — a listing first seen, or a listing price or status change,
 * after `sources.county.lastSeen`, most recent activity first; then parcels the county never
 * gave, in index order; then the rest from the stalest. Only find with `$in`, a projection and a
 * sort, which FerretDB and MongoDB both support. Timestamps are ISO strings: string order is time order.
 */
export async function prioritise(
  db: Db,
  apns: readonly string[],
  logger: Logger,
): Promise<Priorities> {
  const lastSeen = new Map<string, string>();
  const activity = new Map<string, string>();
  const properties = db.collection<Sightings>(COLLECTIONS.properties);
  const history = db.collection<{ propertyKey: string; observedAt: string }>(COLLECTIONS.history);
  for (let start = 0; start < apns.length; start += CHUNK) {
    const chunk = apns.slice(start, start + CHUNK);
    const cursor = properties
      .find(
        { _id: { $in: chunk } },
        { projection: { 'sources.county.lastSeen': 1, 'sources.mls.firstSeen': 1 } },
      )
      .sort({ _id: 1 });
    for await (const property of cursor) {
      const seen = property.sources?.county?.lastSeen;
      if (typeof seen === 'string') lastSeen.set(property._id, seen);
      const listed = property.sources?.mls?.firstSeen;
      if (typeof listed === 'string') activity.set(property._id, listed);
    }
    const changes = history.find(
      { propertyKey: { $in: chunk }, source: 'mls', field: { $in: ['price', 'status'] } },
      { projection: { propertyKey: 1, observedAt: 1 } },
    );
    for await (const change of changes) {
      const at = later(activity.get(change.propertyKey), change.observedAt);
      if (at !== undefined) activity.set(change.propertyKey, at);
    }
  }
  const isActive = (apn: string): boolean => {
    const at = activity.get(apn);
    const seen = lastSeen.get(apn);
    return at !== undefined && (seen === undefined || at > seen);
  };
  const active = apns
    .filter(isActive)
    .sort((a, b) => ((activity.get(b) as string) > (activity.get(a) as string) ? 1 : -1));
  const never = apns.filter((apn) => !lastSeen.has(apn) && !isActive(apn));
  const seen = apns
    .filter((apn) => lastSeen.has(apn) && !isActive(apn))
    .sort((a, b) => Date.parse(lastSeen.get(a) as string) - Date.parse(lastSeen.get(b) as string));
  let oldest: string | null = null;
  for (const date of lastSeen.values()) if (oldest === null || date < oldest) oldest = date;
  const neverSeen = apns.filter((apn) => !lastSeen.has(apn)).length;
  logger.info(
    `${active.length} with listing activity since their last county fetch, ${never.length} never collected, ${seen.length} to refresh (stalest from ${oldest ?? 'never'})`,
  );
  return {
    apns: [...active, ...never, ...seen],
    cycle: { listed: apns.length, neverSeen, active: active.length, oldestLastSeen: oldest },
    lastSeen,
  };
}
