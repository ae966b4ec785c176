import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { connectDatabase, redactMongoUri } from '../../../shared/db/connect.js';
import { COLLECTIONS, pipelineCollections } from '../../../shared/db/collections.js';
import { INDEXES, checkIndexes, ensureIndexes } from '../../../shared/db/indexes.js';
import { recordRun, runLedgerId } from '../../../shared/db/runs.js';
import { sanitizeKey, sanitizeKeys } from '../../../shared/db/sanitize.js';
import { RetryableError } from '../../../shared/errors.js';
import { useTestDatabase } from '../../support/database.js';

const database = useTestDatabase();

describe('shared/db', () => {
  it('creates every declared index, again without harm, and reports any that go missing', async () => {
    expect(await checkIndexes(database.db)).toHaveLength(INDEXES.length);
    await ensureIndexes(database.db);
    await ensureIndexes(database.db);
    expect(await checkIndexes(database.db)).toEqual([]);
    await database.db.collection(COLLECTIONS.runs).dropIndex('run_id');
    expect(await checkIndexes(database.db)).toEqual(['runs.run_id']);
    await ensureIndexes(database.db);
    expect(await checkIndexes(database.db)).toEqual([]);
  });

  it('keeps one ledger entry per run, stage and shard', async () => {
    const entry = {
      ...{ runId: '42', stage: 'collect-county', shard: '85031', outcome: 'success' as const },
      ...{ startedAt: '2026-11-28T10:00:00.000Z', finishedAt: '2026-11-28T10:05:00.000Z' },
      ...{
        durationMs: 300_000,
        counts: { parcels: 10 },
        usage: [],
        recordedAt: '2026-11-28T10:05:00.000Z',
      },
    };
    await recordRun(database.db, entry);
    await recordRun(database.db, { ...entry, counts: { parcels: 12 } });
    const runs = await pipelineCollections(database.db).runs.find({ runId: '42' }).toArray();
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      _id: runLedgerId('42', 'collect-county', '85031'),
      counts: { parcels: 12 },
    });
  });

  it('fails to connect with a retryable error that hides the password', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    await new Promise((resolve) => server.close(resolve));
    const port = typeof address === 'object' && address ? address.port : 1;
    const uri = `mongodb://etl:s3cr3t-pw@127.0.0.1:${port}/?serverSelectionTimeoutMS=300`;
    const error = await connectDatabase(uri, 'x').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RetryableError);
    expect((error as Error).message).toMatch(
      /^cannot reach MongoDB at mongodb:\/\/\*\*\*@127\.0\.0\.1/,
    );
    expect((error as Error).message).not.toContain('s3cr3t-pw');
    expect(redactMongoUri('mongodb+srv://a:b@c.example.net/db?authSource=x')).toBe(
      'mongodb+srv://***@c.example.net/db?authSource=***',
    );
  });

  it('connects and pings a reachable database', async () => {
    const connection = await connectDatabase(database.uri, database.db.databaseName);
    await connection.close();
  });
});

describe('sanitizeKeys', () => {
  it.each([
    ['$where', '\uFF04where'],
    ['Owner.Name', 'Owner\uFF0EName'],
    ['$a.$b', '\uFF04a\uFF0E\uFF04b'],
    ['plain', 'plain'],
  ])('%s -> %s', (key, expected) => expect(sanitizeKey(key)).toBe(expected));

  it('rewrites keys at any depth and leaves values alone', () => {
    const value = { $set: { 'a.b': ['$gt', { $ne: '$x' }] }, text: '{"$gt": ""}' };
    expect(sanitizeKeys(value)).toEqual({
      '\uFF04set': { 'a\uFF0Eb': ['$gt', { '\uFF04ne': '$x' }] },
      text: '{"$gt": ""}',
    });
    expect(value.$set['a.b']).toHaveLength(2);
  });
});
