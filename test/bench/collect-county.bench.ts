import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { collectCounty } from '../../actions/collect-county/src/collect.js';
import { collectCountyInputs } from '../../actions/collect-county/src/inputs.js';
import type { Logger } from '../../shared/logger.js';
import type { CountySandbox } from '../../local/sandbox/county/server.js';

/**
 * collect-county throughput against the sandbox, each figure beside a plain fetch loop over the
 * same URLs with the same concurrency, measured in the same run: zero latency (the collector's
 * own overhead: search, limiter, retry, parse, checkpoint, artifact folder), 100 ms latency at the
 * default concurrency, and a server-enforced rate limit (share of the limit used, 429s seen).
 * The sandbox runs in a process of its own and serves cached bodies after a warm-up pass, so the
 * CPU seconds counted (process.cpuUsage: this process, every thread) are the client's alone.
 */
const silent: Logger = {
  debug() {},
  info() {},
  warning() {},
  error() {},
  startGroup() {},
  endGroup() {},
};
const ZIP = '85033';
const root = await mkdtemp(path.join(tmpdir(), 'bench-collect-county-'));
let runs = 0;

async function collector(sandbox: Endpoint, raw: Record<string, string>) {
  runs += 1;
  const inputs = collectCountyInputs.parse({
    zipCodes: ZIP,
    apiBaseUrl: sandbox.url,
    apiToken: sandbox.token,
    mode: 'full',
    artifactName: `bench${runs}`,
    ...raw,
  });
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await collectCounty(inputs, {
    logger: silent,
    artifactClient: null,
    env: { GITHUB_RUN_ID: String(runs), RUNNER_TEMP: root },
  });
  const used = process.cpuUsage(cpu);
  const shard = result.shards[0];
  if (shard === undefined) throw new Error('no shard');
  return {
    parcels: shard.fetched,
    ms: performance.now() - started,
    cpuMs: (used.user + used.system) / 1000,
    shard,
  };
}

/** The plainest client: fetch + JSON.parse of the same search pages and parcel URLs, N at a time. */
async function plainLoop(
  sandbox: Endpoint,
  count: number,
  concurrency: number,
): Promise<{ parcels: number; ms: number; cpuMs: number; refused: number }> {
  const headers = { AUTHORIZATION: sandbox.token };
  const started = performance.now();
  const cpu = process.cpuUsage();
  const urls: string[] = [];
  for (let page = 1; urls.length < count; page += 1) {
    const body = (await (
      await fetch(`${sandbox.url}/search/property/?q=${ZIP}&page=${page}`, { headers })
    ).json()) as { Results: Array<{ APN: string; SitusZip: string; PropertyType: string }> };
    for (const row of body.Results)
      if (row.SitusZip === ZIP && row.PropertyType === 'RESIDENTIAL')
        urls.push(`${sandbox.url}/parcel/${row.APN}`);
    if (body.Results.length < 25) break;
  }
  let [next, parcels, refused] = [0, 0, 0];
  const worker = async () => {
    while (next < urls.length) {
      const response = await fetch(urls[next++] as string, { headers });
      if (response.status === 429) refused += 1;
      else if ((await response.json()) !== null) parcels += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const used = process.cpuUsage(cpu);
  return {
    parcels,
    ms: performance.now() - started,
    cpuMs: (used.user + used.system) / 1000,
    refused,
  };
}

type Endpoint = Pick<CountySandbox, 'url' | 'token'>;

/** The sandbox in a process of its own, so that the collector's overhead is measured on its own core. */
async function sandboxProcess(args: string[]): Promise<Endpoint & { close(): Promise<void> }> {
  const cli = path.resolve(import.meta.dirname, '../../local/sandbox/county/cli.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const [line] = (await once(child.stdout, 'data')) as [Buffer];
  const endpoint = JSON.parse(line.toString()) as Endpoint;
  return {
    ...endpoint,
    close: async () => void (child.kill('SIGTERM'), await once(child, 'exit')),
  };
}

const rate = (parcels: number, ms: number) => (parcels / (ms / 1000)).toFixed(0);

/** The faster of two measurements (the machine is shared; the slower one waited on others). */
const best = <T extends { ms: number }>(a: T, b: T): T => (a.ms <= b.ms ? a : b);

try {
  {
    const count = 3000;
    const sandbox = await sandboxProcess(['--parcels', String(count)]);
    // Warm-up: the sandbox generates and caches every body, both clients get compiled.
    await plainLoop(sandbox, count, 8);
    await collector(sandbox, { concurrency: '8', requestsPerHour: '0' });
    const raw = { concurrency: '8', requestsPerHour: '0' };
    const plain = best(await plainLoop(sandbox, count, 8), await plainLoop(sandbox, count, 8));
    const ours = best(await collector(sandbox, raw), await collector(sandbox, raw));
    console.log(
      `zero latency, ${count} parcels, concurrency 8: collector ${rate(ours.parcels, ours.ms)} parcels/s wall, plain fetch loop ${rate(plain.parcels, plain.ms)} parcels/s (${(plain.ms / ours.ms).toFixed(2)}x of plain)`,
    );
    console.log(
      `  own overhead: collector ${rate(ours.parcels, ours.cpuMs)} parcels per CPU second, plain fetch loop ${rate(plain.parcels, plain.cpuMs)} (${(plain.cpuMs / ours.cpuMs).toFixed(2)}x of plain; the collector also searches, limits, retries, parses, checkpoints and gzips the artifact)`,
    );
    await sandbox.close();
  }
  {
    const count = 120;
    const sandbox = await sandboxProcess(['--parcels', String(count), '--latency-ms', '100']);
    const plain = await plainLoop(sandbox, count, 4);
    const ours = await collector(sandbox, { requestsPerHour: '0' });
    console.log(
      `100 ms latency, ${count} parcels, default concurrency 4: collector ${rate(ours.parcels, ours.ms)} parcels/s wall, plain fetch loop ${rate(plain.parcels, plain.ms)} parcels/s (${(plain.ms / ours.ms).toFixed(2)}x of plain); ${rate(ours.parcels, ours.cpuMs)} parcels per CPU second, plain ${rate(plain.parcels, plain.cpuMs)}`,
    );
    await sandbox.close();
  }
  {
    const count = 100;
    const limit = { requests: 60, windowMs: 3000 };
    const perHour = (limit.requests * 3_600_000) / limit.windowMs;
    const sandbox = await sandboxProcess([
      '--parcels',
      String(count),
      '--rate-limit',
      `${limit.requests}/${limit.windowMs}`,
    ]);
    const plain = await plainLoop(sandbox, count, 4);
    await new Promise((done) => setTimeout(done, limit.windowMs));
    const ours = await collector(sandbox, { requestsPerHour: String(perHour) });
    // The first request goes at once; the others at the limit's pace.
    const achieved = (ours.shard.requests - 1) / (ours.shard.elapsedMs / 1000);
    const used = (achieved / (limit.requests / (limit.windowMs / 1000))) * 100;
    console.log(
      `rate limit ${perHour}/h enforced by the server: collector used ${used.toFixed(1)} % of it with ${ours.shard.http.errorsByClass['rate-limited']} 429s (${ours.parcels} parcels in ${(ours.ms / 1000).toFixed(1)} s); ` +
        `plain fetch loop got ${plain.refused} 429s for ${plain.parcels} parcels`,
    );
    await sandbox.close();
  }
} finally {
  await rm(root, { recursive: true, force: true });
}
