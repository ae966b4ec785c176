import type { Db } from 'mongodb';
import { ensureIndexes, checkIndexes } from '../../../shared/db/indexes.js';
import { COLLECTIONS } from '../../../shared/db/schema.js';
import { withGroup, type Logger } from '../../../shared/logger.js';
import type { TextOpener } from '../../../shared/crypto/sealed-text.js';
import { collectIncoming } from './incoming.js';
import { revealParcels } from './reveal.js';
import { auditStore } from './integrity.js';
import { recordEntries, stageEntries } from './ledger.js';
import { planLinks } from './link.js';
import type { LoadedStage } from './load-stages.js';
import { measureQuality, type Quality } from './quality.js';
import { storeListings } from './store-listings.js';
import { storeProperties } from './store-properties.js';

/** What `storeStages` needs. */
export interface StoreOptions {
  /** The database; undefined only on a dry run without a connection string. */
  db: Db | undefined;
  stages: readonly LoadedStage[];
  /** The run doing the storing (history rows and the ledger name it). */
  runId: string;
  /** Properties read and merged together. */
  batchSize: number;
  dryRun: boolean;
  logger: Logger;
  /** Opens owner fields sealed in artifacts of a public repository; null leaves them withheld. */
  opener?: TextOpener | null;
  now?: () => Date;
}

/** What a store run did; counts are what was (or, on a dry run, would be) written. */
export interface StoreResult {
  inserted: number;
  updated: number;
  unchanged: number;
  priceChanges: number;
  historyRows: number;
  linkedListings: number;
  conflicts: number;
  /** `ok` or `failed: <reason>`. */
  integrity: string;
  quality: Quality;
  /** Records read from the input artifacts. */
  records: number;
  /** Indexes missing after `ensureIndexes`, as `collection.name`. */
  missingIndexes: string[];
  dryRun: boolean;
}

/** The collections store-mongo writes, whose declared indexes it ensures. */
const STORE_COLLECTIONS = [
  COLLECTIONS.properties,
  COLLECTIONS.listings,
  COLLECTIONS.history,
  COLLECTIONS.runs,
  COLLECTIONS.storeState,
];

function withIndexes(integrity: string, missing: readonly string[]): string {
  if (missing.length === 0) return integrity;
  const indexes = `indexes missing: ${missing.join(', ')}`;
  return integrity === 'ok' ? `failed: ${indexes}` : `${integrity}; ${indexes}`;
}

/**
 * Merges the records of the verified input stages into `properties`, `listings` and `history`,
 * then checks what was stored and records the input stages' stats and usage in `runs`. Nothing
 * is written on a dry run; everything written is keyed, so a rerun completes an interrupted run
 * without duplicating anything.
 */
export async function storeStages(options: StoreOptions): Promise<StoreResult> {
  const { db, stages, logger, dryRun } = options;
  const now = (options.now ?? (() => new Date()))().toISOString();
  const writeDb = dryRun ? undefined : db;
  const missingIndexes = await withGroup(logger, 'Indexes', async () => {
    if (writeDb) await ensureIndexes(writeDb, STORE_COLLECTIONS);
    return db ? await checkIndexes(db, STORE_COLLECTIONS) : [];
  });
  const incoming = collectIncoming(stages, logger);
  // Before any property is written: a wrong passphrase fails the step with nothing stored.
  await revealParcels(incoming, options.opener ?? null, logger);
  const plan = await withGroup(logger, 'Link listings to parcels', () =>
    planLinks(incoming, db, options.batchSize),
  );
  const write = { batchSize: options.batchSize, now, runId: options.runId, dryRun };
  const inputs = [...plan.properties.values()];
  const properties = await withGroup(logger, 'Store properties', async () => {
    const counts = await storeProperties(db, inputs, write);
    logger.info(
      `${counts.inserted} inserted, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.historyRows} history rows`,
    );
    return counts;
  });
  const listings = [...incoming.listings].map(([mlsNumber, listing]) => ({
    listing,
    propertyKey: plan.listingKeys.get(mlsNumber) ?? null,
  }));
  const parcelAddresses = new Map(
    inputs.flatMap((input) => (input.absorbKey ? [[input.absorbKey, input.key] as const] : [])),
  );
  const linkedListings = await withGroup(logger, 'Store listings', () =>
    storeListings(db, listings, parcelAddresses, write),
  );
  const audit = await withGroup(logger, 'Check integrity', () =>
    auditStore(writeDb, stages, properties.problems, now),
  );
  const integrity = withIndexes(audit.integrity, writeDb ? missingIndexes : []);
  const linkedNow = listings.filter(
    ({ propertyKey }) => propertyKey !== null && !propertyKey.startsWith('addr:'),
  ).length;
  const linked = {
    listings: listings.length,
    linked: linkedNow,
    absorbed: properties.absorbed.size,
  };
  const quality = measureQuality(incoming, inputs, linked, audit.freshness);
  if (writeDb) await recordEntries(writeDb, stageEntries(stages, now));
  if (integrity !== 'ok') logger.error(`integrity ${integrity}`);
  return {
    ...{
      inserted: properties.inserted,
      updated: properties.updated,
      unchanged: properties.unchanged,
    },
    ...{
      priceChanges: properties.priceChanges,
      historyRows: properties.historyRows,
      linkedListings,
    },
    ...{ conflicts: properties.conflicts, integrity, quality, missingIndexes, dryRun },
    records: Object.values(incoming.read).reduce((sum, count) => sum + count, 0),
  };
}
