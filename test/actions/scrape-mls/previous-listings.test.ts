import { DefaultArtifactClient } from '@actions/artifact';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previousListings } from '../../../actions/scrape-mls/src/resume.js';
import { uploadStage } from '../../../shared/io/artifact.js';
import { MANIFEST_FILE } from '../../../shared/io/manifest.js';
import { writeStageOutput } from '../../../shared/io/stage-output.js';
import { memoryLogger } from '../../../shared/logger.js';
import type { MlsListing } from '../../../shared/model/mls-listing.js';
import {
  startArtifactService,
  type ArtifactService,
} from '../../../local/artifact-service/server.js';
import { samples } from '../../shared/model/samples.js';
import { useClientEnv } from '../../local/artifact-service/client-env.js';

const listings: MlsListing[] = [1, 2, 3].map((i) => ({
  ...structuredClone(samples['mls-listing']),
  mlsNumber: `670000${i}`,
}));

async function stage(dir: string): Promise<void> {
  const info = {
    runId: '601',
    stage: 'scrape-mls',
    shard: '85031',
    recordType: 'mls-listing',
    recordSchemaVersion: 1,
  } as const;
  await writeStageOutput(dir, info, listings);
}

describe("scrape-mls reads an earlier attempt's listings through the stage reader", () => {
  let root: string;
  let service: ArtifactService;
  let restoreEnv: () => void;
  const client = new DefaultArtifactClient();
  const source = (name: string, automatic: boolean) => ({
    name,
    client,
    outDir: join(root, 'out'),
    downloadDir: join(root, 'resume'),
    automatic,
  });

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'previous-listings-'));
    service = await startArtifactService({ storageDir: join(root, 'storage') });
    restoreEnv = useClientEnv(service.clientEnv('run-601', 'mls'));
    await stage(join(root, 'good'));
    await uploadStage(client, 'first-85031', join(root, 'good'), memoryLogger());
    const bad = join(root, 'bad');
    await stage(bad);
    const manifest = await readFile(join(bad, MANIFEST_FILE), 'utf8');
    await writeFile(join(bad, MANIFEST_FILE), manifest.replace(/"bytes": \d+/, '"bytes": 1'));
    await client.uploadArtifact(
      'broken-85031',
      [join(bad, MANIFEST_FILE), join(bad, 'data.ndjson')],
      bad,
    );
  });
  afterAll(async () => {
    restoreEnv();
    await service.close();
    await rm(root, { recursive: true, force: true });
  });

  it('keeps the listings of a verified artifact', async () => {
    const logger = memoryLogger();
    expect(await previousListings(source('first-85031', false), logger)).toEqual(listings);
    expect(logger.lines.filter((line) => line.startsWith('warning:'))).toEqual([]);
  });

  it('scrapes a ZIP whole when its artifact is missing or does not verify, and says so', async () => {
    const logger = memoryLogger();
    expect(await previousListings(source('never-85031', true), logger)).toEqual([]);
    expect(await previousListings(source('never-85031', false), logger)).toEqual([]);
    expect(await previousListings(source('broken-85031', false), logger)).toEqual([]);
    expect(logger.lines).toContain(
      "info: re-run: no artifact 'never-85031' from an earlier attempt; scraping it whole",
    );
    expect(logger.lines).toContain(
      "warning: resume-from: no artifact 'never-85031' in this run; scraping it whole",
    );
    expect(logger.lines.at(-1)).toMatch(
      /^warning: resume-from: artifact 'broken-85031' unreadable \(.*data\.ndjson: bytes: expected 1, actual \d+\); scraping it whole$/,
    );
  });
});
