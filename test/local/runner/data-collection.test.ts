import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startGitHubEmulator, type GitHubEmulator } from '../../../local/sandbox/github/server.js';

// Vitest loads @actions/workflow-parser natively, which refuses its JSON import; the CLI runs
// through tsx as `npm run pipeline` does, so the test runs it the same way.
const execute = promisify(execFile);

interface RunOutcome {
  exitCode: number;
  stdout: string;
  outDir: string;
  conclusion: string;
  jobs: Record<string, { result: string; outputs: Record<string, string> }>;
}

async function allLogs(dir: string): Promise<string> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const logs = entries.filter((entry) => entry.isFile() && entry.name.endsWith('.log'));
  const texts = await Promise.all(logs.map((e) => readFile(join(e.parentPath, e.name), 'utf8')));
  return texts.join('\n');
}

describe('npm run pipeline: data-collection.yml on the sandbox', () => {
  let github: GitHubEmulator;
  let root = '';
  const runs: RunOutcome[] = [];
  const counts: Array<Record<string, number>> = [];

  async function countDocuments(): Promise<Record<string, number>> {
    const client = await MongoClient.connect(inject('mongodbUri'));
    try {
      const db = client.db('phx_property');
      const names = ['properties', 'listings', 'history'];
      const values = await Promise.all(names.map((name) => db.collection(name).countDocuments()));
      return Object.fromEntries(names.map((name, i) => [name, values[i] ?? 0]));
    } finally {
      await client.close();
    }
  }

  async function pipeline(name: string, extraEnv: string[]): Promise<RunOutcome> {
    const envFile = join(root, `${name}.env`);
    await writeFile(
      envFile,
      [
        `MONGODB_URI=${inject('mongodbUri')}`,
        `GITHUB_API_URL=${github.url}`,
        `GITHUB_TOKEN=${github.token}`,
        'GITHUB_REPOSITORY=phx/pipeline-e2e',
        'INCIDENT_THRESHOLD=1',
        ...extraEnv,
      ].join('\n'),
    );
    const out = join(root, name);
    const args = ['tsx', 'local/runner/cli.ts', '--env-file', envFile, '--out', out];
    // full mode collects the same first parcels each time, so the third run sees the same day's data.
    args.push(
      '--input',
      'zip-codes=85031,85033',
      '--input',
      'max-parcels=3',
      '--input',
      'mode=full',
    );
    args.push('--parcels-per-zip', '8');
    let stdout: string;
    let exitCode = 0;
    try {
      stdout = (await execute('npx', args, { timeout: 100_000 })).stdout;
    } catch (error) {
      const failed = error as { stdout: string; code: number };
      stdout = failed.stdout;
      exitCode = failed.code;
    }
    const [runId = ''] = await readdir(out);
    const outDir = join(out, runId);
    const result = JSON.parse(await readFile(join(outDir, 'result.json'), 'utf8')) as RunOutcome;
    return { ...result, exitCode, stdout, outDir };
  }

  beforeAll(async () => {
    github = await startGitHubEmulator();
    root = await mkdtemp(join(tmpdir(), 'phx-runner-'));
    runs.push(await pipeline('first', []));
    counts.push(await countDocuments());
    runs.push(await pipeline('refused', ['COUNTY_API_TOKEN=not-the-token']));
    runs.push(await pipeline('recovered', []));
    counts.push(await countDocuments());
  }, 300_000);

  afterAll(async () => {
    await github?.close();
  });

  it('runs every job to success, shards per ZIP, and prints each step with its duration', () => {
    const [first] = runs;
    expect(first?.exitCode, first?.stdout).toBe(0);
    expect(first?.conclusion).toBe('success');
    for (const job of ['plan', 'budget-gate', 'county', 'mls', 'enrich', 'store', 'report']) {
      expect(first?.jobs[job]?.result, job).toBe('success');
    }
    expect(first?.stdout).toContain('job county (85031): started');
    expect(first?.stdout).toContain('job county (85033): started');
    expect(first?.stdout).toMatch(/Store in MongoDB: success in \d+\.\ds/);
  });

  it('leaves merged properties and listings in the database, integrity ok', () => {
    const store = runs[0]?.jobs.store?.outputs;
    expect(store?.integrity).toBe('ok');
    expect(Number(store?.inserted)).toBeGreaterThan(0);
    expect(counts[0]?.properties).toBeGreaterThanOrEqual(6);
    expect(counts[0]?.listings).toBeGreaterThan(0);
  });

  it('writes the daily report as an .eml in the run folder', async () => {
    const report = join('jobs', 'report', 'temp', 'reports', 'report-daily');
    const eml = await readFile(join(runs[0]?.outDir ?? '', report, 'message.eml'), 'utf8');
    expect(eml).toMatch(/^Subject: /m);
  });

  it('fails when the county refuses the token, opens one incident, and the next good run closes it', () => {
    const [, refused, recovered] = runs;
    expect(refused?.exitCode).toBe(1);
    expect(refused?.jobs.county?.result).toBe('failure');
    expect(refused?.jobs.report?.result).toBe('success');
    expect(refused?.stdout).toContain('the county API refused the token');
    expect(recovered?.exitCode, recovered?.stdout).toBe(0);
    const incidents = github.state
      .issues('phx', 'pipeline-e2e')
      .filter((issue) => issue.labels.some((label) => label === 'incident'));
    expect(incidents).toHaveLength(1);
    expect(incidents[0]?.state).toBe('closed');
  });

  it('writes nothing new when the same day is collected again', () => {
    const store = runs[2]?.jobs.store?.outputs;
    expect(store?.integrity).toBe('ok');
    expect(store?.inserted).toBe('0');
    expect(counts[1]).toEqual(counts[0]);
  });

  it('never writes a secret into the step logs', async () => {
    const logs = (await Promise.all(runs.map((run) => allLogs(run.outDir)))).join('\n');
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain(github.token);
    expect(logs).not.toContain(inject('mongodbUri'));
    expect(logs).not.toContain('not-the-token');
  });
});
