import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { runCli } from './run-cli.js';

/** One `npm run pipeline` of data-collection.yml: exit code, output, result.json, job logs. */
interface LeverRun {
  code: number;
  stdout: string;
  conclusion: string;
  jobs: Record<string, { result: string }>;
  /** Every log of the plan job, joined. */
  planLog: string;
  summary: string;
}

const LATER_JOBS = ['budget-gate', 'county', 'mls', 'enrich', 'store', 'budget-record', 'report'];

let root = '';

async function pipeline(name: string, env: string[], inputs: string[] = []): Promise<LeverRun> {
  const out = join(root, name);
  const envFile = join(root, `${name}.env`);
  await writeFile(envFile, [`MONGODB_URI=${inject('mongodbUri')}`, ...env].join('\n'));
  const args = ['--env-file', envFile, '--out', out, '--plain', '--input', 'zip-codes=85031'];
  for (const input of inputs) args.push('--input', input);
  const { code, stdout, stderr } = await runCli(args, 120_000);
  const [runId = ''] = (await readdir(out)).filter((entry) => /^\d+$/.test(entry));
  const runDir = join(out, runId);
  const result = JSON.parse(await readFile(join(runDir, 'result.json'), 'utf8')) as LeverRun;
  const files = await readdir(join(runDir, 'jobs'), { recursive: true, withFileTypes: true });
  const read = (suffix: string, inPlan: boolean) =>
    Promise.all(
      files
        .filter((entry) => entry.isFile() && entry.name.endsWith(suffix))
        .filter((entry) => !inPlan || join(entry.parentPath, entry.name).includes('plan'))
        .map((entry) => readFile(join(entry.parentPath, entry.name), 'utf8')),
    ).then((texts) => texts.join('\n'));
  return {
    ...result,
    code,
    stdout: stdout + stderr,
    planLog: await read('.log', true),
    summary: await read('.md', false),
  };
}

describe("npm run pipeline: the operator's levers", () => {
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'phx-levers-'));
  });

  it('PIPELINE_PAUSED stops the night at the plan job, green, with a notice naming it', async () => {
    const run = await pipeline('paused', ['PIPELINE_PAUSED=maintenance window']);
    expect(run.code, run.stdout).toBe(0);
    expect(run.conclusion).toBe('success');
    expect(run.jobs.plan?.result).toBe('success');
    for (const job of [...LATER_JOBS, 'incident'])
      expect(run.jobs[job]?.result, job).toBe('skipped');
    // The reason itself reads *** locally: the runner masks every --env-file value, vars too.
    expect(run.planLog).toMatch(
      /::notice title=Pipeline paused::The pipeline is paused by the repository variable PIPELINE_PAUSED \(.+\): no collection, enrichment, storing, report or incident handling\. Delete the variable to resume\./,
    );
    expect(run.summary).toContain('### Pipeline paused');
    // Preflight did not run: nothing was asked of the database or the sources.
    expect(run.planLog).not.toContain('Plan the run and check the configuration');
  }, 150_000);

  it('PIPELINE_PAUSED=false runs the night as usual up to the preflight', async () => {
    const run = await pipeline(
      'not-paused',
      ['PIPELINE_PAUSED=false', 'COUNTY_API_TOKEN=bad-1'],
      [],
    );
    expect(run.code, run.stdout).toBe(1);
    expect(run.jobs.plan?.result).toBe('failure');
    // A failing night is reported and handled as before.
    expect(run.jobs.report?.result).toBe('success');
    expect(run.jobs.incident?.result).toBe('success');
  }, 150_000);

  it('mode=health-check runs the preflight alone and fails naming the problem, even while paused', async () => {
    const run = await pipeline(
      'health-check-refused',
      ['PIPELINE_PAUSED=maintenance window', 'COUNTY_API_TOKEN=not-the-token-2'],
      ['mode=health-check'],
    );
    expect(run.code, run.stdout).toBe(1);
    expect(run.jobs.plan?.result).toBe('failure');
    expect(run.stdout).toContain('the county API refused the token');
    for (const job of [...LATER_JOBS, 'incident'])
      expect(run.jobs[job]?.result, job).toBe('skipped');
    expect(run.planLog).toContain('::notice title=Health check::');
  }, 150_000);

  it('mode=health-check ends green when every check passes, collecting nothing', async () => {
    const run = await pipeline('health-check', [], ['mode=health-check']);
    expect(run.code, run.stdout).toBe(0);
    expect(run.jobs.plan?.result).toBe('success');
    for (const job of [...LATER_JOBS, 'incident'])
      expect(run.jobs[job]?.result, job).toBe('skipped');
    expect(run.summary).toContain('### Health check: the preflight checks alone');
  }, 150_000);
});
