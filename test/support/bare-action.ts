import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { runStep, type StepResult } from '../../local/runner/steps.js';

/** How to run one action of a bare checkout. */
export interface BareRun {
  with?: Record<string, string>;
  /** Variables the runner gives every step, over the minimal ones. */
  env?: Record<string, string>;
  /** Variables only JavaScript actions get (the artifact client's). */
  actionEnv?: Record<string, string>;
  timeoutMs?: number;
}

/**
 * Runs `./actions/<name>` of `checkout` as a runner does (the local runner's step code: inputs
 * with action.yml defaults as `INPUT_*`, file commands), with node alone and the environment of a
 * fresh job: its own empty `HOME` and `RUNNER_TEMP`, nothing from this process but node's folder
 * on `PATH`.
 */
export async function runBareAction(
  checkout: string,
  name: string,
  options: BareRun = {},
): Promise<StepResult & { log: string }> {
  const jobDir = await mkdtemp(join(dirname(checkout), `${name}-job-`));
  const home = join(jobDir, 'home');
  const runnerTemp = join(jobDir, 'runner-temp');
  await Promise.all([home, runnerTemp].map((dir) => mkdir(dir)));
  const baseEnv: Record<string, string> = {
    PATH: `${dirname(process.execPath)}:/usr/bin:/bin`,
    HOME: home,
    RUNNER_TEMP: runnerTemp,
    RUNNER_OS: 'Linux',
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: checkout,
    GITHUB_REPOSITORY: 'local/phx-property-pipeline',
    GITHUB_RUN_ID: '1',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: name,
    ...options.env,
  };
  const step = {
    label: name,
    uses: `./actions/${name}`,
    with: options.with ?? {},
    env: {},
    timeoutMs: options.timeoutMs ?? 60_000,
  };
  const host = {
    workspace: checkout,
    jobDir,
    baseEnv,
    actionEnv: () => options.actionEnv ?? {},
    masks: new Set<string>(),
  };
  const result = await runStep(step, 0, host);
  return { ...result, log: await readFile(join(jobDir, '01.log'), 'utf8') };
}
