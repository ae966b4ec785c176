import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const PASSPHRASE = 'correct horse battery staple';
const OWNER = {
  _id: 'owner-1',
  name: 'GARCIA MARIA L',
  mailing: 'PO BOX 4090, SCOTTSDALE, AZ 85261',
};

async function snapshot(): Promise<Record<string, Document[]>> {
  const names = (await database.db.listCollections().toArray()).map((c) => c.name).sort();
  const all: Record<string, Document[]> = {};
  for (const name of names) {
    all[name] = await database.db.collection(name).find().sort({ _id: 1 }).toArray();
  }
  return all;
}

/** Every file of a folder as text, gzip opened where it opens. */
async function folderText(dir: string): Promise<string> {
  let text = '';
  for (const file of await readdir(dir)) {
    const bytes = await readFile(path.join(dir, file));
    try {
      text += gunzipSync(bytes).toString('utf8');
    } catch {
      text += bytes.toString('utf8');
    }
  }
  return text;
}

beforeAll(async () => {
  ({ root, remove } = await tempRoot());
  service = await startArtifactService({ storageDir: path.join(root, 'storage') });
  restoreEnv = useClientEnv({
    ...service.clientEnv('run-602', 'maintain'),
    GITHUB_RUN_ID: '602',
    RUNNER_TEMP: path.join(root, 'temp'),
    GITHUB_WORKSPACE: root,
  });
  await seedPipeline(database.db);
  await database.db.collection<{ _id: string }>('owners').insertOne(OWNER);
});
afterAll(async () => {
  restoreEnv();
  await service.close();
  await remove();
});

const base = () => ({ 'mongodb-uri': database.uri, database: database.db.databaseName });
const day = new Date().toISOString().slice(0, 10);

describe('maintain-db backups in a public repository', () => {
  it('refuses a backup without backup-passphrase, naming the input', async () => {
    const run = await runMaintain({
      ...base(),
      tasks: 'backup',
      'repository-visibility': 'public',
    });
    expect(run.failures.join('\n')).toMatch(
      /input 'backup-passphrase' is required in a public repository/,
    );
    expect(run.outputs['backup-artifact']).toBe('');
  });

  it('encrypts the backup; a wrong or missing passphrase restores nothing, the right one restores it all', async () => {
    const before = await snapshot();
    const backup = await runMaintain({
      ...base(),
      tasks: 'backup',
      'repository-visibility': 'public',
      'backup-passphrase': PASSPHRASE,
    });
    expect(backup.failures).toEqual([]);
    expect(backup.secrets).toContain(PASSPHRASE);
    const name = `db-backup-${day}`;
    expect(backup.outputs['backup-artifact']).toBe(name);
    const folder = path.join(root, 'temp', 'maintain-db', name);
    expect((await readdir(folder)).filter((file) => file.startsWith('owners'))).toEqual([
      'owners.ndjson.gz.enc',
    ]);
    const text = await folderText(folder);
    expect(text).not.toContain(OWNER.name);
    expect(text).not.toContain(OWNER.mailing);
    expect(await readFile(path.join(folder, 'RESTORE.md'), 'utf8')).toContain('## Encrypted');

    await database.db.dropDatabase();
    const restore = { ...base(), tasks: 'restore', 'restore-from': name };
    const wrong = await runMaintain({ ...restore, 'backup-passphrase': 'not the passphrase' });
    expect(wrong.failures.join('\n')).toMatch(
      /input 'backup-passphrase': .* does not open with this passphrase/,
    );
    expect(await database.db.listCollections().toArray()).toEqual([]);
    const missing = await runMaintain(restore);
    expect(missing.failures.join('\n')).toMatch(/input 'backup-passphrase' is required/);
    expect(await database.db.listCollections().toArray()).toEqual([]);

    const right = await runMaintain({ ...restore, 'backup-passphrase': PASSPHRASE });
    expect(right.failures).toEqual([]);
    expect(right.outputs.restored).toBe(backup.outputs['documents-backed-up']);
    expect(await snapshot()).toEqual(before);
  });
});
