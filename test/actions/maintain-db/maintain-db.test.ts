import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pipelineCollections } from '../../../shared/db/collections.js';
import { INDEXES, ensureIndexes } from '../../../shared/db/indexes.js';
import { CSV_COLUMNS, csvCell } from '../../../shared/export/csv.js';
import { useClientEnv } from '../../local/artifact-service/client-env.js';
import { useTestDatabase } from '../../support/database.js';
import { historyRow, property, runMaintain, seedPipeline, tempRoot } from './fixtures.js';

const database = useTestDatabase();
let root: string;
let remove: () => Promise<void>;
let restoreEnv: () => void;

beforeAll(async () => {
  ({ root, remove } = await tempRoot());
  await seedPipeline(database.db);
  await ensureIndexes(database.db);
});
afterAll(() => remove());
// Outside a runner: no artifact service, so backups and exports stay in output-dir.
beforeEach(() => {
  restoreEnv = useClientEnv({ GITHUB_RUN_ID: '501', RUNNER_TEMP: path.join(root, 'temp') });
  delete process.env.ACTIONS_RUNTIME_TOKEN;
});
afterEach(() => restoreEnv());

const base = () => ({ 'mongodb-uri': database.uri, database: database.db.databaseName });

async function count(collection: 'history' | 'runs' | 'properties'): Promise<number> {
  return pipelineCollections(database.db)[collection].countDocuments();
}

describe('maintain-db', () => {
  it('recreates a missing index and reports an undeclared one without dropping it', async () => {
    const history = pipelineCollections(database.db).history;
    await history.dropIndex('field_recorded');
    await history.createIndex({ runId: 1 }, { name: 'adhoc_run' });
    const run = await runMaintain({ ...base(), tasks: 'indexes' });
    expect(run.failures).toEqual([]);
    expect(run.outputs).toMatchObject({ 'indexes-created': '1', 'indexes-extra': '1' });
    const listed = (await history.listIndexes().toArray()) as Array<{ name: string }>;
    const names = listed.map((index) => index.name);
    expect(names).toEqual(expect.arrayContaining(['field_recorded', 'adhoc_run']));
    expect(run.summaries[0]).toContain('history.field_recorded');
    expect(run.logger.lines).toContain('warning: index history.adhoc_run is not declared (kept)');

    const again = await runMaintain({ ...base(), tasks: 'indexes' });
    expect(again.outputs).toMatchObject({ 'indexes-created': '0', 'indexes-extra': '1' });
    expect(again.result?.indexes?.present).toBe(INDEXES.length);
  });

  it('retention in a dry run counts the old rows and deletes none', async () => {
    const run = await runMaintain({ ...base(), tasks: 'retention', 'dry-run': 'true' });
    expect(run.failures).toEqual([]);
    expect(JSON.parse(run.outputs.deleted!)).toEqual({
      history: 0,
      runs: 0,
      enrichment_cache: 0,
      costs: 0,
    });
    expect(run.result?.retention.find((row) => row.collection === 'history')?.old).toBe(3);
    expect(await count('history')).toBe(5);
    expect(await count('runs')).toBe(2);
    expect(run.summaries[0]).toContain('dry run: nothing changed');
  });

  it('retention deletes exactly the rows older than the policy, in batches, and nothing else', async () => {
    const run = await runMaintain({ ...base(), tasks: 'retention', 'retention-batch-size': '2' });
    expect(run.failures).toEqual([]);
    expect(JSON.parse(run.outputs.deleted!)).toMatchObject({ history: 3, runs: 1 });
    const history = await pipelineCollections(database.db).history.find().toArray();
    expect(history.map((row) => row._id).sort()).toEqual(['h-new-1', 'h-new-2']);
    const runs = await pipelineCollections(database.db).runs.find().toArray();
    expect(runs.map((row) => row._id)).toEqual(['run-new']);
    expect(await count('properties')).toBe(3);

    await pipelineCollections(database.db).history.insertOne(historyRow('h-mid', 100));
    const shorter = await runMaintain({
      ...base(),
      tasks: 'retention',
      'history-retention-days': '30',
      'runs-retention-days': '0',
    });
    expect(JSON.parse(shorter.outputs.deleted!)).toEqual({
      history: 2,
      enrichment_cache: 0,
      costs: 0,
    });
    expect(await count('runs')).toBe(1);
  });

  it('exports the properties as CSV rows matching the stored ones, for the ZIPs asked', async () => {
    const outputDir = path.join(root, 'out-export');
    const run = await runMaintain({
      ...base(),
      tasks: 'export',
      'export-zips': '85031, 85035',
      'output-dir': outputDir,
    });
    expect(run.failures).toEqual([]);
    expect(run.outputs.exported).toBe('2');
    const [folder] = await readdir(outputDir);
    expect(folder).toMatch(/^property-export-\d{4}-\d{2}-\d{2}$/);
    const csv = await readFile(path.join(outputDir, folder!, 'properties.csv'), 'utf8');
    const [header, ...rows] = csv.trimEnd().split('\r\n');
    expect(header).toBe(CSV_COLUMNS.map((column) => column.name).join(','));
    const expected = [property('102-29-001', '85031'), property('102-29-003', '85035')];
    expect(rows).toEqual(
      expected.map((doc) => CSV_COLUMNS.map((column) => csvCell(column.value(doc))).join(',')),
    );
    const manifest = JSON.parse(
      await readFile(path.join(outputDir, folder!, 'backup-manifest.json'), 'utf8'),
    ) as { kind: string; files: Array<{ path: string }> };
    expect(manifest.kind).toBe('property-export');
    expect(manifest.files.map((file) => file.path)).toEqual([
      'properties.csv',
      'properties.csv.schema.json',
    ]);
  });

  it('names a bad input and what was expected', async () => {
    const run = await runMaintain({ ...base(), tasks: 'indexes,vacuum', 'export-zips': '8503' });
    expect(run.failures[0]).toMatch(/^maintain-db failed: Invalid input: input 'tasks': 'vacuum'/);
    expect(run.failures[0]).toContain("input 'export-zips': '8503': expected a 5-digit ZIP");
    const restore = await runMaintain({ ...base(), tasks: 'restore' });
    expect(restore.failures[0]).toContain("input 'restore-from' is required with the restore task");
    expect(restore.outputs).toMatchObject({ restored: '0', deleted: '{}' });
  });

  it('never shows the connection string, also when the server cannot be reached', async () => {
    const password = 'pw-5ecret-4711';
    const uri = `mongodb://pipeline:${password}@127.0.0.1:1/?serverSelectionTimeoutMS=300`;
    const run = await runMaintain({ 'mongodb-uri': uri, tasks: 'indexes' });
    expect(run.secrets).toContain(uri);
    expect(run.failures[0]).toMatch(/^maintain-db failed: cannot reach MongoDB/);
    const shown = [...run.failures, ...run.logger.lines, ...Object.values(run.outputs)].join('\n');
    expect(shown).not.toContain(password);

    const ok = await runMaintain({
      ...base(),
      tasks: 'indexes,backup',
      'output-dir': path.join(root, 'out-secret'),
    });
    const everything = [...ok.logger.lines, ...ok.summaries, ...Object.values(ok.outputs)].join(
      '\n',
    );
    expect(ok.failures).toEqual([]);
    expect(everything).not.toContain(database.uri);
  });

  it('reports collection sizes and warns above 80 % of the storage limit', async () => {
    const padding = 'x'.repeat(20_000);
    const notes = Array.from({ length: 60 }, (_, n) => ({ _id: `note-${n}`, padding }));
    await database.db.collection<{ _id: string }>('notes').insertMany(notes);
    const run = await runMaintain({ ...base(), tasks: 'indexes', 'storage-limit-mb': '1' });
    expect(run.failures).toEqual([]);
    expect(Number(run.outputs['storage-mb'])).toBeGreaterThan(0.8);
    expect(run.logger.lines).toContainEqual(
      expect.stringMatching(/^warning: database uses [\d.]+ MB, \d+ % of the 1 MB limit/),
    );
    expect(run.summaries[0]).toContain('above 80 %');
    expect(run.summaries[0]).toContain('| notes | 60 |');
    // The indexes task created the declared indexes of the collections no job has written yet.
    expect(run.result?.storage.collections.map((size) => size.name)).toEqual([
      'costs',
      'enrichment_cache',
      'history',
      'listings',
      'notes',
      'properties',
      'runs',
    ]);
  });
});
