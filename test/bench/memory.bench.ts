import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { consoleLogger } from '../../local/console-logger.js';
import { provisionMongo } from '../../local/mongo/provision-mongo.js';
import { startOllamaSandbox } from '../../local/sandbox/ollama/server.js';
import { LISTING_EVERY, writeRealisticStages } from './fixtures/realistic-stages.js';

/**
 * Peak RSS of store-mongo and enrich-llm at two sizes (default 10,000 and 100,000 parcels with the
 * county's whole raw bodies, a listing per 20 parcels, an enrichment per listing), each run of the
 * real action in a child process of its own (VmHWM). Prints the peak at each size, the growth when
 * the input grows tenfold (goal: under 2x) and whether the larger stays under 300 MB; also the
 * floor (a child that only loads both actions). store-mongo stores into FerretDB (a fresh
 * database per size), enrich-llm asks the Ollama sandbox (in this process) with the cache off.
 * BENCH_MEMORY_COUNTS=1000,10000 picks other sizes. Figures only: nothing asserts.
 */
const COUNTS = (process.env.BENCH_MEMORY_COUNTS ?? '10000,100000').split(',').map(Number);
const LIMIT_MB = 300;
const child = path.join(import.meta.dirname, 'fixtures', 'memory-child.ts');

type Measured = {
  peakRssMb: number;
  seconds: number;
  outputs: Record<string, string>;
  failures: string[];
};

async function measure(
  action: string,
  inputs: Record<string, string>,
  env: Record<string, string> = {},
): Promise<Measured> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, MEMORY_ACTION: action };
  // Stage folders on disk, not artifacts of a run.
  delete childEnv.ACTIONS_RUNTIME_TOKEN;
  // Asynchronous: the Ollama sandbox in this process must go on answering the child.
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', child], {
    env: { ...childEnv, MEMORY_INPUTS: JSON.stringify(inputs) },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const measured = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Measured;
  if (measured.failures.length > 0) throw new Error(`${action}: ${measured.failures.join('; ')}`);
  return measured;
}

const mongo = await provisionMongo({ logger: consoleLogger() });
const ollama = await startOllamaSandbox({ chunkChars: 4096 });
const root = await mkdtemp(path.join(tmpdir(), 'bench-memory-'));
const client = new MongoClient(mongo.uri);
try {
  await client.connect();
  const env = { GITHUB_RUN_ID: 'bench', RUNNER_TEMP: root };
  const floor = await measure('none', {}, env);
  console.log(`floor (both actions loaded, nothing run): ${floor.peakRssMb} MB`);
  const peaks: Record<string, number[]> = { 'store-mongo': [], 'enrich-llm': [] };
  for (const count of COUNTS) {
    const started = performance.now();
    const stages = await writeRealisticStages(root, count);
    const generated = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `\n${count} parcels, ${Math.ceil(count / LISTING_EVERY)} listings and enrichments (generated in ${generated} s)`,
    );
    const database = `bench_memory_${count}`;
    const store = await measure(
      'store-mongo',
      {
        'mongodb-uri': mongo.uri,
        database,
        'input-artifacts': [stages.county, stages.mls, stages.enrichment].join('\n'),
      },
      env,
    );
    await client.db(database).dropDatabase();
    console.log(
      `  store-mongo: peak RSS ${store.peakRssMb} MB in ${store.seconds} s (inserted ${store.outputs.inserted}, integrity ${store.outputs.integrity})`,
    );
    const enrich = await measure(
      'enrich-llm',
      {
        'input-artifacts': [stages.county, stages.mls].join('\n'),
        'ollama-host': ollama.url,
        cache: 'false',
        'artifact-name': `enrichment-${count}`,
      },
      env,
    );
    console.log(
      `  enrich-llm: peak RSS ${enrich.peakRssMb} MB in ${enrich.seconds} s (enriched ${enrich.outputs.enriched}, ${enrich.outputs['llm-calls']} LLM calls)`,
    );
    peaks['store-mongo']!.push(store.peakRssMb);
    peaks['enrich-llm']!.push(enrich.peakRssMb);
    await rm(path.join(root, `county-${count}`), { recursive: true, force: true });
  }
  console.log('');
  for (const [action, [small, large]] of Object.entries(peaks)) {
    if (small === undefined || large === undefined) continue;
    const [a, b] = [COUNTS[0], COUNTS[1]];
    console.log(
      `${action}: ${small} MB at ${a}, ${large} MB at ${b}: ${(large / small).toFixed(2)}x for ${(Number(b) / Number(a)).toFixed(0)}x the input ` +
        `(goal < 2x); ${large < LIMIT_MB ? 'under' : 'OVER'} ${LIMIT_MB} MB at ${b}`,
    );
  }
} finally {
  await client.close();
  await ollama.close();
  await mongo.stop();
  await rm(root, { recursive: true, force: true });
}
