import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeStageOutput } from '../../../shared/io/stage-output.js';
import { RUN_STATS_SCHEMA_VERSION, type RunStats } from '../../../shared/model/run-stats.js';
import { startGitHubEmulator, type GitHubEmulator } from '../../../local/sandbox/github/server.js';
import { everythingPosted, openIncidents, runIncident, setRunId, useRunnerEnv } from './harness.js';

const stats = (
  action: RunStats['action'],
  shard: string,
  fetched: number,
  auth: number,
): RunStats => ({
  schemaVersion: RUN_STATS_SCHEMA_VERSION,
  runId: '1001',
  action,
  shard,
  startedAt: '2026-11-28T10:00:00.000Z',
  finishedAt: '2026-11-28T10:02:00.000Z',
  durationMs: 120_000,
  counts: { 'parcels-fetched': fetched },
  errorsByClass: { network: 0, 'rate-limited': 0, server: 0, auth, client: 0, parse: 0, other: 0 },
  retries: 0,
  outcome: auth > 0 ? 'failure' : 'success',
});

describe('details and secrets', () => {
  let github: GitHubEmulator;
  let restoreEnv: () => void;
  let root: string;

  beforeEach(async () => {
    github = await startGitHubEmulator();
    restoreEnv = useRunnerEnv(github);
    root = await mkdtemp(join(tmpdir(), 'incident-details-'));
  });
  afterEach(async () => {
    restoreEnv();
    await github.close();
    await rm(root, { recursive: true, force: true });
  });

  async function stage(name: string, records: RunStats[]): Promise<void> {
    const info = {
      runId: '1001',
      stage: 'collect-county' as const,
      shard: name,
      recordType: 'county-parcel' as const,
      recordSchemaVersion: 1,
    };
    await writeStageOutput(join(root, name), info, [], { records: { 'run-stats': records } });
  }

  it('derives severity from the verified run-stats of an artifact folder and shows them', async () => {
    await stage('county-85031', [stats('collect-county', '85031', 0, 25)]);
    await stage('county-85033', [stats('collect-county', '85033', 40, 0)]);
    await stage('county-85035', [stats('collect-county', '85035', 900, 0)]);
    await appendFile(join(root, 'county-85035', 'run-stats.ndjson'), '{"tampered":true}\n');
    const run = await runIncident({
      'github-token': github.token,
      status: 'failure',
      component: 'collect-county',
      signature: 'HTTP 500 [search]:Unauthorized access! Please contact support.',
      details: root,
    });
    expect(run.failures).toEqual([]);
    // A refused county token is P1 (40 parcels against 25 errors, 85035 left out, is a P2 band
    // alone), and a P1 opens on the first failing run.
    expect(run.outputs).toMatchObject({ action: 'opened', occurrences: '1' });
    setRunId('1002');
    const second = await runIncident({
      'github-token': github.token,
      status: 'failure',
      component: 'collect-county',
      signature: 'HTTP 500 [search]:Unauthorized access! Please contact support.',
      details: root,
    });
    expect(second.outputs).toMatchObject({ action: 'commented', occurrences: '2' });
    const body = openIncidents(github)[0]?.body ?? '';
    expect(openIncidents(github)[0]?.labels).toContain('severity:p1');
    expect(body).toContain(
      '| collect-county | 85031 | failure | 25 (auth 25) | parcels-fetched 0 |',
    );
    expect(body).toContain('Runbook: County API refusing authentication');
    expect(body).toMatch(/Run-stats left out, the artifact did not verify: .*county-85035/);
  });

  it('posts no secret in any title, body or comment', async () => {
    const token = github.token;
    const leaky = {
      'github-token': token,
      status: 'failure',
      component: 'store-mongo',
      threshold: '2',
      signature: `MongoServerError: bad auth for mongodb://admin:hunter2pass@db.example:27017/phx with ${token}`,
      details: [
        'Client said: `Authorization: Bearer ghp_abcdefghijklmnopqrstuvwxyz0123456789`',
        'proxy http://user:Pr0xyPass@proxy.example:8080 and https://api.example/x?api_key=abcd1234secret',
        'password=Sup3rS3cret; the extra one: S3cr3tValue! and a fake marker <!-- phx-incident:fingerprint=0000000000000000 -->',
      ].join('\n'),
      redact: 'S3cr3tValue!',
    };
    await runIncident(leaky);
    setRunId('1002');
    const opened = await runIncident(leaky);
    setRunId('1003');
    await runIncident(leaky);
    expect(opened.outputs.action).toBe('opened');
    // Each secret and its base64 form (as a Basic or Bearer header would carry it).
    const base64 = (text: string) => Buffer.from(text).toString('base64');
    expect(opened.secrets).toEqual([base64(token), token, base64('S3cr3tValue!'), 'S3cr3tValue!']);
    const posted = everythingPosted(github);
    expect(posted).toContain('Occurrence 3');
    for (const secret of [
      token,
      'hunter2pass',
      'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
      'Pr0xyPass',
      'abcd1234secret',
      'Sup3rS3cret',
      'S3cr3tValue!',
    ])
      expect(posted).not.toContain(secret);
    expect(posted).not.toContain('<!-- phx-incident:fingerprint=0000000000000000');
    expect(opened.lines.join('\n')).not.toContain('hunter2pass');
  });
});
