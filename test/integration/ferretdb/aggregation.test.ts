import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../support/database.js';

describe('aggregation and cursors', () => {
  const database = useTestDatabase();

  it('groups and sorts: count and average price by zip', async () => {
    const listings = database.db.collection('listings');
    await listings.insertMany([
      { zip: '85003', price: 200 },
      { zip: '85001', price: 100 },
      { zip: '85001', price: 300 },
      { zip: '85002', price: 50 },
      { zip: '85001', price: 200 },
      { zip: '85003', price: 400 },
    ]);

    // One accumulator per $group: FerretDB v1 has no $avg and fills only the first accumulator.
    const counts = await listings
      .aggregate<{ _id: string; count: number }>([
        { $group: { _id: '$zip', count: { $sum: 1 } } },
        { $sort: { count: -1, _id: 1 } },
      ])
      .toArray();
    const totals = await listings
      .aggregate<{ _id: string; total: number }>([
        { $match: { price: { $gt: 0 } } },
        { $group: { _id: '$zip', total: { $sum: '$price' } } },
        { $sort: { _id: 1 } },
      ])
      .toArray();

    expect(counts).toEqual([
      { _id: '85001', count: 3 },
      { _id: '85003', count: 2 },
      { _id: '85002', count: 1 },
    ]);
    const totalByZip = new Map(totals.map(({ _id, total }) => [_id, total]));
    const averages = counts.map(({ _id, count }) => [_id, (totalByZip.get(_id) ?? 0) / count]);
    expect(averages).toEqual([
      ['85001', 200],
      ['85003', 300],
      ['85002', 50],
    ]);
  });

  it('iterates a sorted cursor over 10,000 documents in batches', async () => {
    const readings = database.db.collection<{ seq: number; zip: string }>('readings');
    const total = 10_000;
    // Inserted out of order so the sort has work to do.
    const docs = Array.from({ length: total }, (_, i) => ({
      seq: (i * 7919) % total,
      zip: `85${i % 50}`,
    }));
    for (let start = 0; start < total; start += 2_000) {
      await readings.insertMany(docs.slice(start, start + 2_000), { ordered: false });
    }
    await readings.createIndex({ seq: 1 });

    let count = 0;
    let previous = -1;
    let outOfOrder = 0;
    for await (const reading of readings
      .find({}, { projection: { _id: 0, seq: 1 } })
      .sort({ seq: 1 })
      .batchSize(500)) {
      if (reading.seq <= previous) outOfOrder += 1;
      previous = reading.seq;
      count += 1;
    }

    expect({ count, outOfOrder, last: previous }).toEqual({
      count: total,
      outOfOrder: 0,
      last: total - 1,
    });
  });
});
