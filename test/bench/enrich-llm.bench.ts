import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ollama } from 'ollama';
import { z } from 'zod';
import { action } from '../../actions/enrich-llm/src/main.js';
import { extractByRules } from '../../actions/enrich-llm/src/rules-extractor.js';
import { buildSubjects } from '../../actions/enrich-llm/src/subjects.js';
import { runAction } from '../../shared/action.js';
import { enrichmentFieldsSchema, fieldConfidenceSchema } from '../../shared/model/enrichment.js';
import type { MlsListing } from '../../shared/model/mls-listing.js';
import { startOllamaSandbox } from '../../local/sandbox/ollama/server.js';
import {
  DESCRIPTIONS,
  listings,
  parcel,
  recordingRuntime,
  stageFolder,
} from '../actions/enrich-llm/fixtures.js';

/**
 * enrich-llm's own overhead: properties per second through the whole action against a sandbox
 * that answers at once (in this process, so its work counts too), LLM calls per property, and the
 * rules extractor's throughput. The baseline is the same action with the LLM gate closed (rules
 * only), measured in the same run. Then the output tokens per property of the lean reply (only the
 * fields the records do not give) against the old full reply (every field with a confidence each),
 * as the sandbox counts them, for listings alone and for listings with their county parcels.
 */
const PROPERTIES = 2000;
const RULES_ROUNDS = 50_000;
const rate = (count: number, ms: number) =>
  `${Math.round(count / (ms / 1000)).toLocaleString('en-US')}/s`;

const root = await mkdtemp(path.join(tmpdir(), 'bench-enrich-'));
const sandbox = await startOllamaSandbox({ chunkChars: 4096 });
try {
  process.env.GITHUB_RUN_ID = 'bench';
  process.env.RUNNER_TEMP = root;
  delete process.env.ACTIONS_RUNTIME_TOKEN;
  const dir = await stageFolder('mls-listing', listings(PROPERTIES));
  // Best of three runs: the first pays for loading and JIT-compiling the code it reaches.
  const timeRun = async (inputs: Record<string, string>) => {
    let best = { ms: Infinity, outputs: {} as Record<string, string> };
    for (let round = 0; round < 3; round += 1) {
      const run = recordingRuntime({
        'input-artifacts': dir,
        'ollama-host': sandbox.url,
        cache: 'false',
        ...inputs,
      });
      const started = performance.now();
      await runAction(action, run.runtime);
      const ms = performance.now() - started;
      if (run.failures.length > 0) throw new Error(run.failures.join('; '));
      if (ms < best.ms) best = { ms, outputs: run.outputs };
    }
    return best;
  };

  const inputs = DESCRIPTIONS.map((description, n) => ({
    facts: { bedrooms: n + 1 },
    description,
  }));
  const rulesStarted = performance.now();
  for (let i = 0; i < RULES_ROUNDS; i += 1) extractByRules(inputs[i % inputs.length] ?? inputs[0]!);
  const rulesMs = performance.now() - rulesStarted;
  console.log(`rules extractor: ${rate(RULES_ROUNDS, rulesMs)} (goal >= 20,000/s)`);

  const baseline = await timeRun({ enabled: 'false' });
  console.log(`action, rules only (baseline): ${rate(PROPERTIES, baseline.ms)}`);
  for (const [batch, concurrency] of [
    ['10', '1'],
    ['20', '4'],
  ] as const) {
    const llm = await timeRun({ 'batch-size': batch, concurrency });
    const calls = Number(llm.outputs['llm-calls']);
    console.log(
      `action, LLM batch ${batch} x ${concurrency}: ${rate(PROPERTIES, llm.ms)} ` +
        `(${(baseline.ms / llm.ms).toFixed(2)}x of rules only; goal >= 2,000/s), ` +
        `${(calls / PROPERTIES).toFixed(3)} calls per property (<= ${(1 / Number(batch)).toFixed(3)})`,
    );
  }

  // The old format: every field, and a confidence for each, whatever the records already say.
  const fullFormat = z.toJSONSchema(
    z.object({
      items: z.array(
        z.object({
          id: z.string(),
          fields: enrichmentFieldsSchema,
          confidence: fieldConfidenceSchema,
        }),
      ),
    }),
    { io: 'output' },
  );
  const client = new Ollama({ host: sandbox.url });
  const SAMPLE = 100;
  const sample = listings(SAMPLE).map((entry): MlsListing => ({
    ...entry,
    bedrooms: 3,
    bathrooms: { total: 2, full: 2, half: 0 },
  }));
  const parcels = sample.map((_, n) => parcel(`2${String(n).padStart(2, '0')}-10-001`, n));
  for (const [label, withParcels] of [
    ['listings alone', false],
    ['listings with parcels', true],
  ] as const) {
    const { subjects } = buildSubjects(withParcels ? parcels : [], sample);
    let fullTokens = 0;
    for (let at = 0; at < subjects.length; at += 10) {
      const properties = subjects
        .slice(at, at + 10)
        .map((subject, index) => ({ id: `p${index + 1}`, ...subject.input }));
      const reply = await client.chat({
        model: 'llama3.2',
        messages: [{ role: 'user', content: JSON.stringify({ properties }) }],
        format: fullFormat,
      });
      fullTokens += reply.eval_count;
    }
    const inputs = [await stageFolder('mls-listing', sample)];
    if (withParcels) inputs.push(await stageFolder('county-parcel', parcels));
    const run = recordingRuntime({
      'input-artifacts': inputs.join(' '),
      'ollama-host': sandbox.url,
      cache: 'false',
    });
    await runAction(action, run.runtime);
    const lean = Number(run.outputs['output-tokens-per-property']);
    const full = fullTokens / subjects.length;
    console.log(
      `output tokens per property, ${label}: lean ${lean.toFixed(1)}, full ${full.toFixed(1)} ` +
        `(${(lean / full).toFixed(2)}x); a batch of 10 at 10 tokens/s: ` +
        `${Math.round(lean)} s lean vs ${Math.round(full)} s full`,
    );
  }
} finally {
  await sandbox.close();
  await rm(root, { recursive: true, force: true });
}
