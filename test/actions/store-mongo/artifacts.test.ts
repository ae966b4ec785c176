import { DefaultArtifactClient } from '@actions/artifact';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../../../shared/action.js';
import { pipelineCollections } from '../../../shared/db/collections.js';
import { uploadStage } from '../../../shared/io/artifact.js';
import { memoryLogger } from '../../../shared/logger.js';
import { action } from '../../../actions/store-mongo/src/main.js';
import {
  startArtifactService,
  type ArtifactService,
} from '../../../local/artifact-service/server.js';
import { useClientEnv } from '../../local/artifact-service/client-env.js';
import { useTestDatabase } from '../../support/database.js';
import { apnOf, listing, parcel, recordingRuntime, stageFolder, tempRoot } from './fixtures.js';

const database = useTestDatabase();
let root: string;
let remove: () => Promise<void>;
let service: ArtifactService;

beforeAll(async () => {
  ({ root, remove } = await tempRoot());
  service = await startArtifactService({ storageDir: path.join(root, 'storage') });
});
afterAll(async () => {
  await service.close();
  await remove();
});

describe('store-mongo on a runner', () => {
  it('downloads the named artifacts of the run and stores them', async () => {
    const restore = useClientEnv({
      ...service.clientEnv('run-31', 'store'),
      GITHUB_RUN_ID: '31',
      RUNNER_TEMP: path.join(root, 'runner-temp'),
    });
    try {
      const client = new DefaultArtifactClient();
      const county = await stageFolder(root, 'up-county', 'county-parcel', [parcel(1), parcel(2)]);
      const mls = await stageFolder(root, 'up-mls', 'mls-listing', [listing(2)]);
      await uploadStage(client, 'county-85031', county, memoryLogger());
      await uploadStage(client, 'mls-85031', mls, memoryLogger());
      const run = recordingRuntime({
        'mongodb-uri': database.uri,
        database: database.db.databaseName,
        'input-artifacts': 'county-85031, mls-85031',
      });
      await runAction(action, run.runtime);
      expect(run.failures).toEqual([]);
      expect(run.outputs).toMatchObject({ inserted: '2', 'linked-listings': '1', integrity: 'ok' });
      const stored = await pipelineCollections(database.db).properties.findOne({ _id: apnOf(2) });
      expect(stored?.listing?.mlsNumber).toBe(listing(2).mlsNumber);

      const missing = recordingRuntime({
        'mongodb-uri': database.uri,
        database: database.db.databaseName,
        'input-artifacts': 'county-85099',
      });
      await runAction(action, missing.runtime);
      expect(missing.failures[0]).toBe(
        "store-mongo failed: input 'input-artifacts': this run has no artifact 'county-85099'",
      );
    } finally {
      restore();
    }
  });

  it('stores what the shards that finished left when names hold *, and warns of the rest', async () => {
    const restore = useClientEnv({
      ...service.clientEnv('run-32', 'store'),
      GITHUB_RUN_ID: '32',
      RUNNER_TEMP: path.join(root, 'runner-temp-32'),
    });
    try {
      // The 85033 shard failed before uploading; the listing jobs were switched off.
      const county = await stageFolder(root, 'up-county-32', 'county-parcel', [parcel(7)]);
      await uploadStage(
        new DefaultArtifactClient(),
        'county-parcels-85031',
        county,
        memoryLogger(),
      );
      const run = recordingRuntime({
        'mongodb-uri': database.uri,
        database: database.db.databaseName,
        'input-artifacts': 'county-parcels-* mls-listings-*',
      });
      await runAction(action, run.runtime);
      expect(run.failures).toEqual([]);
      expect(run.outputs).toMatchObject({ inserted: '1', integrity: 'ok' });
      expect(run.logger.lines).toContain(
        'warning: no artifact of this run matches mls-listings-* (a stage that did not run)',
      );

      const nothing = recordingRuntime({
        'mongodb-uri': database.uri,
        database: database.db.databaseName,
        'input-artifacts': 'mls-listings-*',
      });
      await runAction(action, nothing.runtime);
      expect(nothing.failures[0]).toBe(
        "store-mongo failed: input 'input-artifacts': no artifact of this run matches mls-listings-*; nothing to read",
      );
    } finally {
      restore();
    }
  });
});
