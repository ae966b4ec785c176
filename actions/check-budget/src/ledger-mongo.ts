import type { AnyBulkWriteOperation, Collection } from 'mongodb';
import { connectDatabase, type DatabaseConnection } from '../../../shared/db/connect.js';
import { describeDatabase } from '../../../shared/db/database-name.js';
import { ensureIndexes } from '../../../shared/db/indexes.js';
import { COLLECTIONS } from '../../../shared/db/schema.js';
import { RetryableError, errorMessage } from '../../../shared/errors.js';
import type { Logger } from '../../../shared/logger.js';
import { ledgerEntrySchema, type CostLedger, type LedgerEntry } from './ledger.js';

/** The collection the ledger lives in. */
export const COSTS_COLLECTION = COLLECTIONS.costs;

// FerretDB hangs on bulk writes with many updates matching existing documents: keep chunks small.
const CHUNK = 50;

type CostDocument = LedgerEntry;

/** The ledger in MongoDB's `costs` collection, one document per run and service. */
export class MongoLedger implements CostLedger {
  readonly name: string;

  private constructor(
    private readonly connection: DatabaseConnection,
    private readonly costs: Collection<CostDocument>,
  ) {
    this.name = `MongoDB ${connection.db.databaseName}.${COSTS_COLLECTION}`;
  }

  /**
   * Connects to `uri`, in the database every action resolves from `database` and the connection
   * string (see `resolveDatabase`), and makes sure its declared indexes exist.
   */
  static async open(uri: string, database: string, logger: Logger): Promise<MongoLedger> {
    const connection = await connectDatabase(uri, database, { serverSelectionTimeoutMs: 15_000 });
    try {
      const costs = connection.db.collection<CostDocument>(COSTS_COLLECTION);
      await ensureIndexes(connection.db, [COSTS_COLLECTION]);
      logger.info(`ledger: database ${describeDatabase(connection.database)}`);
      return new MongoLedger(connection, costs);
    } catch (error) {
      await connection.close().catch(() => undefined);
      throw new RetryableError(`ledger: cannot use MongoDB: ${errorMessage(error)}`, {
        cause: error,
      });
    }
  }

  async record(entries: readonly LedgerEntry[]): Promise<void> {
    const operations: AnyBulkWriteOperation<CostDocument>[] = entries.map((entry) => {
      const { _id, day, month, ...rest } = entry;
      return {
        updateOne: {
          filter: { _id },
          update: { $set: rest, $setOnInsert: { day, month } },
          upsert: true,
        },
      };
    });
    for (let start = 0; start < operations.length; start += CHUNK) {
      await this.costs.bulkWrite(operations.slice(start, start + CHUNK), { ordered: false });
    }
  }

  async entriesForMonth(month: string): Promise<LedgerEntry[]> {
    const documents = await this.costs.find({ month }).toArray();
    return documents.map((document) => ledgerEntrySchema.parse(document));
  }

  async close(): Promise<void> {
    await this.connection.close();
  }
}
