import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';

const running = new Set<number>();

/** Kills every step process still running (their whole process groups), e.g. on Ctrl-C. */
export function killRunningSteps(): void {
  for (const pid of running) {
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

/** What one step process did. */
export interface ProcessResult {
  exitCode: number;
  timedOut: boolean;
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
  /** Secret values masked as `***`; `::add-mask::` lines of the process add to it. */
  masks: Set<string>;
  timeoutMs: number;
}

/** Replaces every mask in `line` with `***` (longest first, so one mask inside another goes too). */
export function maskLine(line: string, masks: Set<string>): string {
  let result = line;
  for (const mask of [...masks].sort((a, b) => b.length - a.length)) {
    if (mask.length >= 3) result = result.split(mask).join('***');
  }
  return result;
}

/** Runs the process, masking its output line by line into the log, killing it at the timeout. */
export async function runStepProcess(step: StepProcess): Promise<ProcessResult> {
  const log = createWriteStream(step.logPath, { flags: 'a' });
  const tail: string[] = [];
  const child = spawn(step.command, step.args, {
    cwd: step.cwd,
    env: step.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  if (child.pid !== undefined) running.add(child.pid);
  let pending = '';
  const onData = (chunk: Buffer) => {
    const lines = (pending + chunk.toString('utf8')).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) writeLine(line);
  };
  const writeLine = (line: string) => {
    const added = /^::add-mask::(.*)$/.exec(line.trim());
    if (added?.[1]) step.masks.add(added[1]);
    const masked = maskLine(line, step.masks);
    log.write(`${masked}\n`);
    tail.push(masked);
    if (tail.length > 15) tail.shift();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  }, step.timeoutMs);
  const exitCode = await new Promise<number>((resolve) => {
    child.on('error', (error) => {
      writeLine(`cannot start ${step.command}: ${error.message}`);
      resolve(127);
    });
    child.on('close', (code) => resolve(code ?? 1));
  });
  clearTimeout(timer);
  if (child.pid !== undefined) running.delete(child.pid);
  if (pending !== '') writeLine(pending);
  if (timedOut) writeLine(`step timed out after ${Math.round(step.timeoutMs / 60000)} minutes`);
  await new Promise<void>((resolve) => log.end(resolve));
  return { exitCode: timedOut ? 124 : exitCode, timedOut, tail };
}
