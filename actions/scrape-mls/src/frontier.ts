import type { AnyBulkWriteOperation, Collection, Db } from 'mongodb';
import { COLLECTIONS, type ListingFrontierDocument } from '../../../shared/db/collections.js';
import { connectDatabase } from '../../../shared/db/connect.js';
import { describeDatabase } from '../../../shared/db/database-name.js';
import { ConfigurationError, errorMessage } from '../../../shared/errors.js';
import type { Logger } from '../../../shared/logger.js';
import type { ResultRow } from './result-rows.js';
import type { FrontierEntry } from './visit-plan.js';

// FerretDB hangs on 100 or more matching updates in one bulkWrite (docs/ferretdb-compatibility.md).
const WRITE_BATCH = 50;
const READ_BATCH = 500;

/**
 * The listing frontier in the database (`listing_frontier`), or none: without `mongodb-uri`, or
 * when the database does not answer, listings are visited in search order and nothing is recorded.
 * It only orders the work, so a database problem is a warning, never a failure.
 */
export class ListingFrontier {
  private constructor(
    /** The database it holds open, or null; the rendering memory keeps its modes there too. */
    readonly db: Db | null,
    readonly collection: Collection<ListingFrontierDocument> | null,
    readonly writable: boolean,
    readonly close: () => Promise<void>,
    readonly logger: Logger,
  ) {}

  /** Connects as `mongodb-uri` and `database` say; `dryRun` reads the frontier but never writes it. */
  static async open(
    inputs: { mongodbUri: string; database: string; dryRun: boolean },
    logger: Logger,
  ): Promise<ListingFrontier> {
    const none = new ListingFrontier(null, null, false, () => Promise.resolve(), logger);
    if (inputs.mongodbUri === '') {
      logger.info('no mongodb-uri: listing pages in search order, no frontier kept');
      return none;
    }
    try {
      const connection = await connectDatabase(inputs.mongodbUri, inputs.database);
      logger.info(`listing frontier in database ${describeDatabase(connection.database)}`);
      const collection = connection.db.collection<ListingFrontierDocument>(
        COLLECTIONS.listingFrontier,
      );
      return new ListingFrontier(
        connection.db,
        collection,
        !inputs.dryRun,
        () => connection.close(),
        logger,
      );
    } catch (error) {
      if (error instanceof ConfigurationError) throw error;
      logger.warning(
        `mongodb-uri: cannot open the listing frontier (${errorMessage(error)}); listing pages in search order`,
      );
      return none;
    }
  }

  /** What the frontier knows of `urls`; empty when there is none or it cannot be read. */
  async entries(urls: readonly string[]): Promise<Map<string, FrontierEntry>> {
    try {
      return await this.#read(urls);
    } catch (error) {
      this.logger.warning(
        `listing frontier unreadable (${errorMessage(error)}); listing pages in search order`,
      );
      return new Map();
    }
  }

  /**
   * What the frontier knows of `urls` (empty without a database), or null when it cannot be read
   * now, said at debug level only: a caller that asks after every result page has the full plan,
   * once the search is read, to fall back on.
   */
  async known(urls: readonly string[]): Promise<Map<string, FrontierEntry> | null> {
    try {
      return await this.#read(urls);
    } catch (error) {
      this.logger.debug(`listing frontier unreadable now (${errorMessage(error)})`);
      return null;
    }
  }

  async #read(urls: readonly string[]): Promise<Map<string, FrontierEntry>> {
    const known = new Map<string, FrontierEntry>();
    if (!this.collection) return known;
    for (let start = 0; start < urls.length; start += READ_BATCH) {
      const batch = urls.slice(start, start + READ_BATCH);
      for await (const doc of this.collection.find({ _id: { $in: batch } }))
        known.set(doc._id, doc);
    }
    return known;
  }

  /**
   * Records the rows the search showed (seen now) and the listing pages read in this run (visited
   * at their `scrapedAt`), one upsert per URL in batches. Returns the documents written.
   */
  async record(
    zip: string,
    rows: readonly ResultRow[],
    visits: ReadonlyMap<string, string>,
  ): Promise<number> {
    if (!this.collection || !this.writable) return 0;
    const now = new Date().toISOString();
    const byUrl = new Map(rows.map((row) => [row.url, row]));
    const urls = [...new Set([...byUrl.keys(), ...visits.keys()])];
    const operations = urls.map((url) =>
      frontierUpdate(zip, url, byUrl.get(url), visits.get(url), now),
    );
    try {
      for (let start = 0; start < operations.length; start += WRITE_BATCH) {
        await this.collection.bulkWrite(operations.slice(start, start + WRITE_BATCH), {
          ordered: false,
        });
      }
    } catch (error) {
      this.logger.warning(
        `${zip}: listing frontier not updated (${errorMessage(error)}); the next run orders by what it knew before`,
      );
      return 0;
    }
    return operations.length;
  }
}

/** The upsert of one listing URL: seen on a result page, visited, or both. */
function frontierUpdate(
  zip: string,
  url: string,
  row: ResultRow | undefined,
  visitedAt: string | undefined,
  now: string,
): AnyBulkWriteOperation<ListingFrontierDocument> {
  const seen = row ? { lastSeenAt: now, price: row.price, status: row.status } : {};
  const unseen = row ? {} : { lastSeenAt: now, price: null, status: null };
  if (visitedAt === undefined) {
    return {
      updateOne: {
        filter: { _id: url },
        update: {
          $set: { zip, ...seen },
          $setOnInsert: {
            ...unseen,
            firstSeenAt: now,
            lastVisitedAt: null,
            priceAtVisit: null,
            statusAtVisit: null,
            visits: 0,
          },
        },
        upsert: true,
      },
    };
  }
  return {
    updateOne: {
      filter: { _id: url },
      update: {
        $set: {
          zip,
          ...seen,
          lastVisitedAt: visitedAt,
          priceAtVisit: row?.price ?? null,
          statusAtVisit: row?.status ?? null,
        },
        $setOnInsert: { ...unseen, firstSeenAt: now },
        $inc: { visits: 1 },
      },
      upsert: true,
    },
  };
}
