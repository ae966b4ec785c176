import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { INDEXES } from '../../../shared/db/indexes.js';
import { COLLECTION_NAMES } from '../../../shared/db/schema.js';
import { useClientEnv } from '../../local/artifact-service/client-env.js';
import { useTestDatabase } from '../../support/database.js';
import { runMaintain, tempRoot } from './fixtures.js';

const database = useTestDatabase();
let root: string;
let remove: () => Promise<void>;
let restoreEnv: () => void;

beforeAll(async () => ({ root, remove } = await tempRoot()));
afterAll(() => remove());
beforeEach(() => {
  restoreEnv = useClientEnv({ GITHUB_RUN_ID: '502', RUNNER_TEMP: path.join(root, 'temp') });
  delete process.env.ACTIONS_RUNTIME_TOKEN;
});
afterEach(() => restoreEnv());

const base = () => ({ 'mongodb-uri': database.uri, database: database.db.databaseName });

/** Every index the database holds but `_id_`, as the server lists it. */
async function liveIndexes(): Promise<string[]> {
  const found: string[] = [];
  for (const { name } of await database.db.listCollections({}, { nameOnly: true }).toArray()) {
    const listed = (await database.db.collection(name).listIndexes().toArray()) as Array<{
      name: string;
      key: Record<string, unknown>;
      unique?: boolean;
    }>;
    for (const index of listed) {
      if (index.name === '_id_') continue;
      const unique = index.unique === true ? ' unique' : '';
      found.push(`${name}.${index.name} ${JSON.stringify(index.key)}${unique}`);
    }
  }
  return found.sort();
}

describe('maintain-db indexes task', () => {
  it('creates exactly the declared indexes in an empty database, and nothing on a dry run', async () => {
    const dryRun = await runMaintain({ ...base(), tasks: 'indexes', 'dry-run': 'true' });
    expect(dryRun.failures).toEqual([]);
    expect(dryRun.outputs['indexes-created']).toBe(String(INDEXES.length));
    expect(await liveIndexes()).toEqual([]);

    const run = await runMaintain({ ...base(), tasks: 'indexes' });
    expect(run.failures).toEqual([]);
    const declared = INDEXES.map(
      (index) =>
        `${index.collection}.${index.name} ${JSON.stringify(index.key)}${index.unique ? ' unique' : ''}`,
    );
    expect(await liveIndexes()).toEqual(declared.sort());
    expect(run.outputs).toMatchObject({
      'indexes-created': String(INDEXES.length),
      'indexes-extra': '0',
    });

    const again = await runMaintain({ ...base(), tasks: 'indexes' });
    expect(again.outputs['indexes-created']).toBe('0');
    expect(again.result?.indexes?.present).toBe(INDEXES.length);
  });

  it('looks at every declared collection, and only those', async () => {
    await database.db.collection('notes').createIndex({ at: 1 }, { name: 'notes_at' });
    const run = await runMaintain({ ...base(), tasks: 'indexes' });
    expect(run.failures).toEqual([]);
    // A collection outside the declaration is left alone: its index is neither dropped nor reported.
    expect(run.outputs['indexes-extra']).toBe('0');
    const withIndexes = new Set(INDEXES.map((index) => index.collection));
    const listed = (await database.db.listCollections({}, { nameOnly: true }).toArray())
      .map((collection) => collection.name)
      .filter((name) => name !== 'notes')
      .sort();
    expect(listed).toEqual(COLLECTION_NAMES.filter((name) => withIndexes.has(name)).sort());
  });
});
