import type { Db } from 'mongodb';
import { ensureIndexes, checkIndexes } from '../../../shared/db/indexes.js';
import { COLLECTIONS } from '../../../shared/db/schema.js';
import { withGroup, type Logger } from '../../../shared/logger.js';
import { pipelineCollections } from '../../../shared/db/collections.js';
import { propertiesCovered } from '../../../shared/db/store-state.js';
import type { TextOpener } from '../../../shared/crypto/sealed-text.js';
import { ParcelRevealer } from './reveal.js';
import { auditStore } from './integrity.js';
import { recordEntries, stageEntries } from './ledger.js';
import { listingDigest, markPending, planLinks, propertyDigest, propertyRefs } from './link.js';
import type { LoadedStage } from './load-stages.js';
import { measureQuality, type Quality } from './quality.js';
import { readBack } from './read-back.js';
import { storedCount } from './read-stored.js';
import { indexStages } from './record-index.js';
import { listingsCovered, readState, stateEntry } from './store-state.js';
import { ListingStore, unmatchedListings } from './store-listings.js';
import { PropertyStore } from './store-properties.js';

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
 * Properties (or listings) read back and handed to the writers together when the collections
 * held documents at the start: their stored documents are read a group at a time (a scan each on
 * FerretDB, see `readByIds`); `batchSize` splits them.
 */
export const GROUP_SIZE = 1000;
/**
 * The group when the collections held nothing (a first store): nothing is read back, and one
 * group is written while the next is read (`overlap`), which made a first store of 20,000 about
 * a third faster. A group this small is merged and written before V8 collects its young
 * generation twice, so that its records die there instead of filling the old generation: at
 * 100,000 parcels the peak was ~270 MB; with groups of 100 it was ~330 MB, and ~500 MB with 1,000.
 */
export const NEW_GROUP_SIZE = 50;

/**
 * Merges the records of the verified input stages into `properties`, `listings` and `history`,
 * then checks what was stored and records the input stages' stats and usage in `runs`. Two passes
 * over the artifacts, in bounded memory: the first indexes every record by key (keys, digests and
 * positions, never records), the links and store-state decide what must be written, and the
 * second reads back only that, a group at a time. Nothing is written on a dry run; everything
 * written is keyed, so a rerun completes an interrupted run without duplicating anything.
 */
export async function storeStages(options: StoreOptions): Promise<StoreResult> {
  const { db, stages, logger, dryRun } = options;
  const now = (options.now ?? (() => new Date()))().toISOString();
  const writeDb = dryRun ? undefined : db;
  const missingIndexes = await withGroup(logger, 'Indexes', async () => {
    if (writeDb) await ensureIndexes(writeDb, STORE_COLLECTIONS);
    return db ? await checkIndexes(db, STORE_COLLECTIONS) : [];
  });
  const index = await withGroup(logger, 'Index input records', () => indexStages(stages, logger));
  const revealer = new ParcelRevealer(options.opener ?? null);
  // Before any property is written: a wrong passphrase fails the step with nothing stored.
  await revealer.checkPassphrase(index.firstSealed);
  const plan = await withGroup(logger, 'Link listings to parcels', () =>
    planLinks(index, db, options.batchSize),
  );
  const write = { batchSize: options.batchSize, now, runId: options.runId, dryRun };
  const collections = db ? pipelineCollections(db) : undefined;
  const propertyState = await readState(collections?.storeState, 'property');
  const listingState = await readState(collections?.storeState, 'listing');
  const propertyStore = new PropertyStore(
    db,
    write,
    await storedCount(collections?.properties, propertyState.size),
    await propertiesCovered(collections?.storeState),
  );
  const listingStore = new ListingStore(
    db,
    write,
    await storedCount(collections?.listings, listingState.size),
  );
  // What store-state already has is skipped unread; with nothing left, the second pass is not run.
  let pending = 0;
  for (const ref of propertyRefs(plan, index)) {
    const saved = stateEntry(propertyState, ref.key);
    if (saved?.d === propertyDigest(index, ref)) propertyStore.countUnchanged(saved);
    else {
      pending += 1;
      markPending(plan, ref);
    }
  }
  for (const entry of index.listings.values()) {
    if (stateEntry(listingState, entry.key)?.d === listingDigest(index, entry)) continue;
    entry.pending = true;
    pending += 1;
  }
  // Unmatched listings to relink, known without scanning the listings when store-state covers them.
  const relink = unmatchedListings(
    listingState,
    plan.situs,
    listingStore.stored === 0 || (await listingsCovered(collections?.storeState)),
  );
  // Compared: store-state's entries need not stay in memory while the records are read back.
  propertyState.clear();
  listingState.clear();
  await withGroup(logger, 'Store listings and properties', async () => {
    if (pending === 0) return logger.info('nothing changed since the last store');
    const first = propertyStore.stored + listingStore.stored === 0;
    await readBack(index, plan, {
      groupSize: first ? NEW_GROUP_SIZE : Math.max(GROUP_SIZE, options.batchSize),
      overlap: first,
      properties: (group) => propertyStore.store(group),
      listings: (group) => listingStore.store(group),
      reveal: (parcel) => revealer.reveal(parcel),
    });
    revealer.report(logger);
  });
  const properties = await propertyStore.finish();
  logger.info(
    `${properties.inserted} inserted, ${properties.updated} updated, ${properties.unchanged} unchanged, ${properties.historyRows} history rows`,
  );
  const linkedListings = await listingStore.finish(plan.situs, relink);
  const audit = await withGroup(logger, 'Check integrity', () =>
    auditStore(writeDb, index, properties.problems, now),
  );
  const integrity = withIndexes(audit.integrity, writeDb ? missingIndexes : []);
  let linkedNow = 0;
  for (const key of plan.listingKeys.values())
    if (key !== null && !key.startsWith('addr:')) linkedNow += 1;
  const linked = {
    listings: plan.listingKeys.size,
    linked: linkedNow,
    absorbed: properties.absorbed.size,
  };
  const quality = measureQuality(index, plan.properties.values(), linked, audit.freshness);
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
    records: Object.values(index.read).reduce((sum, count) => sum + count, 0),
  };
}
