import type { AnyBulkWriteOperation, Collection } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../support/database.js';

interface Parcel {
  apn: string;
  zip: string;
  assessedValue: number;
  firstSeen?: string;
  lastSeen?: string;
}

const parcels = (count: number): Parcel[] =>
  Array.from({ length: count }, (_, i) => ({
    apn: `100-${String(i).padStart(4, '0')}`,
    zip: i % 2 === 0 ? '85001' : '85002',
    assessedValue: 100_000 + i,
  }));

// The pipeline's write: upsert by natural key, keep first sight, refresh the rest.
const upserts = (batch: readonly Parcel[], seenOn: string): AnyBulkWriteOperation<Parcel>[] =>
  batch.map(({ apn, zip, assessedValue }) => ({
    updateOne: {
      filter: { apn },
      update: { $set: { zip, assessedValue }, $setOnInsert: { firstSeen: seenOn } },
      upsert: true,
    },
  }));

/**
 * Unordered bulkWrite in chunks of 50, totalling the counts: FerretDB v1 hangs a database when one
 * command holds 100 updates that match (docs/ferretdb-compatibility.md).
 */
async function upsertInChunks(
  collection: Collection<Parcel>,
  operations: AnyBulkWriteOperation<Parcel>[],
) {
  const totals = { upsertedCount: 0, matchedCount: 0, modifiedCount: 0 };
  for (let start = 0; start < operations.length; start += 50) {
    const result = await collection.bulkWrite(operations.slice(start, start + 50), {
      ordered: false,
    });
    totals.upsertedCount += result.upsertedCount;
    totals.matchedCount += result.matchedCount;
    totals.modifiedCount += result.modifiedCount;
  }
  return totals;
}

describe('unordered bulkWrite upserts', () => {
  const database = useTestDatabase();

  it('inserts new parcels, modifies none on a rerun, and exactly the changed ones after a change', async () => {
    const collection = database.db.collection<Parcel>('parcels');
    await collection.createIndex({ apn: 1 }, { unique: true });
    const batch = parcels(250);

    const first = await upsertInChunks(collection, upserts(batch, '2024-01-01'));
    expect(first).toMatchObject({ upsertedCount: 250, matchedCount: 0, modifiedCount: 0 });

    const rerun = await upsertInChunks(collection, upserts(batch, '2024-01-02'));
    expect(rerun).toMatchObject({ upsertedCount: 0, matchedCount: 250, modifiedCount: 0 });

    const changed = batch.map((parcel, i) =>
      i % 50 === 0 ? { ...parcel, assessedValue: parcel.assessedValue + 1 } : parcel,
    );
    const third = await upsertInChunks(collection, upserts(changed, '2024-01-03'));
    expect(third).toMatchObject({ upsertedCount: 0, matchedCount: 250, modifiedCount: 5 });

    expect(await collection.countDocuments()).toBe(250);
    expect(await collection.countDocuments({ firstSeen: '2024-01-01' })).toBe(250);
    const bumped = await collection.find({ apn: '100-0050' }).toArray();
    expect(bumped.map((parcel) => parcel.assessedValue)).toEqual([100_051]);
  }, 120_000);

  it('applies $setOnInsert only when the upsert inserts, and $set every time', async () => {
    const collection = database.db.collection<Parcel>('sightings');
    const sight = (lastSeen: string) =>
      collection.updateOne(
        { apn: '200-0001' },
        {
          $set: { lastSeen },
          $setOnInsert: { firstSeen: lastSeen, zip: '85003', assessedValue: 1 },
        },
        { upsert: true },
      );

    expect(await sight('2024-05-01')).toMatchObject({ upsertedCount: 1, modifiedCount: 0 });
    expect(await sight('2024-05-02')).toMatchObject({ upsertedCount: 0, modifiedCount: 1 });
    const doc = await collection.findOne({ apn: '200-0001' }, { projection: { _id: 0 } });
    expect(doc).toEqual({
      apn: '200-0001',
      firstSeen: '2024-05-01',
      lastSeen: '2024-05-02',
      zip: '85003',
      assessedValue: 1,
    });
  });
});
