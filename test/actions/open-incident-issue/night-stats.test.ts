import { DefaultArtifactClient } from '@actions/artifact';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nightStats } from '../../../actions/open-incident-issue/src/night-stats.js';
import { uploadStage } from '../../../shared/io/artifact.js';
import { MANIFEST_FILE } from '../../../shared/io/manifest.js';
import { writeStageOutput } from '../../../shared/io/stage-output.js';
import { memoryLogger } from '../../../shared/logger.js';
import type { RunStats } from '../../../shared/model/run-stats.js';
import {
  startArtifactService,
  type ArtifactService,
} from '../../../local/artifact-service/server.js';
import { useClientEnv } from '../../local/artifact-service/client-env.js';

function countyStats(zip: string, fetched: number): RunStats {
  return {
    schemaVersion: 1,
    runId: '1001',
    action: 'collect-county',
    shard: zip,
    startedAt: '2026-12-04T10:17:00.000Z',
    finishedAt: '2026-12-04T10:47:00.000Z',
    durationMs: 1_800_000,
    counts: { 'parcels-fetched': fetched },
    errorsByClass: {
      network: 0,
      'rate-limited': 0,
      server: 0,
      auth: 0,
      client: 0,
      parse: 0,
      other: 0,
    },
    retries: 0,
    outcome: 'success',
  };
}

/** Writes a county stage folder whose only records are the run-stats beside the data. */
async function stage(dir: string, zip: string, runStats: unknown[]): Promise<void> {
  const info = {
    runId: '1001',
    stage: 'collect-county',
    shard: zip,
    recordType: 'county-parcel',
    recordSchemaVersion: 1,
  } as const;
  await writeStageOutput(dir, info, [], { records: { 'run-stats': runStats } });
}

describe("open-incident-issue reads the night's run-stats through the stage reader", () => {
  let root: string;
  let service: ArtifactService;
  let restoreEnv: () => void;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'night-stats-'));
    service = await startArtifactService({ storageDir: join(root, 'storage') });
    restoreEnv = useClientEnv({
      ...service.clientEnv('run-1001', 'county'),
      RUNNER_TEMP: join(root, 'runner-temp'),
    });
    const client = new DefaultArtifactClient();
    await stage(join(root, 'good'), '85033', [countyStats('85033', 40)]);
    await uploadStage(client, 'county-parcels-85033', join(root, 'good'), memoryLogger());
    // Verifies, but its run-stats record is not one.
    await stage(join(root, 'odd'), '85035', [{ tampered: true }]);
    await uploadStage(client, 'county-parcels-85035', join(root, 'odd'), memoryLogger());
    // Its manifest no longer matches its files.
    const bad = join(root, 'bad');
    await stage(bad, '85031', [countyStats('85031', 7)]);
    const manifest = await readFile(join(bad, MANIFEST_FILE), 'utf8');
    await writeFile(join(bad, MANIFEST_FILE), manifest.replace(/"bytes": \d+/g, '"bytes": 1'));
    const files = [MANIFEST_FILE, 'data.ndjson', 'run-stats.ndjson'].map((file) => join(bad, file));
    await client.uploadArtifact('county-parcels-85031', files, bad);
  });
  afterAll(async () => {
    restoreEnv();
    await service.close();
    await rm(root, { recursive: true, force: true });
  });

  it('keeps what verifies and names each artifact it left out of the success rates', async () => {
    const logger = memoryLogger();
    const stats = await nightStats(['county-parcels-*', 'mls-listings-*'], logger);

    expect(stats).toEqual([countyStats('85033', 40)]);
    const warnings = logger.lines.filter((line) => line.startsWith('warning:'));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(
      /^warning: artifact 'county-parcels-85031' left out of the success rates: .*data\.ndjson: bytes: expected 1/,
    );
    expect(warnings[1]).toMatch(
      /^warning: artifact 'county-parcels-85035' left out of the success rates: .*run-stats\.ndjson line 1: /,
    );
    expect(logger.lines).toContain('info: run-stats read: 1 record(s)');
  });
});
