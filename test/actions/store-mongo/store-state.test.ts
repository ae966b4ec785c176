import { beforeEach, describe, expect, it } from 'vitest';
import { pipelineCollections, type StoreStateEntry } from '../../../shared/db/collections.js';
import { readState, saveState, stateEntry } from '../../../actions/store-mongo/src/store-state.js';
import { STATE_BUCKETS } from '../../../shared/db/store-state.js';
import { useTestDatabase } from '../../support/database.js';

const database = useTestDatabase();
const NOW = '2026-12-04T06:00:00.000Z';

beforeEach(async () => {
  await pipelineCollections(database.db).storeState.deleteMany({});
});

const entries = (from: number, to: number, digest: string) =>
  new Map<string, StoreStateEntry>(
    [...Array(to - from).keys()].map((i) => [
      `${from + i} W MAIN ST. $85031`,
      { d: `${digest}${from + i}`, s: NOW, c: i % 3, m: i % 2 === 0 ? 0 : 1 },
    ]),
  );

describe('store-state', () => {
  it('reads back what was saved, over a save that changed part of it', async () => {
    const { storeState } = pipelineCollections(database.db);
    await saveState(storeState, 'property', entries(0, 500, 'a'), NOW);
    await saveState(storeState, 'property', entries(250, 600, 'b'), NOW);

    const state = await readState(storeState, 'property');
    expect(state.size).toBe(600);
    expect(stateEntry(state, '10 W MAIN ST. $85031')).toEqual({ d: 'a10', s: NOW, c: 1, m: 0 });
    expect(stateEntry(state, '11 W MAIN ST. $85031')).toEqual({ d: 'a11', s: NOW, c: 2, m: 1 });
    expect(stateEntry(state, '300 W MAIN ST. $85031')).toEqual({ d: 'b300', s: NOW, c: 2, m: 0 });
    expect((await readState(storeState, 'listing')).size).toBe(0);
    expect(await storeState.countDocuments()).toBeLessThanOrEqual(STATE_BUCKETS);
  });

  it('keeps another writer’s entries saved between its read of a bucket and its write', async () => {
    const { storeState } = pipelineCollections(database.db);
    await saveState(storeState, 'listing', entries(0, 300, 'x'), NOW);
    // Before each of this writer's writes, another writer saves an entry first.
    let raced = 0;
    const racing = new Proxy(storeState, {
      get(target, name, receiver) {
        const real = Reflect.get(target, name, receiver) as unknown;
        if ((name !== 'insertOne' && name !== 'replaceOne') || typeof real !== 'function')
          return real;
        return async (...args: unknown[]) => {
          if (raced < STATE_BUCKETS) {
            raced += 1;
            const other = entries(1000 + raced, 1001 + raced, 'other');
            await saveState(target, 'listing', other, NOW);
          }
          return (real as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        };
      },
    });
    await saveState(racing, 'listing', entries(300, 600, 'y'), NOW);

    const state = await readState(storeState, 'listing');
    expect(raced).toBeGreaterThan(10);
    expect(state.size).toBe(600 + raced);
    expect(stateEntry(state, '650 W MAIN ST. $85031')).toBeUndefined();
    expect(stateEntry(state, '450 W MAIN ST. $85031')?.d).toBe('y450');
    expect(stateEntry(state, '1005 W MAIN ST. $85031')?.d).toBe('other1005');
  });

  it('reads buckets written as fields before entries were packed, and packs them on the next save', async () => {
    const { storeState } = pipelineCollections(database.db);
    const old = entries(0, 40, 'old');
    await saveState(storeState, 'property', old, NOW);
    // Rewrite every bucket the way the earlier release stored it: entries as fields, no version.
    for (const bucket of await storeState.find().toArray()) {
      const fields = Object.fromEntries(
        [...(await readState(storeState, 'property'))].filter(([key]) =>
          bucket.packed!.includes(JSON.stringify(key)),
        ),
      );
      await storeState.replaceOne({ _id: bucket._id }, { entries: fields, updatedAt: NOW });
    }
    expect((await readState(storeState, 'property')).size).toBe(40);

    await saveState(storeState, 'property', entries(30, 50, 'new'), NOW);
    const state = await readState(storeState, 'property');
    expect(state.size).toBe(50);
    expect(stateEntry(state, '5 W MAIN ST. $85031')?.d).toBe('old5');
    expect(stateEntry(state, '35 W MAIN ST. $85031')?.d).toBe('new35');
    // A bucket the save touched holds its old entries packed beside the new ones, no fields.
    expect(await storeState.countDocuments({ packed: { $exists: true } })).toBeGreaterThan(0);
    expect(
      await storeState.countDocuments({ packed: { $exists: true }, entries: { $exists: true } }),
    ).toBe(0);
  });

  it('names the bucket when its packed entries are damaged', async () => {
    const { storeState } = pipelineCollections(database.db);
    await storeState.insertOne({
      _id: 'property:07',
      packed: '{"a": [',
      version: 1,
      updatedAt: NOW,
    });
    await expect(readState(storeState, 'property')).rejects.toThrow(
      /store_state document property:07: packed entries are not JSON/,
    );
  });
});
