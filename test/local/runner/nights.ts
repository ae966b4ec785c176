import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { runCli } from './run-cli.js';

/** Processes whose command line contains every one of `texts`, read from /proc (no procps needed). */
export async function processesRunning(...texts: string[]): Promise<number[]> {
  const pids = (await readdir('/proc')).filter((entry) => /^\d+$/.test(entry));
  const found: number[] = [];
  for (const pid of pids) {
    const command = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (texts.every((text) => command.includes(text))) found.push(Number(pid));
  }
  return found;
}

/** `result.json` of a run, as much of it as the night tests read. */
export interface NightResult {
  conclusion: string;
  attempt: number;
  jobs: Record<
    string,
    {
      result: string;
      outputs: Record<string, string>;
      instances: Array<{ label: string; result: string }>;
    }
  >;
}

/** One `npm run pipeline` of a night test: how it ended, its run id and its result. */
export interface Night {
  code: number;
  stdout: string;
  runId: string;
  result: NightResult;
}

/**
 * Runs the local runner as `npm run pipeline --env-file <envFile> --out <out> --plain <args>`,
 * with `during` running beside it (to interrupt a shard, say), and reads the run it made: the new
 * numeric folder of `out`, or the run `--rerun-failed` names.
 */
export async function runNight(options: {
  out: string;
  envFile: string;
  args: string[];
  timeoutMs: number;
  during?: () => Promise<void>;
}): Promise<Night> {
  const { out, args } = options;
  const before = new Set(await readdir(out));
  const cli = runCli(
    ['--env-file', options.envFile, '--out', out, '--plain', ...args],
    options.timeoutMs,
  );
  await options.during?.();
  const { code, stdout } = await cli;
  const rerun = args.indexOf('--rerun-failed');
  const runId =
    rerun >= 0
      ? (args[rerun + 1] ?? '')
      : ((await readdir(out)).find((name) => /^\d+$/.test(name) && !before.has(name)) ?? '');
  const result = JSON.parse(await readFile(join(out, runId, 'result.json'), 'utf8')) as NightResult;
  return { code, stdout, runId, result };
}

/** Runs `use` with a client of the database at `uri`, closed afterwards. */
export async function withClient<T>(
  uri: string,
  use: (client: MongoClient) => Promise<T>,
): Promise<T> {
  const client = await MongoClient.connect(uri);
  try {
    return await use(client);
  } finally {
    await client.close();
  }
}
