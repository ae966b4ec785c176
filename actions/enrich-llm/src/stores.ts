import type { Db } from 'mongodb';
import { connectDatabase, type DatabaseConnection } from '../../../shared/db/connect.js';
import { ensureIndexes } from '../../../shared/db/indexes.js';
import { ConfigurationError, errorMessage } from '../../../shared/errors.js';
import type { Logger } from '../../../shared/logger.js';
import {
  ArtifactExtractionCache,
  CACHE_COLLECTION,
  MongoExtractionCache,
  type ExtractionCache,
} from './cache.js';
import { MongoCarriedStore, type CarriedStore, type CarriedSubject } from './carried.js';
import type { EnrichOutcome } from './enrich.js';
import type { EnrichInputs } from './inputs.js';

/** Creates the cache's declared indexes; without them the cache is slower, so a failure is a warning. */
async function ensureCacheIndexes(db: Db, logger: Logger): Promise<void> {
  try {
    await ensureIndexes(db, [CACHE_COLLECTION]);
  } catch (error) {
    logger.warning(`${CACHE_COLLECTION}: cannot create its indexes: ${errorMessage(error)}`);
  }
}

/** The caches to use and where carried properties wait, over one MongoDB connection if given. */
export async function openStores(
  inputs: EnrichInputs,
  earlier: ConstructorParameters<typeof ArtifactExtractionCache>[0],
  logger: Logger,
) {
  const caches: ExtractionCache[] = inputs.cache ? [new ArtifactExtractionCache(earlier)] : [];
  let connection: DatabaseConnection | undefined;
  let carriedStore: CarriedStore | undefined;
  if (inputs.mongodbUri !== '') {
    try {
      connection = await connectDatabase(inputs.mongodbUri, inputs.database);
      if (inputs.cache) {
        // A dry run writes nothing, indexes included.
        if (!inputs.dryRun) await ensureCacheIndexes(connection.db, logger);
        caches.push(new MongoExtractionCache(connection.db));
      }
      carriedStore = new MongoCarriedStore(connection.db);
    } catch (error) {
      if (error instanceof ConfigurationError) throw error;
      logger.warning(
        `cache: ${errorMessage(error)}; going on without the MongoDB cache and carried properties`,
      );
    }
  }
  return { caches, carriedStore, close: () => connection?.close() ?? Promise.resolve() };
}

/** Earlier nights' carried properties: the database's and the artifact chain's, one per key. */
export async function loadCarried(
  store: CarriedStore | undefined,
  fromArtifacts: readonly CarriedSubject[],
  logger: Logger,
): Promise<CarriedSubject[]> {
  const byKey = new Map<string, CarriedSubject>();
  let stored: CarriedSubject[] = [];
  try {
    stored = (await store?.load()) ?? [];
  } catch (error) {
    logger.warning(`${store?.name}: cannot read carried properties: ${errorMessage(error)}`);
  }
  for (const entry of [...fromArtifacts, ...stored]) {
    const known = byKey.get(entry.key);
    byKey.set(entry.key, known && known.since < entry.since ? known : entry);
  }
  if (byKey.size > 0) logger.info(`${byKey.size} properties carried from earlier nights`);
  return [...byKey.values()];
}

/** Keeps what this run carried and forgets what the model has now read; a failure is a warning. */
export async function saveCarried(
  store: CarriedStore | undefined,
  outcome: EnrichOutcome,
  logger: Logger,
) {
  if (!store) return;
  try {
    await store.save(outcome.carried, outcome.carriedDone);
  } catch (error) {
    // The artifact still lists them (carried.json), and store-mongo keeps what was enriched.
    logger.warning(`${store.name}: cannot keep carried properties: ${errorMessage(error)}`);
  }
}
