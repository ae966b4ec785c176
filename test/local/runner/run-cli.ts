import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const execute = promisify(execFile);

/** How one `npm run pipeline` ended. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the local runner's CLI with `args` as `npm run pipeline` does, through tsx (vitest itself
 * cannot load @actions/workflow-parser, which refuses its JSON import there).
 */
export function runCli(args: string[], timeoutMs: number): Promise<CliRun> {
  return execute('npx', ['tsx', 'local/runner/cli.ts', ...args], {
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: unknown) => {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    },
  );
}
