import { MongoBulkWriteError } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../support/database.js';

/** Runs `write` and returns the bulk write error it must throw. */
async function bulkWriteError(write: () => Promise<unknown>): Promise<MongoBulkWriteError> {
  const error: unknown = await write().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof MongoBulkWriteError)) {
    throw new Error(`expected MongoBulkWriteError, got ${String(error)}`);
  }
  return error;
}

const writeErrors = (error: MongoBulkWriteError) =>
  [error.writeErrors].flat().map(({ index, code }) => ({ index, code }));

describe('unique index', () => {
  const database = useTestDatabase();

  it('reports each duplicate of an unordered insertMany with its index and code 11000, and inserts the rest', async () => {
    const collection = database.db.collection('listings');
    await collection.createIndex({ listingId: 1 }, { unique: true });
    const ids = ['L1', 'L2', 'L1', 'L3', 'L2', 'L4'];

    const error = await bulkWriteError(() =>
      collection.insertMany(
        ids.map((listingId) => ({ listingId })),
        { ordered: false },
      ),
    );

    expect(writeErrors(error)).toEqual([
      { index: 2, code: 11000 },
      { index: 4, code: 11000 },
    ]);
    expect(error.insertedCount).toBe(4);
    expect((await collection.distinct('listingId')).sort()).toEqual(['L1', 'L2', 'L3', 'L4']);
  });

  it('reports duplicates of an unordered bulkWrite per operation and applies the others', async () => {
    const collection = database.db.collection('owners');
    await collection.createIndex({ apn: 1 }, { unique: true });
    await collection.insertOne({ apn: 'A-1' });

    const error = await bulkWriteError(() =>
      collection.bulkWrite(
        [
          { insertOne: { document: { apn: 'A-2' } } },
          { insertOne: { document: { apn: 'A-1' } } },
          { updateOne: { filter: { apn: 'A-3' }, update: { $set: { owner: 'x' } }, upsert: true } },
          { insertOne: { document: { apn: 'A-2' } } },
        ],
        { ordered: false },
      ),
    );

    expect(writeErrors(error)).toEqual([
      { index: 1, code: 11000 },
      { index: 3, code: 11000 },
    ]);
    expect(error.result).toMatchObject({ insertedCount: 1, upsertedCount: 1 });
    expect(await collection.countDocuments()).toBe(3);
  });

  it('createIndex is idempotent and listIndexes shows every index', async () => {
    const collection = database.db.collection('parcels');
    const ensureIndexes = async () => {
      // One call per index: FerretDB v1 drops the connection when a createIndexes of several
      // indexes finds them all present.
      await collection.createIndex({ apn: 1 }, { unique: true, name: 'apn_unique' });
      await collection.createIndex({ zip: 1, assessedValue: -1 }, { name: 'zip_value' });
      await collection.createIndex({ listedAt: -1 }, { name: 'listed_at' });
    };

    await ensureIndexes();
    await ensureIndexes();

    // `indexes()` is listIndexes with the driver's types.
    const indexes = await collection.indexes();
    const described = indexes
      .map(({ name, key, unique }) => ({ name, key, unique: unique === true }))
      .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''));
    expect(described).toEqual([
      { name: '_id_', key: { _id: 1 }, unique: false },
      { name: 'apn_unique', key: { apn: 1 }, unique: true },
      { name: 'listed_at', key: { listedAt: -1 }, unique: false },
      { name: 'zip_value', key: { zip: 1, assessedValue: -1 }, unique: false },
    ]);
  });
});
