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
      expect(missing.failures[0]).toMatch(
        /^store-mongo failed: lookup of artifact 'county-85099' failed/,
      );
    } finally {
      restore();
    }
  });
});
