import { DefaultArtifactClient } from '@actions/artifact';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { action as storeMongo } from '../../../actions/store-mongo/src/main.js';
import { pipelineCollections } from '../../../shared/db/collections.js';
import { runRecorded } from '../../support/recording-runtime.js';
import { useTestDatabase } from '../../support/database.js';
import { startBench, runCollect, type Bench } from './harness.js';

const database = useTestDatabase();
const PASSPHRASE = 'correct horse battery staple';

/** Every file of artifact `name` as downloaded from the service, gzip opened, as one text. */
async function artifactText(bench: Bench, name: string): Promise<string> {
  const client = new DefaultArtifactClient();
  const { artifact } = await client.getArtifact(name);
  const dir = join(bench.root, 'raw-downloads', name);
  await client.downloadArtifact(artifact.id, { path: dir });
  let text = '';
  for (const file of await readdir(dir)) {
    const bytes = await readFile(join(dir, file));
    text += file.endsWith('.gz') ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
  }
  return text;
}

describe('collect-county in a public repository', () => {
  let bench: Bench;
  let inputs: Record<string, string>;
  /** Owner names and mailing addresses the county served, from a private run's artifact. */
  let personal: { names: string[]; mailing: string[]; owners: Map<string, string | null> };

  beforeAll(async () => {
    bench = await startBench({ parcelsPerZip: { '85031': 40 }, seed: 'public' });
    inputs = {
      'zip-codes': '85031',
      'api-base-url': bench.sandbox.url,
      'api-token': bench.sandbox.token,
      'requests-per-hour': '0',
      mode: 'full',
    };
    bench.useRun('801');
    const clear = await runCollect({
      ...inputs,
      'artifact-name': 'clear',
      'repository-visibility': 'private',
    });
    expect(clear.failures).toEqual([]);
    const { parcels } = await bench.readArtifact('clear-85031');
    const owners = new Map(parcels.map((parcel) => [parcel.apn, parcel.owner?.name ?? null]));
    const names = parcels.flatMap((p) => [p.owner?.name, p.rental?.ownerName]);
    // Owners who live elsewhere: their mailing address is not the parcel's own.
    const mailing = parcels
      .filter((p) => p.owner?.mailingZip && p.owner.mailingZip !== p.zip)
      .map((p) => p.owner?.mailingAddress);
    personal = {
      names: [...new Set(names.filter((name): name is string => !!name && name !== 'NA'))],
      mailing: [...new Set(mailing.filter((line): line is string => !!line))],
      owners,
    };
  });
  afterAll(() => bench.close());

  it('the private run did carry owners and mailing addresses (what the public run must not)', () => {
    expect(personal.names.length).toBeGreaterThan(10);
    expect(personal.mailing.length).toBeGreaterThan(0);
  });

  it('with a passphrase: no owner name or mailing address in any artifact file, and store-mongo opens them', async () => {
    const run = await runCollect({
      ...inputs,
      'artifact-name': 'sealed',
      'repository-visibility': 'public',
      'artifact-passphrase': PASSPHRASE,
    });
    expect(run.failures).toEqual([]);
    expect(run.secrets).toContain(PASSPHRASE);
    const text = await artifactText(bench, 'sealed-85031');
    for (const value of [...personal.names, ...personal.mailing]) {
      expect(text, value).not.toContain(value);
    }
    expect(text).toContain('phxseal1.');

    const store = { 'mongodb-uri': database.uri, database: database.db.databaseName };
    const wrong = await runRecorded(storeMongo, {
      ...store,
      'input-artifacts': 'sealed-85031',
      'artifact-passphrase': 'wrong passphrase',
    });
    expect(wrong.failures.join('\n')).toMatch(/input 'artifact-passphrase'.*does not open/);
    const properties = pipelineCollections(database.db).properties;
    expect(await properties.countDocuments()).toBe(0);

    const right = await runRecorded(storeMongo, {
      ...store,
      'input-artifacts': 'sealed-85031',
      'artifact-passphrase': PASSPHRASE,
    });
    expect(right.failures).toEqual([]);
    for (const [apn, owner] of personal.owners) {
      const stored = await properties.findOne({ _id: apn });
      expect(stored?.county?.owner?.name ?? null, apn).toBe(owner);
      expect(stored?.county).not.toHaveProperty('personal');
    }
  });

  it('without a passphrase: owner fields are dropped with a warning, and store-mongo keeps the owners it has', async () => {
    const run = await runCollect({
      ...inputs,
      'artifact-name': 'dropped',
      'repository-visibility': 'public',
    });
    expect(run.failures).toEqual([]);
    expect(run.lines.join('\n')).toMatch(/no 'artifact-passphrase': owner names and mailing/);
    const text = await artifactText(bench, 'dropped-85031');
    for (const value of [...personal.names, ...personal.mailing]) {
      expect(text, value).not.toContain(value);
    }
    expect(text).not.toContain('phxseal1.');

    const stored = await runRecorded(storeMongo, {
      'mongodb-uri': database.uri,
      database: database.db.databaseName,
      'input-artifacts': 'dropped-85031',
    });
    expect(stored.failures).toEqual([]);
    const properties = pipelineCollections(database.db).properties;
    const named = [...personal.owners].find(([, owner]) => owner !== null);
    expect(named).toBeDefined();
    const [apn, owner] = named!;
    expect((await properties.findOne({ _id: apn }))?.county?.owner?.name).toBe(owner);
  });
});
