import { DefaultArtifactClient } from '@actions/artifact';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadStage, uploadStage } from '../../../shared/io/artifact.js';
import { readStageRecords } from '../../../shared/io/stage-output.js';
import { memoryLogger } from '../../../shared/logger.js';
import { runStatsSchema } from '../../../shared/model/run-stats.js';
import {
  startArtifactService,
  type ArtifactService,
} from '../../../local/artifact-service/server.js';
import { useClientEnv } from '../../local/artifact-service/client-env.js';
import {
  countyStats,
  makeWorkspace,
  removeWorkspace,
  runSendReport,
  writeCountyStage,
} from './harness.js';

describe('send-report with the run artifacts', () => {
  let workspace: string;
  let service: ArtifactService;
  let restoreEnv: () => void;

  beforeAll(async () => {
    workspace = await makeWorkspace();
    service = await startArtifactService({ storageDir: join(workspace, 'storage') });
    restoreEnv = useClientEnv(service.clientEnv('run-9001', 'report'));
  });
  afterAll(async () => {
    restoreEnv();
    await service.close();
    await removeWorkspace(workspace);
  });

  it('reads run-stats from stage artifacts by pattern and uploads the report artifact', async () => {
    const client = new DefaultArtifactClient();
    const logger = memoryLogger();
    for (const [zip, fetched] of [
      ['85031', 400],
      ['85033', 500],
    ] as const) {
      const name = await writeCountyStage(join(workspace, 'stages'), countyStats(zip, fetched));
      await uploadStage(client, name, join(workspace, 'stages', name), logger);
    }
    const run = await runSendReport({ 'run-results': 'county-*, scrape-*' }, workspace, {
      artifactClient: client,
    });
    expect(run.failures).toEqual([]);
    expect(run.outputs['report-artifact']).toBe('report-daily');
    expect(run.summaries[0]).toContain('| 85031 | 400 | 0 | 400 |');
    expect(run.summaries[0]).toContain('Report artifact: report-daily');

    const downloaded = await downloadStage(
      client,
      'report-daily',
      join(workspace, 'check'),
      logger,
    );
    const paths = downloaded.manifest.files.map((file) => file.path);
    expect(paths).toEqual(
      expect.arrayContaining(['report.html', 'message.eml', 'charts/collected-by-zip.png']),
    );
    const stats = [];
    for await (const record of readStageRecords(
      downloaded.dir,
      downloaded.manifest,
      'run-stats',
      runStatsSchema,
    ))
      stats.push(record);
    expect(stats).toMatchObject([
      { action: 'send-report', shard: 'daily', counts: { 'runs-reported': 1, 'messages-sent': 0 } },
    ]);
  });
});
