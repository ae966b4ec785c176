import type { Db } from 'mongodb';
import { COLLECTIONS, type ParcelIndexDocument } from '../../../shared/db/collections.js';
import { errorMessage } from '../../../shared/errors.js';
import type { Logger } from '../../../shared/logger.js';

/**
 * Where a ZIP's parcel index stands (the stored document without its key and date): what an
 * earlier search found, and whether (and from which page) a search still has to run. The county's search is a full-text
 * query padded with other ZIPs' rows, so at real size it costs hundreds of requests; the index
 * keeps its result in the database so that a night spends its requests on parcels.
 */
export type IndexState = Omit<ParcelIndexDocument, '_id' | 'updatedAt'>;

/** An index with nothing in it: the first night, or no database. */
export const EMPTY_INDEX: IndexState = {
  known: [],
  found: [],
  ignored: 0,
  total: null,
  nextPage: null,
  startedAt: null,
  completedAt: null,
};

/** Every parcel the index knows, each once: the last complete search, then new finds. */
export function indexedParcels(state: IndexState): string[] {
  if (state.found.length === 0) return state.known;
  const all = new Set(state.known);
  for (const apn of state.found) all.add(apn);
  return [...all];
}

/** The stored index of `zip`, or the empty one when there is none (or it cannot be read). */
export async function readParcelIndex(db: Db, zip: string, logger: Logger): Promise<IndexState> {
  try {
    const stored = await db
      .collection<ParcelIndexDocument>(COLLECTIONS.parcelIndex)
      .findOne({ _id: zip });
    if (stored === null) return EMPTY_INDEX;
    return {
      known: stored.known,
      found: stored.found,
      ignored: stored.ignored,
      total: stored.total,
      nextPage: stored.nextPage,
      startedAt: stored.startedAt,
      completedAt: stored.completedAt,
    };
  } catch (error) {
    // The index only saves requests; without it the ZIP is searched again.
    logger.warning(`${zip}: cannot read the parcel index (${errorMessage(error)}); searching`);
    return EMPTY_INDEX;
  }
}

/**
 * Stores `state` as the index of `zip` (one document per ZIP, replaced whole). A failure is a
 * warning: the parcels collected tonight are in the artifact either way; only the next night's
 * search costs more.
 */
export async function writeParcelIndex(
  db: Db,
  zip: string,
  state: IndexState,
  logger: Logger,
): Promise<void> {
  const document: ParcelIndexDocument = {
    _id: zip,
    known: state.known,
    found: state.found,
    ignored: state.ignored,
    total: state.total,
    nextPage: state.nextPage,
    startedAt: state.startedAt,
    completedAt: state.completedAt,
    updatedAt: new Date().toISOString(),
  };
  try {
    await db
      .collection<ParcelIndexDocument>(COLLECTIONS.parcelIndex)
      .replaceOne({ _id: zip }, document, { upsert: true });
  } catch (error) {
    logger.warning(
      `${zip}: cannot store the parcel index (${errorMessage(error)}); the next run searches again`,
    );
  }
}
