import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTIONS, type ParcelIndexDocument } from '../../../shared/db/collections.js';
import { startCountySandbox } from '../../../local/sandbox/county/server.js';
import { useTestDatabase } from '../../support/database.js';
import { startBench, runCollect, type Bench } from './harness.js';

// 120 residential parcels and one other row after every 19: 126 rows, six search pages.
const COUNT = 120;
const ROWS = 126;

/** A clock for the time budget that never runs out: the request budget alone shapes the night. */
const neverSpent = { sleep: () => new Promise<void>(() => undefined) };

describe('collect-county rolling refresh with a parcel index in the database', () => {
  const database = useTestDatabase();
  let bench: Bench;
  let uri: string;

  beforeAll(async () => {
    bench = await startBench({ parcelsPerZip: COUNT, seed: 'refresh-plan' });
    const url = new URL(database.uri);
    url.pathname = `/${database.db.databaseName}`;
    uri = url.toString();
  });
  afterAll(() => bench.close());

  const index = () =>
    database.db
      .collection<ParcelIndexDocument>(COLLECTIONS.parcelIndex)
      .findOne({ _id: '85031' }) as Promise<ParcelIndexDocument>;
  /** Pages of the ZIP search the sandbox answered since request number `from`. */
  const searchedPages = (from: number) =>
    bench.sandbox.requestLog
      .slice(from)
      .filter((request) => request.endpoint === 'search')
      .map((request) => Number(new URL(request.url, 'http://x').searchParams.get('page')));

  // 100 requests a second for 0.001 minutes: a budget of 5 requests (at 98 % of the pace), of
  // which at most half, 2 pages, go to the search while the index is being built.
  const night = (runId: string, extra: Record<string, string> = {}) => {
    bench.useRun(runId);
    return runCollect(
      {
        'zip-codes': '85031',
        'api-base-url': bench.sandbox.url,
        'api-token': bench.sandbox.token,
        'requests-per-hour': '360000',
        'time-budget-minutes': '0.001',
        'mongodb-uri': uri,
        mode: 'incremental',
        concurrency: '2',
        'artifact-name': `night-${runId}`,
        ...extra,
      },
      neverSpent,
    );
  };

  it('builds the index over several nights within half the request budget, then checks TOTAL with one page a night', async () => {
    let mark = bench.sandbox.requestLog.length;
    const first = await night('601');
    expect(first.failures).toEqual([]);
    expect(searchedPages(mark)).toEqual([1, 2]);
    expect(first.outputs.complete).toBe('false');
    expect(first.summaries[0]).toContain('no parcel index yet: searching');
    expect(first.summaries[0]).toContain('continues at search page 3 next run');
    let stored = await index();
    expect(stored).toMatchObject({ nextPage: 3, total: ROWS, completedAt: null, known: [] });
    // Pages 1 and 2 hold 50 rows, of which 2 are another ZIP's or commercial.
    expect(stored.found).toHaveLength(48);
    const shard = await bench.readArtifact('night-601-85031');
    expect(shard.parcels.map((parcel) => parcel.apn).sort()).toEqual([...stored.found].sort());
    expect(shard.runStats[0]?.counts).toMatchObject({
      'request-budget': 5,
      'parcels-known': 48,
      'index-pages-left': 4,
      'search-pages': 2,
    });

    mark = bench.sandbox.requestLog.length;
    await night('602');
    expect(searchedPages(mark)).toEqual([3, 4]);
    expect((await index()).nextPage).toBe(5);

    mark = bench.sandbox.requestLog.length;
    const third = await night('603');
    expect(searchedPages(mark)).toEqual([5, 6]);
    stored = await index();
    expect(stored).toMatchObject({ nextPage: null, found: [], total: ROWS });
    expect(stored.known).toHaveLength(COUNT);
    expect(stored.completedAt).not.toBeNull();
    expect(third.outputs.complete).toBe('true');

    mark = bench.sandbox.requestLog.length;
    const fourth = await night('604');
    expect(searchedPages(mark)).toEqual([1]);
    expect(fourth.summaries[0]).toContain(`index of ${COUNT} parcels from`);
    expect(fourth.summaries[0]).toContain('TOTAL unchanged');
    const fourthShard = await bench.readArtifact('night-604-85031');
    expect(fourthShard.runStats[0]?.counts['parcels-known']).toBe(COUNT);
    expect(fourthShard.runStats[0]?.counts['search-pages']).toBe(1);
  });

  it('searches again when the index is older than index-max-age-days, keeping the known parcels in the plan', async () => {
    const complete = await index();
    await database.db
      .collection<ParcelIndexDocument>(COLLECTIONS.parcelIndex)
      .updateOne({ _id: '85031' }, { $set: { completedAt: '2026-01-01T00:00:00.000Z' } });
    const mark = bench.sandbox.requestLog.length;
    const run = await night('605', { 'index-max-age-days': '30' });
    expect(searchedPages(mark)).toEqual([1, 2]);
    expect(run.summaries[0]).toContain('is older than 30 days: searching again');
    const stored = await index();
    expect(stored.nextPage).toBe(3);
    expect(stored.known).toEqual(complete.known);
    const shard = await bench.readArtifact('night-605-85031');
    expect(shard.runStats[0]?.counts['parcels-known']).toBe(COUNT);
    // Put the complete index back for the next test.
    await database.db
      .collection<ParcelIndexDocument>(COLLECTIONS.parcelIndex)
      .replaceOne({ _id: '85031' }, complete);
  });

  it('searches again when page 1 shows the county TOTAL moved', async () => {
    // The same county a little later: ten more parcels in the ZIP.
    const grown = await startCountySandbox({ parcelsPerZip: COUNT + 10, seed: 'refresh-plan' });
    try {
      bench.useRun('606');
      const run = await runCollect(
        {
          'zip-codes': '85031',
          'api-base-url': grown.url,
          'api-token': grown.token,
          'requests-per-hour': '360000',
          'time-budget-minutes': '0.001',
          'mongodb-uri': uri,
          'max-parcels': '5',
          'artifact-name': 'grown',
        },
        neverSpent,
      );
      expect(run.failures).toEqual([]);
      const pages = grown.requestLog
        .filter((request) => request.endpoint === 'search')
        .map((request) => Number(new URL(request.url, 'http://x').searchParams.get('page')));
      expect(pages).toEqual([1, 2]);
      expect(run.summaries[0]).toContain(`TOTAL changed from ${ROWS} to 136: searching again`);
      const stored = await index();
      expect(stored).toMatchObject({ nextPage: 3, total: 136 });
      expect(stored.known).toHaveLength(COUNT);
    } finally {
      await grown.close();
    }
  });

  it('a dry run reads the index but leaves it as it was', async () => {
    await database.db.collection(COLLECTIONS.parcelIndex).deleteMany({});
    await night('607', { 'dry-run': 'true' });
    expect(await database.db.collection(COLLECTIONS.parcelIndex).countDocuments()).toBe(0);
  });
});

describe('collect-county priorities and coverage', () => {
  const database = useTestDatabase();
  let bench: Bench;
  let apns: string[];
  let uri: string;

  beforeAll(async () => {
    bench = await startBench({ parcelsPerZip: 20, seed: 'activity' });
    apns = Array.from(
      { length: 20 },
      (_, index) => bench.sandbox.directory('85033').parcel(index).apn,
    );
    const url = new URL(database.uri);
    url.pathname = `/${database.db.databaseName}`;
    uri = url.toString();
    const day = (n: number) => `2026-10-${String(n).padStart(2, '0')}T03:00:00.000Z`;
    // Parcels 0-9 collected on October 1st-10th; 10-19 never.
    await database.db.collection('properties').insertMany(
      apns.slice(0, 10).map((apn, index) => ({
        _id: apn as never,
        apn,
        sources: {
          county: { firstSeen: day(1), lastSeen: day(index + 1), lastRunId: '7' },
          // Parcel 5 was listed after its last county fetch, parcel 3 before it.
          ...(index === 5 ? { mls: { firstSeen: '2026-11-01T00:00:00.000Z' } } : {}),
          ...(index === 3 ? { mls: { firstSeen: '2026-09-01T00:00:00.000Z' } } : {}),
        },
      })),
    );
    // Parcel 15 (never collected) has a listing; parcel 7's listing changed price after its fetch.
    await database.db.collection('properties').insertOne({
      _id: apns[15] as never,
      apn: apns[15],
      sources: { mls: { firstSeen: '2026-10-20T00:00:00.000Z' } },
    });
    await database.db.collection('history').insertOne({
      _id: 'h1' as never,
      propertyKey: apns[7],
      field: 'price',
      from: 400000,
      to: 389000,
      source: 'mls',
      observedAt: '2026-11-02T00:00:00.000Z',
      runId: '9',
      recordedAt: '2026-11-02T01:00:00.000Z',
    });
  });
  afterAll(() => bench.close());

  it('fetches parcels with listing activity since their county fetch first, then never collected, then the stalest, and reports coverage', async () => {
    bench.useRun('651');
    const run = await runCollect({
      'zip-codes': '85033',
      'api-base-url': bench.sandbox.url,
      'api-token': bench.sandbox.token,
      'requests-per-hour': '0',
      'mongodb-uri': uri,
      'max-parcels': '6',
      concurrency: '1',
      'artifact-name': 'activity',
    });
    expect(run.failures).toEqual([]);
    const fetched = bench.parcelFetches().map((path) => path.replace('/parcel/', ''));
    const compact = (apn: string) => apn.replace(/-/g, '');
    expect(fetched).toEqual([7, 5, 15, 10, 11, 12].map((index) => compact(apns[index] as string)));
    expect(run.summaries[0]).toContain('3 with listing activity went first');
    const shard = await bench.readArtifact('activity-85033');
    expect(shard.runStats[0]?.counts).toMatchObject({
      'parcels-known': 20,
      // Ten from October plus tonight's four never collected before (15, 10, 11, 12).
      'parcels-collected': 14,
      // Only tonight's six are within 30 days.
      'parcels-fresh': 6,
      'fresh-days': 30,
      'parcels-with-listing-activity': 3,
      // No rate limit: every due parcel can be tried in one night.
      'refresh-nights-left': 1,
      'refresh-cycle-nights': 1,
    });
    expect(run.summaries[0]).toContain(
      '85033: 6 of 20 known parcels fresh (refreshed within 30 days), 14 ever collected',
    );
  });
});

describe('collect-county re-run as attempt 2', () => {
  let bench: Bench;
  const inputs = (extra: Record<string, string>) => ({
    'zip-codes': '85035',
    'api-base-url': bench.sandbox.url,
    'api-token': bench.sandbox.token,
    'requests-per-hour': '0',
    mode: 'full',
    'artifact-name': 'rerun',
    ...extra,
  });

  beforeAll(async () => {
    bench = await startBench({ parcelsPerZip: 40, seed: 'attempt' });
  });
  afterAll(() => bench.close());

  it('continues from what attempt 1 uploaded, on a fresh runner, without resume-from', async () => {
    bench.useRun('701');
    const first = await runCollect(inputs({ 'max-parcels': '15' }));
    expect(first.outputs.parcels).toBe('15');
    const before = bench.parcelFetches().length;

    bench.useRun('701', 2);
    const second = await runCollect(inputs({}));
    expect(second.failures).toEqual([]);
    expect(second.lines.join('\n')).toContain(
      'attempt 2: continuing from what earlier attempts uploaded as rerun-<zip>',
    );
    expect(bench.parcelFetches().length - before).toBe(25);
    expect(second.outputs).toMatchObject({ parcels: '40', complete: 'true' });
    const shard = await bench.readArtifact('rerun-85035');
    expect(new Set(shard.parcels.map((parcel) => parcel.apn)).size).toBe(40);
  });

  it('starts from scratch on attempt 2 when attempt 1 uploaded nothing', async () => {
    bench.useRun('702', 2);
    const before = bench.parcelFetches().length;
    const run = await runCollect(inputs({}));
    expect(run.failures).toEqual([]);
    expect(bench.parcelFetches().length - before).toBe(40);
    expect(run.outputs.parcels).toBe('40');
  });
});
