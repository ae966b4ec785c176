import { MongoClient, type AnyBulkWriteOperation, type Collection } from 'mongodb';
import { RetryableError, errorMessage } from '../../../shared/errors.js';
import type { Logger } from '../../../shared/logger.js';
import { ledgerEntrySchema, type CostLedger, type LedgerEntry } from './ledger.js';

/** The collection the ledger lives in. */
export const COSTS_COLLECTION = 'costs';

// FerretDB hangs on bulk writes with many updates matching existing documents: keep chunks small.
const CHUNK = 50;

type CostDocument = LedgerEntry;

/** The ledger in MongoDB's `costs` collection, one document per run and service. */
export class MongoLedger implements CostLedger {
  readonly name = `MongoDB ${COSTS_COLLECTION}`;

  private constructor(
    private readonly client: MongoClient,
    private readonly costs: Collection<CostDocument>,
  ) {}

  /** Connects to `uri` (its default database) and makes sure the month index exists. */
  static async open(uri: string, logger: Logger): Promise<MongoLedger> {
    const client = new MongoClient(uri, { serverSelectionTimeoutMS: 15_000 });
    try {
      await client.connect();
      const costs = client.db().collection<CostDocument>(COSTS_COLLECTION);
      await costs.createIndex({ month: 1 });
      logger.debug(`ledger: connected to database '${client.db().databaseName}'`);
      return new MongoLedger(client, costs);
    } catch (error) {
      await client.close().catch(() => undefined);
      throw new RetryableError(`ledger: cannot reach MongoDB: ${errorMessage(error)}`, {
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
    await this.client.close();
  }
}
