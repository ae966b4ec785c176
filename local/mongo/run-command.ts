import { execFile } from 'node:child_process';
import type { Environment } from './environment.js';

/** What a finished program printed, and why it failed when it did. */
export interface CommandResult {
  /** True when the program started and exited with status 0. */
  ok: boolean;
  stdout: string;
  stderr: string;
  /** Why it failed (`exited with status 2`, `not found`, `timed out after 10 s`); else undefined. */
  failure: string | undefined;
}

/** Runs a program to completion without a shell; never rejects, so callers can fall back. */
export function runCommand(
  file: string,
  args: readonly string[],
  options: { cwd?: string; env?: Environment; timeoutMs?: number } = {},
): Promise<CommandResult> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      {
        cwd: options.cwd,
        env: options.env,
        timeout: timeoutMs,
        maxBuffer: 32 * 1024 * 1024,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        resolve({ ok: error === null, stdout, stderr, failure: describeFailure(error, timeoutMs) });
      },
    );
  });
}

/** The last `lines` lines of a program's output, for error messages. */
export function outputTail(text: string, lines = 20): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

function describeFailure(
  error: (Error & { code?: unknown; killed?: boolean; signal?: unknown }) | null,
  timeoutMs: number,
): string | undefined {
  if (error === null) return undefined;
  if (error.code === 'ENOENT') return 'not found';
  if (error.killed === true) return `timed out after ${Math.round(timeoutMs / 1000)} s`;
  if (typeof error.code === 'number') return `exited with status ${error.code}`;
  if (typeof error.signal === 'string') return `killed by ${error.signal}`;
  return error.message;
}
