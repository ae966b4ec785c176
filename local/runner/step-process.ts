import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { addMaskValues } from './mask-command.js';

const running = new Set<number>();

/** Kills every step process group still running at once, e.g. on a second Ctrl-C. */
export function killRunningSteps(): void {
  for (const pid of running) killGroup(pid);
}

/** Ends a step's whole process group, background children included, as a runner does at job end. */
export function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/**
 * GitHub's runner (ProcessInvoker) stops a step by SIGINT, then SIGTERM after 7.5 s, then kills
 * the process tree 2.5 s later; an action can save its work in that time.
 */
export const STOP_GRACE_MS = { sigint: 7_500, sigterm: 2_500 };

/** What one step process did. */
export interface ProcessResult {
  exitCode: number;
  /** Stopped because the step's (or, with `cancelled`, the job's) time ran out. */
  timedOut: boolean;
  /** Stopped because the job was cancelled or ran out of time. */
  cancelled: boolean;
  /** The last lines of its output (masked), for the progress line of a failed step. */
  tail: string[];
}

/** A child process to run as a step, with its log file and the values to mask. */
export interface StepProcess {
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  logPath: string;
  /** Secret values masked as `***`; `::add-mask::` lines of the process add to it (see mask-command). */
  masks: Set<string>;
  timeoutMs: number;
  /** Aborted when the job is cancelled (or its own time is up): the step is stopped gracefully. */
  cancel?: AbortSignal;
  /** Told the process group id, so the job can end its leftovers when it finishes. */
  started?: (pid: number) => void;
}

/** Replaces every mask in `line` with `***` (longest first, so one mask inside another goes too). */
export function maskLine(line: string, masks: Set<string>): string {
  let result = line;
  for (const mask of [...masks].sort((a, b) => b.length - a.length)) {
    if (mask.length >= 3) result = result.split(mask).join('***');
  }
  return result;
}

/** Sends `signal` to the step's own process (not its group), as the runner does. */
function signalProcess(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid !== undefined) process.kill(child.pid, signal);
  } catch {
    // already gone
  }
}

async function stopGracefully(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  const within = (ms: number) => Promise.race([exited.then(() => true), sleep(ms, false)]);
  signalProcess(child, 'SIGINT');
  if (await within(STOP_GRACE_MS.sigint)) return;
  signalProcess(child, 'SIGTERM');
  if (await within(STOP_GRACE_MS.sigterm)) return;
  if (child.pid !== undefined) killGroup(child.pid);
}

/** Runs the process, masking its output line by line into the log, stopping it at the timeout. */
export async function runStepProcess(step: StepProcess): Promise<ProcessResult> {
  const log = createWriteStream(step.logPath, { flags: 'a' });
  const tail: string[] = [];
  const child = spawn(step.command, step.args, {
    cwd: step.cwd,
    env: step.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  if (child.pid !== undefined) {
    running.add(child.pid);
    step.started?.(child.pid);
  }
  let pending = '';
  /** The line as logged (masked), or undefined for a command that adds a mask. */
  const logged = (line: string): string | undefined => {
    const added = addMaskValues(line);
    if (added) {
      // GitHub adds the un-escaped value and does not echo the command (it holds the secret).
      for (const value of added) step.masks.add(value);
      return undefined;
    }
    const masked = maskLine(line, step.masks);
    tail.push(masked);
    if (tail.length > 15) tail.shift();
    return masked;
  };
  // A chunk's lines go to the log in one write, not one each (a county shard logs a debug line
  // per parcel it fetches).
  const writeLines = (lines: readonly string[]) => {
    let text = '';
    for (const line of lines) {
      const masked = logged(line);
      if (masked !== undefined) text += `${masked}\n`;
    }
    if (text !== '') log.write(text);
  };
  const writeLine = (line: string) => writeLines([line]);
  const onData = (chunk: Buffer) => {
    const lines = (pending + chunk.toString('utf8')).split('\n');
    pending = lines.pop() ?? '';
    writeLines(lines);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<number>((resolve) => {
    child.on('error', (error) => {
      writeLine(`cannot start ${step.command}: ${error.message}`);
      resolve(127);
    });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 + signalNumber(signal) : 1)));
  });
  let stopped: 'timeout' | 'cancelled' | undefined;
  let stopping: Promise<void> | undefined;
  const stop = (why: 'timeout' | 'cancelled') => {
    stopped ??= why;
    stopping ??= stopGracefully(child, exited);
  };
  const timer = setTimeout(() => stop('timeout'), step.timeoutMs);
  const onCancel = () => stop('cancelled');
  if (step.cancel?.aborted) onCancel();
  step.cancel?.addEventListener('abort', onCancel, { once: true });
  const exitCode = await exited;
  clearTimeout(timer);
  step.cancel?.removeEventListener('abort', onCancel);
  await stopping;
  if (child.pid !== undefined) running.delete(child.pid);
  if (pending !== '') writeLine(pending);
  if (stopped === 'timeout') {
    writeLine(`##[error]The action has timed out after ${minutesText(step.timeoutMs)}.`);
  } else if (stopped === 'cancelled') {
    writeLine('##[error]The operation was canceled.');
  }
  log.end();
  await once(log, 'close');
  return {
    exitCode: stopped ? (exitCode === 0 ? 1 : exitCode) : exitCode,
    timedOut: stopped === 'timeout',
    cancelled: stopped === 'cancelled',
    tail,
  };
}

function minutesText(ms: number): string {
  const minutes = ms / 60_000;
  return minutes >= 1 ? `${Math.round(minutes)} minutes` : `${(ms / 1000).toFixed(1)} seconds`;
}

function signalNumber(signal: NodeJS.Signals): number {
  return { SIGINT: 2, SIGKILL: 9, SIGTERM: 15 }[signal as string] ?? 1;
}
