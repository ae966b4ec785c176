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

/** How to run the sandbox county API process (see `CountySandboxOptions` for each). */
export interface CountySandboxProcessOptions {
  /** One size for every ZIP, or sizes per ZIP (others get `parcelsElsewhere`, default 300). */
  parcelsPerZip: number | Record<string, number>;
  parcelsElsewhere?: number;
  noiseShare?: number;
  /** The per-token limit: `requests` accepted in any `windowMs`, then 429 with `Retry-After`. */
  rateLimit?: { requests: number; windowMs: number };
  seed?: string;
}

/**
 * Starts the sandbox county API in a child process, so that serving thousands of parcels uses
 * another core than the process that started it (the local runner hosts the other sandboxes).
 */
export async function startCountySandboxProcess(
  options: CountySandboxProcessOptions,
): Promise<CountySandboxProcess> {
  const cli = path.join(import.meta.dirname, 'cli.ts');
  const sizes = options.parcelsPerZip;
  const args = ['--import', 'tsx', cli];
  if (typeof sizes === 'number') args.push('--parcels', String(sizes));
  else {
    const list = Object.entries(sizes).map(([zip, count]) => `${zip}=${count}`);
    args.push('--parcels', String(options.parcelsElsewhere ?? 300));
    if (list.length > 0) args.push('--zip-parcels', list.join(','));
  }
  if (options.noiseShare !== undefined) args.push('--noise-share', String(options.noiseShare));
  const limit = options.rateLimit;
  if (limit) args.push('--rate-limit', `${limit.requests}/${Math.round(limit.windowMs)}`);
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
