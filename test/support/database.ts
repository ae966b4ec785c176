import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { MongoClient, type Db } from 'mongodb';
import { afterAll, beforeAll, expect, inject } from 'vitest';

/** The run's database as one test file sees it. */
export interface TestDatabase {
  /** Connected client; valid inside tests and hooks, not at collection time. */
  readonly client: MongoClient;
  /** A database of this file's own, dropped after its last test. */
  readonly db: Db;
  /** Connection string of the run's database server. */
  readonly uri: string;
}

/**
 * Connects to the database the global setup provisioned and gives this test file a fresh
 * database named after it plus a random suffix, dropped in `afterAll`.
 */
export function useTestDatabase(): TestDatabase {
  let client: MongoClient | undefined;
  let db: Db | undefined;
  const uri = inject('mongodbUri');

  beforeAll(async () => {
    if (uri === '') {
      throw new Error(`No database for this test: ${inject('mongodbProvisionError')}`);
    }
    client = new MongoClient(uri);
    await client.connect();
    db = client.db(databaseName(expect.getState().testPath ?? 'unknown'));
  });

  afterAll(async () => {
    await db?.dropDatabase();
    await client?.close();
  });

  return {
    uri,
    get client() {
      if (client === undefined) throw new Error('useTestDatabase: client used before beforeAll');
      return client;
    },
    get db() {
      if (db === undefined) throw new Error('useTestDatabase: db used before beforeAll');
      return db;
    },
  };
}

// FerretDB and MongoDB both accept letters, digits and `_` in database names, up to 63 bytes.
function databaseName(filepath: string): string {
  const stem = path
    .basename(filepath)
    .replace(/\.test\.ts$/, '')
    .replace(/[^a-zA-Z0-9]+/g, '_')
    .slice(0, 40);
  return `test_${stem}_${randomBytes(4).toString('hex')}`;
}
