import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { provisionMongo } from '../../local/mongo/provision-mongo.js';
import { consoleLogger } from '../../local/console-logger.js';

/**
 * The nightly pipeline end to end through the local runner: data-collection.yml on the sandboxes
 * for 3 ZIPs x BENCH_PARCELS parcels (default 2,000), enrichment through the instant
 * Ollama-protocol sandbox, with the wall time of every job and step. Then the runner's own cost
 * per step: 20 `run: 'true'` steps through the runner beside the same 20 bash processes spawned
 * directly in the same run.
 */
const PARCELS = Number(process.env.BENCH_PARCELS ?? 2000);
const SOURCES = process.env.BENCH_SOURCES ?? 'county,mls';
const ZIPS = '85031,85033,85035';

interface Instance {
  label: string;
  result: string;
  ms: number;
  startedAt: string;
  steps: Array<{ name: string; outcome: string; ms: number }>;
}
interface RunResult {
  conclusion: string;
  ms: number;
  jobs: Record<string, { result: string; instances: Instance[] }>;
}

const root = await mkdtemp(path.join(tmpdir(), 'bench-pipeline-'));
const mongo = await provisionMongo({ logger: consoleLogger() });

async function pipeline(name: string, args: string[]): Promise<RunResult> {
  const out = path.join(root, name);
  const envFile = path.join(root, `${name}.env`);
  await writeFile(envFile, `MONGODB_URI=${mongo.uri}\n`);
  const cli = ['--import', 'tsx', 'local/runner/cli.ts', '--plain', '--env-file', envFile];
  const run = spawnSync(process.execPath, [...cli, '--out', out, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  // The run's folder; the runner keeps its own state in dot-folders beside it.
  const [runId = ''] = (await readdir(out)).filter((entry) => !entry.startsWith('.'));
  const result = JSON.parse(
    await readFile(path.join(out, runId, 'result.json'), 'utf8'),
  ) as RunResult;
  if (run.status !== 0) console.log(run.stdout.split('\n').slice(-40).join('\n'));
  return result;
}

try {
  const started = performance.now();
  const run = await pipeline('nightly', [
    '--parcels-per-zip',
    String(PARCELS),
    '--input',
    `zip-codes=${ZIPS}`,
    '--input',
    'mode=full',
    '--input',
    `sources=${SOURCES}`,
  ]);
  const wall = (performance.now() - started) / 1000;
  console.log(
    `data-collection.yml, 3 ZIPs x ${PARCELS} parcels, sources ${SOURCES}: ${run.conclusion}, ` +
      `workflow ${(run.ms / 1000).toFixed(1)} s, with start-up and shutdown ${wall.toFixed(1)} s ` +
      `(goal <= 60 s)`,
  );
  const first = Math.min(
    ...Object.values(run.jobs).flatMap((job) => job.instances.map((i) => Date.parse(i.startedAt))),
  );
  console.log('job (shard)                      starts at   wall s   slowest step');
  for (const job of Object.values(run.jobs)) {
    for (const instance of job.instances) {
      const slowest = [...instance.steps].sort((a, b) => b.ms - a.ms)[0];
      const at = (Date.parse(instance.startedAt) - first) / 1000;
      console.log(
        `${instance.label.padEnd(32)} ${at.toFixed(1).padStart(8)} ${(instance.ms / 1000).toFixed(1).padStart(8)}   ` +
          `${slowest ? `${slowest.name} ${(slowest.ms / 1000).toFixed(1)} s` : ''}`,
      );
    }
  }

  // The runner's own cost per step against spawning the same processes directly.
  const overhead = await pipeline('overhead', [
    '--workflow',
    'test/bench/fixtures/runner-overhead.yml',
  ]);
  const steps = overhead.jobs.steps?.instances[0]?.steps ?? [];
  const viaRunner = steps.reduce((sum, step) => sum + step.ms, 0) / steps.length;
  const directStart = performance.now();
  for (let i = 0; i < steps.length; i += 1) {
    execFileSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', 'true']);
  }
  const direct = (performance.now() - directStart) / steps.length;
  console.log(
    `runner per step: ${viaRunner.toFixed(1)} ms through the runner, ${direct.toFixed(1)} ms ` +
      `spawning bash directly: ${(viaRunner - direct).toFixed(1)} ms of its own per step ` +
      `(${(viaRunner / direct).toFixed(1)}x)`,
  );
} finally {
  await mongo.stop();
}
