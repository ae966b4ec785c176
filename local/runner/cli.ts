import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { consoleLogger } from '../console-logger.js';
import type { Logger } from '../../shared/logger.js';
import { liveReporter } from './live-view.js';
import { plainReporter, type Reporter } from './report.js';
import { runPipeline } from './pipeline.js';
import type { SandboxScale } from '../sandbox/county/scale-profile.js';
import { killRunningSteps } from './step-process.js';

/** Parses a `.env` file: `NAME=value` lines, `#` comments, optional quotes. */
export function parseEnvFile(text: string, path: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [index, line] of text.split(/\r?\n/).entries()) {
    if (/^\s*(#|$)/.test(line)) continue;
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) throw new Error(`${path}:${index + 1}: expected NAME=value`);
    values[match[1] ?? ''] = (match[2] ?? '').replace(/^(['"])(.*)\1$/, '$2');
  }
  return values;
}

const usage = `usage: npm run pipeline -- [options]
  --workflow FILE          workflow to run (default .github/workflows/data-collection.yml)
  --event EVENT            workflow_dispatch (default) or schedule
  --schedule CRON          for --event schedule: which of the workflow's crons fired
  --input NAME=VALUE       a workflow_dispatch input (repeatable)
  --job ID                 run only this job (the jobs it needs count as skipped)
  --env-file FILE          secrets and vars (NAME=value lines); real endpoints replace sandboxes
  --scale PROFILE          size of the sandboxes (unless --env-file names real endpoints):
                           small (default): --parcels-per-zip parcels a ZIP, no rate limit,
                             COUNTY_REQUESTS_PER_HOUR=0, COUNTY_MAX_PARALLEL=3
                           realistic: the county as a night meets it: 9,000 residential
                             parcels in 85031, 12,000 in 85033, 6,500 in 85035 (8,000 in any
                             other ZIP), a quarter of a ZIP search's rows other ZIPs' or
                             commercial, and 1,000 requests an hour per token (429 with
                             Retry-After past it); the run gets COUNTY_REQUESTS_PER_HOUR=1000,
                             COUNTY_MAX_PARALLEL=2 (two shards share the token) and
                             COUNTY_TIME_BUDGET_MINUTES=50; the listing site lists a tenth of
                             the smallest ZIP (650 a ZIP)
  --time-scale K           with --scale realistic: time runs K times faster (a whole number,
                           1 to 3600; default 1): the token's hour lasts 3600/K s, and the run
                           gets COUNTY_REQUESTS_PER_HOUR=1000*K, COUNTY_TIME_BUDGET_MINUTES=50/K
                           (e.g. 60: 1,000 requests a minute for 0.833333 minutes)
  --parcels-per-zip N      parcels of every ZIP (default 20; with --scale realistic it
                           replaces the realistic sizes, keeping their padding and limit)
  --out DIR                where runs are written (default out/; each run in out/<run-id>/;
                           artifacts, caches and the local database live on in out/.state/)
  --rerun-failed RUN-ID    re-run the failed jobs of an earlier run (and the jobs that need
                           them) as its next attempt, keeping what succeeded, like GitHub's
                           "Re-run failed jobs"
  --fresh-db               start the local database over (a run is otherwise the next night)
  --plain                  one line per event even on a terminal (no live view)`;

/** A flag's whole-number value (ranges are checked with the profile), or undefined when absent. */
function wholeNumber(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new Error(`${flag} '${text}': expected a whole number`);
  return Number(text);
}

/** The start-up logger on a live view: its lines go above the job block. */
function reporterLogger(reporter: Reporter): Logger {
  return {
    debug: () => undefined,
    info: (message) => reporter.message(message),
    warning: (message) => reporter.message(`warning: ${message}`),
    error: (message) => reporter.message(`error: ${message}`),
    startGroup: (name) => reporter.message(name),
    endGroup: () => undefined,
  };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      workflow: { type: 'string', default: '.github/workflows/data-collection.yml' },
      event: { type: 'string', default: 'workflow_dispatch' },
      schedule: { type: 'string' },
      plain: { type: 'boolean', default: false },
      input: { type: 'string', multiple: true, default: [] },
      job: { type: 'string' },
      'env-file': { type: 'string' },
      scale: { type: 'string', default: 'small' },
      'time-scale': { type: 'string', default: '1' },
      'parcels-per-zip': { type: 'string' },
      out: { type: 'string', default: 'out' },
      'rerun-failed': { type: 'string' },
      'fresh-db': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return (process.stdout.write(`${usage}\n`), 0);
  if (values.event !== 'schedule' && values.event !== 'workflow_dispatch') {
    throw new Error(`--event '${values.event}': expected schedule or workflow_dispatch`);
  }
  const inputs: Record<string, string> = {};
  for (const item of values.input) {
    const at = item.indexOf('=');
    if (at <= 0) throw new Error(`--input '${item}': expected name=value`);
    inputs[item.slice(0, at)] = item.slice(at + 1);
  }
  const rerun = values['rerun-failed'];
  if (rerun !== undefined && (!/^\d+$/.test(rerun) || values.input.length > 0)) {
    throw new Error(
      `--rerun-failed '${rerun}': expected the id of an earlier run (a folder name in --out), without --input`,
    );
  }
  const perZip = wholeNumber('--parcels-per-zip', values['parcels-per-zip']);
  const timeScale = wholeNumber('--time-scale', values['time-scale']);
  const envFile = values['env-file'];
  const configured = envFile ? parseEnvFile(await readFile(envFile, 'utf8'), envFile) : {};
  const live = process.stdout.isTTY && !values.plain;
  const reporter = live
    ? liveReporter({
        write: (text) => process.stdout.write(text),
        get columns() {
          return process.stdout.columns;
        },
      })
    : plainReporter((line) => process.stdout.write(`${line}\n`));
  const controller = new AbortController();
  process.on('SIGINT', () => {
    if (controller.signal.aborted) process.exit(130);
    reporter.message(
      'cancelling: stopping steps and shutting the sandboxes down (Ctrl-C again to quit now)',
    );
    // Like a cancelled run on GitHub: each running step gets SIGINT, then SIGTERM, then SIGKILL.
    controller.abort();
  });
  process.on('exit', killRunningSteps);
  const run = await runPipeline({
    signal: controller.signal,
    workflowPath: resolve(values.workflow),
    event: values.event,
    schedule: values.schedule,
    inputs,
    configured,
    job: values.job,
    workspace: process.cwd(),
    outRoot: resolve(values.out),
    rerunFailed: rerun,
    freshDatabase: values['fresh-db'],
    scale: values.scale as SandboxScale,
    timeScale,
    parcelsPerZip: perZip,
    logger: live ? reporterLogger(reporter) : consoleLogger(),
    reporter,
  });
  if (run.conclusion === 'cancelled') return 130;
  return run.conclusion === 'success' ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`pipeline: ${(error as Error).message}\n`);
    process.exit(2);
  },
);
