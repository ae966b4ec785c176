import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import {
  countyProfile,
  REALISTIC_PARCELS,
  TOKEN_REQUESTS_PER_HOUR,
  WORKFLOW_COUNTY_DEFAULTS,
} from '../../../local/sandbox/county/scale-profile.js';
import { runCli } from './run-cli.js';

// One job that reports the county vars it was given and what the county sandbox serves: the
// TOTAL of a 85033 search, and how many requests it accepts before a 429 (at most 1,001 tried).
const PROBE = `name: scale-probe
on: workflow_dispatch
permissions: {}
jobs:
  probe:
    runs-on: ubuntu-latest
    timeout-minutes: 2
    outputs:
      per-hour: \${{ steps.probe.outputs.per-hour }}
      parallel: \${{ steps.probe.outputs.parallel }}
      budget: \${{ steps.probe.outputs.budget }}
      total: \${{ steps.probe.outputs.total }}
      accepted: \${{ steps.probe.outputs.accepted }}
      retry-after: \${{ steps.probe.outputs.retry-after }}
    steps:
      - id: probe
        env:
          URL: \${{ vars.COUNTY_API_URL }}
          TOKEN: \${{ secrets.COUNTY_API_TOKEN }}
          # Kept out of run: the local runner unescapes only the first '' of a run block that
          # holds an expression.
          PROBE: |
            const get = () => fetch(process.env.URL + "/search/property/?q=85033", {
              headers: { AUTHORIZATION: process.env.TOKEN },
            });
            const first = await get();
            const lines = ["total=" + (await first.json()).TOTAL];
            let accepted = 1;
            for (; accepted <= 1000; accepted += 1) {
              const response = await get();
              await response.arrayBuffer();
              if (response.status === 429) {
                lines.push("retry-after=" + response.headers.get("retry-after"));
                break;
              }
            }
            lines.push("accepted=" + accepted);
            const fs = await import("node:fs");
            fs.appendFileSync(process.env.GITHUB_OUTPUT, lines.join("\\n") + "\\n");
        run: |
          echo "per-hour=\${{ vars.COUNTY_REQUESTS_PER_HOUR }}" >> "$GITHUB_OUTPUT"
          echo "parallel=\${{ vars.COUNTY_MAX_PARALLEL }}" >> "$GITHUB_OUTPUT"
          echo "budget=\${{ vars.COUNTY_TIME_BUDGET_MINUTES }}" >> "$GITHUB_OUTPUT"
          node --input-type=module -e "$PROBE"
`;

interface ProbeOutputs {
  'per-hour': string;
  parallel: string;
  budget: string;
  total: string;
  accepted: string;
  'retry-after': string;
}

let root = '';

/** Runs the probe workflow with `args`; the CLI's exit code, output, and the probe job's outputs. */
async function probe(name: string, ...args: string[]) {
  const out = join(root, name);
  const envFile = join(root, 'local.env');
  const run = await runCli(
    [
      '--workflow',
      join(root, 'scale-probe.yml'),
      '--env-file',
      envFile,
      '--out',
      out,
      '--plain',
    ].concat(args),
    120_000,
  );
  const [runId = ''] = (await readdir(out)).filter((entry) => /^\d+$/.test(entry));
  const result = JSON.parse(await readFile(join(out, runId, 'result.json'), 'utf8')) as {
    jobs: Record<string, { result: string; outputs: ProbeOutputs }>;
  };
  return { ...run, job: result.jobs.probe };
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'phx-scale-profile-'));
  await writeFile(join(root, 'scale-probe.yml'), PROBE);
  // A real endpoint for the database only: the county and the listing site stay sandboxes.
  await writeFile(join(root, 'local.env'), `MONGODB_URI=${inject('mongodbUri')}\n`);
});

describe('npm run pipeline --scale: the sandboxes and vars a run gets', () => {
  it('keeps the small default: 20 parcels a ZIP, no rate limit, COUNTY_REQUESTS_PER_HOUR=0', async () => {
    const run = await probe('small');
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.job?.outputs).toEqual({
      'per-hour': '0',
      parallel: '3',
      // Not set: the workflow's own default applies.
      budget: '',
      // 20 parcels and one noise row after 19.
      total: '21',
      accepted: '1001',
      'retry-after': '',
    });
  }, 150_000);

  it('serves realistic ZIPs behind the token limit, compressed by --time-scale, and sets the vars to match', async () => {
    const run = await probe('realistic', '--scale', 'realistic', '--time-scale', '60');
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const outputs = run.job?.outputs;
    expect(outputs).toMatchObject({
      'per-hour': '60000',
      parallel: '2',
      budget: '0.833333',
      // 12,000 residential parcels are three quarters of the rows.
      total: '16000',
      // 1,000 requests in the token's hour (60 s at K = 60), then 429.
      accepted: '1000',
    });
    expect(Number(outputs?.['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(outputs?.['retry-after'])).toBeLessThanOrEqual(60);
  }, 150_000);

  it('refuses a time scale without the realistic profile, and a profile it does not know, before starting anything', async () => {
    const small = await runCli(['--time-scale', '60', '--out', join(root, 'refused')], 60_000);
    expect(small.code).toBe(2);
    expect(small.stderr).toContain('--time-scale 60: only with --scale realistic');
    const unknown = await runCli(['--scale', 'huge', '--out', join(root, 'refused')], 60_000);
    expect(unknown.stderr).toContain("--scale 'huge': expected small or realistic");
    await expect(readdir(join(root, 'refused'))).rejects.toThrow(/ENOENT/);
  }, 120_000);
});

describe('countyProfile', () => {
  it('gives the realistic county its sizes, padding and the token limit, with the vars at real time', () => {
    const profile = countyProfile({ scale: 'realistic' });
    expect(profile.sandbox).toMatchObject({
      parcelsPerZip: { '85031': 9_000, '85033': 12_000, '85035': 6_500 },
      noiseShare: 0.25,
      rateLimit: { requests: 1_000, windowMs: 3_600_000 },
    });
    expect(profile.vars).toEqual({
      COUNTY_REQUESTS_PER_HOUR: '1000',
      COUNTY_MAX_PARALLEL: '2',
      COUNTY_TIME_BUDGET_MINUTES: '50',
    });
    expect(profile.smallestZip).toBe(6_500);
    expect(Object.keys(REALISTIC_PARCELS)).toEqual(['85031', '85033', '85035']);
    expect(TOKEN_REQUESTS_PER_HOUR).toBe(1_000);
  });

  it('scales the window down and the rate up together, and lets --parcels-per-zip size every ZIP', () => {
    const profile = countyProfile({ scale: 'realistic', timeScale: 7, parcelsPerZip: 400 });
    expect(profile.sandbox).toMatchObject({
      parcelsPerZip: 400,
      noiseShare: 0.25,
      rateLimit: { requests: 1_000, windowMs: 514_286 },
    });
    expect(profile.vars).toMatchObject({
      COUNTY_REQUESTS_PER_HOUR: '7000',
      COUNTY_TIME_BUDGET_MINUTES: '7.142857',
    });
  });

  it('names the option and what it expects when one is wrong', () => {
    expect(() => countyProfile({ scale: 'realistic', timeScale: 0 })).toThrow(
      "--time-scale '0': expected a whole number from 1 to 3600",
    );
    expect(() => countyProfile({ parcelsPerZip: 0 })).toThrow(
      "--parcels-per-zip '0': expected a whole number >= 1",
    );
  });

  it("matches the workflow's defaults for the time budget and the shards that share a token", async () => {
    const workflow = await readFile('.github/workflows/data-collection.yml', 'utf8');
    expect(workflow).toContain(
      `vars.COUNTY_TIME_BUDGET_MINUTES || '${WORKFLOW_COUNTY_DEFAULTS.timeBudgetMinutes}'`,
    );
    expect(workflow).toContain(
      `vars.COUNTY_MAX_PARALLEL || '${WORKFLOW_COUNTY_DEFAULTS.maxParallel}'`,
    );
  });
});
