import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ConfigurationError } from '../../shared/errors.js';
import { asString } from './text.js';
import { readFileCommands } from './file-commands.js';
import { runStepProcess, type ProcessResult } from './step-process.js';
import {
  ARTIFACT_PROGRAMS,
  KNOWN_ACTIONS,
  runNative,
  type MarketplaceHost,
} from './marketplace.js';

/** A step ready to run: `uses` or `run`, its evaluated inputs and environment. */
export interface ResolvedStep {
  label: string;
  uses?: string;
  run?: string;
  with: Record<string, string>;
  env: Record<string, string>;
  timeoutMs: number;
  workingDirectory?: string;
}

/** Where a job instance runs: its folders, base environment and masks. */
export interface StepHost {
  /** The job's own workspace (`GITHUB_WORKSPACE`), filled by `actions/checkout`. */
  workspace: string;
  /** Folder of this job's files: logs, file commands. */
  jobDir: string;
  baseEnv: Record<string, string>;
  /**
   * The artifact service's token and URL: only JavaScript actions get these, like on GitHub; for
   * `runId`, a token of that earlier run (download-artifact's `run-id`).
   */
  actionEnv: (runId?: string) => Record<string, string>;
  masks: Set<string>;
  /** What the emulated marketplace actions need; absent, only `run:` and `./` steps run. */
  marketplace?: MarketplaceHost;
  /** Aborted when the job is cancelled or out of time: the running step is stopped gracefully. */
  cancel?: AbortSignal;
  /** Told each step's process group, so the job can end what steps left running. */
  started?: (pid: number) => void;
}

/** What a step produced. */
export interface StepResult extends ProcessResult {
  outputs: Record<string, string>;
  env: Record<string, string>;
  /** Folders the step added to `GITHUB_PATH`, for the steps after it. */
  path: string[];
  note?: string;
}

async function actionMain(workspace: string, uses: string) {
  const dir = resolve(workspace, uses);
  const text = await readFile(join(dir, 'action.yml'), 'utf8').catch(() => {
    throw new ConfigurationError(
      `step uses ${uses}, but ${dir}/action.yml does not exist: did the job run actions/checkout first?`,
    );
  });
  const definition = parseYaml(text) as {
    inputs?: Record<string, { default?: unknown }>;
    runs?: { using?: string; main?: string };
  };
  if (!definition.runs?.main || !/^node\d+$/.test(definition.runs.using ?? '')) {
    throw new ConfigurationError(`${uses}/action.yml: only node actions run locally`);
  }
  return { main: resolve(dir, definition.runs.main), inputs: definition.inputs ?? {} };
}

function inputEnv(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** Runs one step in `host`; an unknown marketplace action is a ConfigurationError naming it. */
export async function runStep(
  step: ResolvedStep,
  index: number,
  host: StepHost,
): Promise<StepResult> {
  const files = join(host.jobDir, 'files');
  await mkdir(files, { recursive: true });
  const output = join(files, `output-${index}`);
  const envFile = join(files, `env-${index}`);
  const summary = join(host.jobDir, `summary-${index}.md`);
  const pathFile = join(files, `path-${index}`);
  await Promise.all([output, envFile, summary, pathFile].map((path) => writeFile(path, '')));
  const env: Record<string, string> = {
    ...host.baseEnv,
    ...step.env,
    GITHUB_OUTPUT: output,
    GITHUB_ENV: envFile,
    GITHUB_PATH: pathFile,
    GITHUB_STEP_SUMMARY: summary,
  };
  const logPath = join(host.jobDir, `${String(index + 1).padStart(2, '0')}.log`);
  let command: string;
  let args: string[];
  if (step.run !== undefined) {
    const script = join(files, `script-${index}.sh`);
    await writeFile(script, step.run);
    command = 'bash';
    args = ['--noprofile', '--norc', '-eo', 'pipefail', script];
  } else if (step.uses?.startsWith('./')) {
    const action = await actionMain(host.workspace, step.uses);
    for (const [name, spec] of Object.entries(action.inputs)) {
      const value = step.with[name] ?? asString(spec.default);
      env[inputEnv(name)] = value;
    }
    for (const name of Object.keys(step.with)) {
      if (!(name in action.inputs)) {
        throw new ConfigurationError(`step '${step.label}': ${step.uses} has no input '${name}'`);
      }
    }
    Object.assign(env, host.actionEnv());
    command = process.execPath;
    args = [action.main];
  } else if (ARTIFACT_PROGRAMS[step.uses?.split('@')[0] ?? '']) {
    for (const [name, value] of Object.entries(step.with)) env[inputEnv(name)] = value;
    Object.assign(env, host.actionEnv(step.with['run-id'] || undefined));
    command = process.execPath;
    // The runner runs under tsx; the programs are TypeScript like the runner.
    args = [...process.execArgv, ARTIFACT_PROGRAMS[step.uses?.split('@')[0] ?? ''] ?? ''];
  } else {
    const native = host.marketplace && runNative(step.uses ?? '', step.with, host.marketplace);
    if (native === undefined) {
      throw new ConfigurationError(
        `step '${step.label}' uses ${step.uses}, which the local runner does not know; ` +
          `known: ${KNOWN_ACTIONS.join(', ')} and ./actions/<name>`,
      );
    }
    const { outputs, note } = await native;
    await writeFile(logPath, `${note}\n`, { flag: 'a' });
    const done = { exitCode: 0, timedOut: false, cancelled: false, tail: [note] };
    return { ...done, outputs, env: {}, path: [], note } satisfies StepResult;
  }
  const result = await runStepProcess({
    command,
    args,
    env,
    cwd: step.workingDirectory ? resolve(host.workspace, step.workingDirectory) : host.workspace,
    logPath,
    masks: host.masks,
    timeoutMs: step.timeoutMs,
    cancel: host.cancel,
    started: host.started,
  });
  return {
    ...result,
    outputs: await readFileCommands(output),
    env: await readFileCommands(envFile),
    path: (await readFile(pathFile, 'utf8'))
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== ''),
  } satisfies StepResult;
}
