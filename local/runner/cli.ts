import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { consoleLogger } from '../console-logger.js';
import { runPipeline } from './pipeline.js';
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

const usage = `usage: npm run pipeline -- [--workflow FILE] [--event schedule|workflow_dispatch]
  [--input name=value]... [--job ID] [--env-file FILE] [--parcels-per-zip N] [--out DIR]`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      workflow: { type: 'string', default: '.github/workflows/data-collection.yml' },
      event: { type: 'string', default: 'workflow_dispatch' },
      input: { type: 'string', multiple: true, default: [] },
      job: { type: 'string' },
      'env-file': { type: 'string' },
      'parcels-per-zip': { type: 'string', default: '20' },
      out: { type: 'string', default: 'out' },
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
  const perZip = Number(values['parcels-per-zip']);
  if (!Number.isInteger(perZip) || perZip < 1) {
    throw new Error(
      `--parcels-per-zip '${values['parcels-per-zip']}': expected a whole number >= 1`,
    );
  }
  const envFile = values['env-file'];
  const configured = envFile ? parseEnvFile(await readFile(envFile, 'utf8'), envFile) : {};
  const controller = new AbortController();
  process.on('SIGINT', () => {
    if (controller.signal.aborted) process.exit(130);
    process.stdout.write(
      'cancelling: stopping steps and shutting the sandboxes down (Ctrl-C again to quit now)\n',
    );
    controller.abort();
    killRunningSteps();
  });
  const run = await runPipeline({
    signal: controller.signal,
    workflowPath: resolve(values.workflow),
    event: values.event,
    inputs,
    configured,
    job: values.job,
    workspace: process.cwd(),
    outRoot: resolve(values.out),
    parcelsPerZip: perZip,
    logger: consoleLogger(),
    progress: (line) => process.stdout.write(`${line}\n`),
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
