import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';

/** A sandbox county API served by its own process (see cli.ts). */
export interface CountySandboxProcess {
  url: string;
  token: string;
  close(): Promise<void>;
}

/**
 * Starts the sandbox county API in a child process, so that serving thousands of parcels uses
 * another core than the process that started it (the local runner hosts the other sandboxes).
 */
export async function startCountySandboxProcess(options: {
  parcelsPerZip: number;
  seed?: string;
}): Promise<CountySandboxProcess> {
  const cli = path.join(import.meta.dirname, 'cli.ts');
  const args = ['--import', 'tsx', cli, '--parcels', String(options.parcelsPerZip)];
  if (options.seed !== undefined) args.push('--seed', options.seed);
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = once(child, 'exit');
  const lines = createInterface({ input: child.stdout });
  const first = await Promise.race([
    once(lines, 'line').then(([line]) => String(line)),
    exited.then(([code]) => {
      throw new Error(`the county sandbox process exited (${String(code)}) before it served`);
    }),
  ]);
  lines.close();
  const { url, token } = JSON.parse(first) as { url: string; token: string };
  return {
    url,
    token,
    async close() {
      if (child.exitCode !== null) return;
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
