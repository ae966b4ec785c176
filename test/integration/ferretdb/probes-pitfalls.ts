import { Decimal128, MongoClient, MongoServerError, type IndexDescription } from 'mongodb';
import { startFerretdb } from '../../../local/mongo/ferretdb-server.js';
import { memoryLogger } from '../../../shared/logger.js';
import { realFerretdb } from '../../support/ferretdb.js';
import { accepts, type Probe } from './probe-context.js';

/**
 * Probes for FerretDB's traps: rows marked `wrong result`, and the `no` rows where FerretDB hangs
 * or drops the connection instead of answering with an error. Each resolves true only on
 * MongoDB's result.
 */
export const PITFALL_PROBES: Record<string, Probe> = {
  // The hang would leave the run's database stuck, so this probe starts a FerretDB of its own.
  '100 or more `updateOne` or `replaceOne` matching existing documents in one `bulkWrite`':
    async () => {
      const server = await startFerretdb({ binary: await realFerretdb(), logger: memoryLogger() });
      const client = new MongoClient(server.uri, { socketTimeoutMS: 2_000 });
      try {
        const parcels = client.db('parcels').collection('parcels');
        await parcels.insertMany(Array.from({ length: 100 }, (_, apn) => ({ apn })));
        const result = await parcels.bulkWrite(
          Array.from({ length: 100 }, (_, apn) => ({
            updateOne: { filter: { apn }, update: { $set: { seen: true } } },
          })),
        );
        return result.modifiedCount === 100;
      } finally {
        await client.close();
        await server.stop();
      }
    },
  '`$push` modifiers `$slice`, `$sort`, `$position`': async ({ properties }) => {
    await properties.updateOne(
      { _id: 1 },
      { $push: { tags: { $each: ['attic'], $position: 0, $slice: 2 } } },
    );
    return (await properties.findOne({ _id: 1 }))?.tags?.join() === 'attic,pool';
  },
  '`sparse` index option': async ({ properties }) => {
    await properties.createIndex({ soldAt: 1 }, { sparse: true, name: 'sold_at' });
    const indexes = await properties.indexes();
    return indexes.find((index) => index.name === 'sold_at')?.sparse === true;
  },
  'unique index on a field some documents lack': async ({ properties }) => {
    // None of the sample properties has `firstSeen`: MongoDB counts each as null, a duplicate.
    try {
      await properties.createIndex({ firstSeen: 1 }, { unique: true });
      return false;
    } catch (error) {
      return error instanceof MongoServerError && error.code === 11000;
    }
  },
  'two or more accumulators in one `$group`': async ({ properties }) => {
    const groups = await properties
      .aggregate([
        { $group: { _id: '$zip', n: { $sum: 1 }, total: { $sum: '$price' } } },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    return groups[0]?.n === 2 && groups[0].total === 400;
  },
  '`$elemMatch` query on an array of documents': async ({ properties }) => {
    const docs = await properties.find({ rooms: { $elemMatch: { sqft: { $gt: 150 } } } }).toArray();
    return docs.map((doc) => doc._id).join() === '2';
  },
  'field path in `$project`, `$addFields` or `$set` stage': async ({ properties }) => {
    const [doc] = await properties
      .aggregate([{ $match: { _id: 1 } }, { $project: { z: '$zip' } }])
      .toArray();
    return doc?.z === '85001';
  },
  '`createIndexes` with two or more indexes that all exist already': async ({ properties }) => {
    const specs: IndexDescription[] = [{ key: { zip: 1 } }, { key: { price: 1 } }];
    await properties.createIndexes(specs);
    return accepts(() => properties.createIndexes(specs));
  },
  'Decimal128 values': ({ properties }) =>
    accepts(() => properties.insertOne({ apn: 'N-1', price: Decimal128.fromString('1.50') })),
};
