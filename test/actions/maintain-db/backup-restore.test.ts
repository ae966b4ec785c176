import { appendFile, readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Long, ObjectId, type Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureIndexes } from '../../../shared/db/indexes.js';
import { COLLECTIONS } from '../../../shared/db/schema.js';
import {
  startArtifactService,
  type ArtifactService,
} from '../../../local/artifact-service/server.js';
import { useClientEnv } from '../../local/artifact-service/client-env.js';
import { useTestDatabase } from '../../support/database.js';
import { runMaintain, seedPipeline, tempRoot } from './fixtures.js';

const database = useTestDatabase();
let root: string;
let remove: () => Promise<void>;
let service: ArtifactService;
let restoreEnv: () => void;

const noteId = new ObjectId();
const note = {
  _id: noteId,
  at: new Date('2026-01-02T03:04:05.000Z'),
  big: Long.fromNumber(2 ** 40),
  ratio: 1.5,
  tags: ['a', { nested: true }],
};

/** Every document of every collection, by collection, in `_id` order. */
async function snapshot(): Promise<Record<string, Document[]>> {
  const names = (await database.db.listCollections().toArray()).map((c) => c.name).sort();
  const all: Record<string, Document[]> = {};
  for (const name of names) {
    all[name] = await database.db.collection(name).find().sort({ _id: 1 }).toArray();
  }
  return all;
}

beforeAll(async () => {
  ({ root, remove } = await tempRoot());
  service = await startArtifactService({ storageDir: path.join(root, 'storage') });
  restoreEnv = useClientEnv({
    ...service.clientEnv('run-601', 'maintain'),
    GITHUB_RUN_ID: '601',
    RUNNER_TEMP: path.join(root, 'temp'),
    GITHUB_WORKSPACE: root,
  });
  await seedPipeline(database.db);
  // The database as store-mongo leaves it: its collections with their declared indexes.
  const { properties, listings, history, runs } = COLLECTIONS;
  await ensureIndexes(database.db, [properties, listings, history, runs]);
  await database.db.collection('notes').insertOne(note);
});
afterAll(async () => {
  restoreEnv();
  await service.close();
  await remove();
});

const base = () => ({ 'mongodb-uri': database.uri, database: database.db.databaseName });
const day = new Date().toISOString().slice(0, 10);

describe('maintain-db backup and restore', () => {
  it('backs up, and a restore into an emptied database gives back the same documents and types, twice', async () => {
    const before = await snapshot();
    const backup = await runMaintain({ ...base(), tasks: 'backup' });
    expect(backup.failures).toEqual([]);
    expect(backup.outputs['backup-artifact']).toBe(`db-backup-${day}`);
    expect(backup.outputs['documents-backed-up']).toBe('11');
    const folder = path.join(root, 'temp', 'maintain-db', `db-backup-${day}`);
    const guide = await readFile(path.join(folder, 'RESTORE.md'), 'utf8');
    expect(guide).toContain(
      `mongoimport --uri "$MONGODB_URI" --db ${database.db.databaseName} --collection history --mode upsert --file history.ndjson`,
    );
    const manifest = JSON.parse(
      await readFile(path.join(folder, 'backup-manifest.json'), 'utf8'),
    ) as { files: Array<{ path: string; records: number }> };
    expect(manifest.files.map((file) => `${file.path}:${file.records}`)).toEqual([
      'history.ndjson.gz:5',
      'listings.ndjson.gz:0',
      'notes.ndjson.gz:1',
      'properties.ndjson.gz:3',
      'runs.ndjson.gz:2',
      'indexes.json:0',
      'RESTORE.md:0',
      'run-stats.ndjson:1',
    ]);
    const stats = JSON.parse(await readFile(path.join(folder, 'run-stats.ndjson'), 'utf8')) as {
      action: string;
      counts: Record<string, number>;
    };
    expect(stats).toMatchObject({ action: 'maintain-db', counts: { 'documents-backed-up': 11 } });
    const notes = gunzipSync(await readFile(path.join(folder, 'notes.ndjson.gz'))).toString();
    expect(notes).toContain('{"$date":{"$numberLong":"1767323045000"}}');
    expect(notes).toContain('"big":{"$numberLong":"1099511627776"}');

    await database.db.dropDatabase();
    const restore = await runMaintain({
      ...base(),
      tasks: 'restore',
      'restore-from': `db-backup-${day}`,
    });
    expect(restore.failures).toEqual([]);
    expect(restore.outputs.restored).toBe('11');
    const after = await snapshot();
    expect(after).toEqual(before);
    const restoredNote = after.notes?.[0];
    expect(restoredNote?.at).toBeInstanceOf(Date);
    expect(restoredNote?._id).toBeInstanceOf(ObjectId);
    expect(String(restoredNote?._id)).toBe(noteId.toHexString());
    const indexes = (await database.db.collection('history').listIndexes().toArray()) as Array<{
      name: string;
    }>;
    expect(indexes.map((index) => index.name).sort()).toEqual([
      '_id_',
      'field_recorded',
      'property_recorded',
    ]);

    const dryRun = await runMaintain({
      ...base(),
      tasks: 'restore',
      'restore-from': `db-backup-${day}`,
      'dry-run': 'true',
    });
    expect(dryRun.result?.restored?.every((row) => row.unchanged === row.documents)).toBe(true);
    const second = await runMaintain({
      ...base(),
      tasks: 'restore',
      'restore-from': `db-backup-${day}`,
    });
    expect(second.failures).toEqual([]);
    expect(second.outputs.restored).toBe('0');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a tampered backup before writing anything', async () => {
    await runMaintain({
      ...base(),
      tasks: 'backup',
      'output-dir': 'out-local',
      'artifact-name': 'local',
    });
    const folder = path.join(root, 'out-local', `local-${day}`);
    expect(await readdir(folder)).toContain('properties.ndjson.gz');
    await database.db.dropDatabase();
    const dryRun = await runMaintain({
      ...base(),
      tasks: 'restore',
      'restore-from': path.join('out-local', `local-${day}`),
      'dry-run': 'true',
    });
    expect(dryRun.failures).toEqual([]);
    expect(dryRun.result?.restored?.map((row) => row.inserted)).toEqual([5, 0, 1, 3, 2]);
    expect(dryRun.outputs.restored).toBe('0');
    expect(dryRun.summaries[0]).toContain('would insert');
    expect(await database.db.listCollections().toArray()).toEqual([]);

    await appendFile(path.join(folder, 'properties.ndjson.gz'), 'x');

    const run = await runMaintain({
      ...base(),
      tasks: 'restore',
      'restore-from': path.join('out-local', `local-${day}`),
    });
    expect(run.failures[0]).toMatch(
      /^maintain-db failed: .*properties\.ndjson\.gz: bytes: expected \d+, actual \d+; sha256: expected [0-9a-f]{64}, actual/,
    );
    expect(run.outputs.restored).toBe('0');
    expect(await database.db.listCollections().toArray()).toEqual([]);
  });
});
