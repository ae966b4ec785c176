import { MongoBulkWriteError } from 'mongodb';
import type { Probe } from './probe-context.js';

const byId = { sort: { _id: 1 } } as const;

/** Probes for the rows marked `yes`: each checks MongoDB's result, not only that no error came. */
export const SUPPORTED_PROBES: Record<string, Probe> = {
  'unordered `bulkWrite` of `updateOne` upserts': async ({ properties }) => {
    const upsert = (apn: string, price: number) => ({
      updateOne: { filter: { apn }, update: { $set: { price } }, upsert: true },
    });
    const result = await properties.bulkWrite(
      [upsert('A-1', 100), upsert('N-1', 1), upsert('N-2', 2)],
      {
        ordered: false,
      },
    );
    return result.upsertedCount === 2 && result.matchedCount === 1 && result.modifiedCount === 0;
  },
  '`$set` with `$setOnInsert` in one upsert': async ({ properties }) => {
    for (const [price, firstSeen] of [
      [1, 'first'],
      [2, 'second'],
    ] as const) {
      await properties.updateOne(
        { apn: 'N-1' },
        { $set: { price }, $setOnInsert: { firstSeen } },
        { upsert: true },
      );
    }
    const doc = await properties.findOne({ apn: 'N-1' });
    return doc?.price === 2 && doc.firstSeen === 'first';
  },
  '`findOneAndUpdate` with `upsert`': async ({ properties }) => {
    const doc = await properties.findOneAndUpdate(
      { apn: 'N-1' },
      { $set: { price: 7 }, $setOnInsert: { zip: '85003' } },
      { upsert: true, returnDocument: 'after' },
    );
    return doc?.price === 7 && doc.zip === '85003';
  },
  'unique index violation reported per document': async ({ properties }) => {
    await properties.createIndex({ apn: 1 }, { unique: true });
    try {
      await properties.insertMany([{ apn: 'N-1' }, { apn: 'A-1' }, { apn: 'N-2' }], {
        ordered: false,
      });
      return false;
    } catch (error) {
      if (!(error instanceof MongoBulkWriteError)) throw error;
      const errors = [error.writeErrors].flat();
      return (
        errors.length === 1 &&
        errors[0]?.index === 1 &&
        errors[0].code === 11000 &&
        error.insertedCount === 2
      );
    }
  },
  'compound and unique indexes': async ({ properties }) => {
    await properties.createIndex({ zip: 1, price: -1 }, { name: 'zip_price' });
    await properties.createIndex({ apn: 1 }, { unique: true, name: 'apn_unique' });
    const indexes = await properties.indexes();
    const named = (name: string) => indexes.find((index) => index.name === name);
    return (
      JSON.stringify(named('zip_price')?.key) === '{"zip":1,"price":-1}' &&
      named('apn_unique')?.unique === true
    );
  },
  '`createIndex` called again for an existing index': async ({ properties }) => {
    const first = await properties.createIndex({ zip: 1 });
    const second = await properties.createIndex({ zip: 1 });
    return first === second && (await properties.indexes()).length === 2;
  },
  '`$group` with one `$sum` or `$count` accumulator, then `$sort`, `$skip`, `$limit`': async ({
    properties,
  }) => {
    const totals = await properties
      .aggregate([
        { $group: { _id: '$zip', total: { $sum: '$price' } } },
        { $sort: { total: -1 } },
        { $limit: 1 },
      ])
      .toArray();
    const counts = await properties
      .aggregate([
        { $group: { _id: '$zip', n: { $count: {} } } },
        { $sort: { _id: 1 } },
        { $skip: 1 },
      ])
      .toArray();
    return (
      JSON.stringify([totals, counts]) ===
      JSON.stringify([[{ _id: '85001', total: 400 }], [{ _id: '85002', n: 1 }]])
    );
  },
  '`$match`, `$unwind`, `$unset`, `$count` stages and `$project` inclusion': async ({
    properties,
  }) => {
    const [counted] = await properties
      .aggregate([{ $match: { zip: '85001' } }, { $unwind: '$tags' }, { $count: 'n' }])
      .toArray();
    const [shaped] = await properties
      .aggregate([{ $match: { _id: 3 } }, { $project: { zip: 1, price: 1 } }, { $unset: 'price' }])
      .toArray();
    return counted?.n === 3 && JSON.stringify(shaped) === JSON.stringify({ _id: 3, zip: '85002' });
  },
  'query operators `$in`, `$exists`, `$regex`, `$or`, `$not`, `$all`, `$size`, dot paths': async ({
    properties,
  }) => {
    const counts = await Promise.all([
      properties.countDocuments({ zip: { $in: ['85002', '99999'] } }),
      properties.countDocuments({ soldAt: { $exists: false } }),
      properties.countDocuments({ apn: { $regex: '^a-', $options: 'i' } }),
      properties.countDocuments({ $or: [{ price: 50 }, { zip: '85001' }] }),
      properties.countDocuments({ price: { $not: { $gt: 60 } } }),
      properties.countDocuments({ tags: { $all: ['pool', 'garage'] } }),
      properties.countDocuments({ tags: { $size: 1 } }),
      properties.countDocuments({ 'rooms.kind': 'bath' }),
    ]);
    return counts.join() === '1,3,3,3,1,1,1,1';
  },
  'update operators `$inc`, `$push` with `$each`, `$addToSet`, `$pull`, `$currentDate`, `$rename`':
    async ({ properties }) => {
      await properties.updateOne(
        { _id: 1 },
        { $inc: { price: 5 }, $push: { tags: { $each: ['a', 'b'] } } },
      );
      await properties.updateOne(
        { _id: 1 },
        { $addToSet: { tags: 'a' }, $currentDate: { checkedAt: true } },
      );
      await properties.updateOne(
        { _id: 1 },
        { $pull: { tags: 'garage' }, $rename: { apn: 'parcel' } },
      );
      const doc = await properties.findOne({ _id: 1 });
      return (
        doc?.price === 105 &&
        doc.tags?.join() === 'pool,a,b' &&
        doc.checkedAt instanceof Date &&
        doc.parcel === 'A-1'
      );
    },
  '`distinct`, `countDocuments`, `estimatedDocumentCount`': async ({ properties }) => {
    const zips = (await properties.distinct('zip')).sort();
    const expensive = await properties.countDocuments({ price: { $gte: 100 } });
    return (
      zips.join() === '85001,85002' &&
      expensive === 2 &&
      (await properties.estimatedDocumentCount()) === 3
    );
  },
  'cursor `hint` and `explain`': async ({ properties }) => {
    const docs = await properties.find({ zip: '85001' }, byId).hint({ _id: 1 }).toArray();
    const plan = await properties.find({ zip: '85001' }).explain();
    return docs.map((doc) => doc._id).join() === '1,2' && typeof plan === 'object';
  },
  'capped collections': async ({ db }) => {
    const capped = await db.createCollection('capped_log', { capped: true, size: 65_536, max: 10 });
    return (await capped.isCapped()) === true;
  },
  'sessions without transactions, retryable writes': async ({ client, properties }) => {
    const session = client.startSession();
    try {
      await properties.insertOne({ apn: 'N-1' }, { session });
      return (await properties.countDocuments({}, { session })) === 4;
    } finally {
      await session.endSession();
    }
  },
};
