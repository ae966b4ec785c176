import type { Db } from 'mongodb';
import type { Logger } from '../../../shared/logger.js';

/** Where the refresh cycle of one ZIP stands. */
export interface RefreshCycle {
  /** Parcels the search listed. */
  listed: number;
  /** Listed parcels the database has never had county data for. */
  neverSeen: number;
  /** When the stalest listed parcel was last refreshed, or null when none was. */
  oldestLastSeen: string | null;
}

/** Parcels in the order to fetch them, and where the cycle stands. */
export interface Priorities {
  apns: string[];
  cycle: RefreshCycle;
}

// `$in` lists kept short: one query per chunk, projected to the one date needed.
const CHUNK = 500;

/**
 * Orders a ZIP's parcels for an incremental run from the `properties` collection (keyed by
 * canonical APN): parcels the county never gave first, in search order, then the others from
 * the stalest `sources.county.lastSeen`. Only find with `$in`, a projection and a sort, which
 * FerretDB and MongoDB both support.
 */
export async function prioritise(
  db: Db,
  apns: readonly string[],
  logger: Logger,
): Promise<Priorities> {
  const lastSeen = new Map<string, string>();
  const properties = db.collection<{ _id: string; sources?: { county?: { lastSeen?: string } } }>(
    'properties',
  );
  for (let start = 0; start < apns.length; start += CHUNK) {
    const chunk = apns.slice(start, start + CHUNK);
    const cursor = properties
      .find({ _id: { $in: chunk } }, { projection: { 'sources.county.lastSeen': 1 } })
      .sort({ _id: 1 });
    for await (const property of cursor) {
      const seen = property.sources?.county?.lastSeen;
      if (typeof seen === 'string') lastSeen.set(property._id, seen);
    }
  }
  const never = apns.filter((apn) => !lastSeen.has(apn));
  const seen = apns
    .filter((apn) => lastSeen.has(apn))
    .sort((a, b) => Date.parse(lastSeen.get(a) as string) - Date.parse(lastSeen.get(b) as string));
  const oldest = seen[0] === undefined ? null : (lastSeen.get(seen[0]) ?? null);
  logger.info(
    `${never.length} never collected, ${seen.length} to refresh (stalest from ${oldest ?? 'never'})`,
  );
  return {
    apns: [...never, ...seen],
    cycle: { listed: apns.length, neverSeen: never.length, oldestLastSeen: oldest },
  };
}
