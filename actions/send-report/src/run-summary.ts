import { COLLECTION_COUNTS } from '../../../shared/model/collection-counts.js';
import type { StageRun } from './stage-runs.js';
import { addCoverage, type ZipCoverage } from './zip-coverage.js';

/** Sources that collect properties. */
export type Source = 'county' | 'mls';

/** One pipeline run, all its stages and shards together. */
export interface RunSummary {
  runId: string;
  startedAt: string;
  finishedAt: string;
  /** Wall clock from the first stage's start to the last stage's end. */
  durationMs: number;
  collected: Record<Source, number>;
  failed: Record<Source, number>;
  /** Properties store-mongo wrote or confirmed; null when it did not run. */
  stored: number | null;
  /** collected / (collected + failed); null when nothing was attempted. */
  successRate: number | null;
  errors: number;
  errorsByClass: Record<string, number>;
  /** Per error class, the worst outcome of the stages that met it. */
  errorOutcomes: Record<string, StageRun['outcome']>;
  /** Listings enrich-llm handed to the rules extractor because the LLM failed. */
  llmFallback: number;
  retries: number;
  /** Collected per ZIP (the shard of the collecting stages) and source. */
  byZip: Record<string, Record<Source, number>>;
  /** Parcel coverage and listing frontier per ZIP, from the collecting stages' counts. */
  coverage: Map<string, ZipCoverage>;
  /** Stage outcomes, e.g. {"collect-county": ["success", "partial"]}. */
  outcomes: Record<string, StageRun['outcome'][]>;
  /** County API: summed response times (ms) and the requests they cover (collect-county counts). */
  apiLatencyMsTotal: number;
  apiRequests: number;
  /** County/listing conflicts standing on the properties store-mongo stored; null when it did not run. */
  conflicts: number | null;
  /** store-mongo's figures when it ran. */
  quality: Record<string, unknown> | undefined;
  integrity: string | undefined;
}

const sum = (counts: Record<string, number>, names: readonly string[]): number =>
  names.reduce((total, name) => total + (counts[name] ?? 0), 0);

const SEVERITY: Record<StageRun['outcome'], number> = {
  skipped: 0,
  success: 1,
  partial: 2,
  failure: 3,
};

function emptyRun(runId: string): RunSummary {
  return {
    runId,
    startedAt: '',
    finishedAt: '',
    durationMs: 0,
    collected: { county: 0, mls: 0 },
    failed: { county: 0, mls: 0 },
    stored: null,
    successRate: null,
    errors: 0,
    errorsByClass: {},
    errorOutcomes: {},
    llmFallback: 0,
    retries: 0,
    // Shard names come from the ledger: a ZIP named `__proto__` must stay a ZIP.
    byZip: Object.create(null) as RunSummary['byZip'],
    coverage: new Map(),
    outcomes: {},
    apiLatencyMsTotal: 0,
    apiRequests: 0,
    conflicts: null,
    quality: undefined,
    integrity: undefined,
  };
}

function add(run: RunSummary, stage: StageRun): void {
  if (run.startedAt === '' || stage.startedAt < run.startedAt) run.startedAt = stage.startedAt;
  if (stage.finishedAt > run.finishedAt) run.finishedAt = stage.finishedAt;
  (run.outcomes[stage.stage] ??= []).push(stage.outcome);
  for (const [name, count] of Object.entries(stage.errorsByClass)) {
    if (count === 0) continue;
    run.errorsByClass[name] = (run.errorsByClass[name] ?? 0) + count;
    run.errors += count;
    const before = run.errorOutcomes[name];
    if (before === undefined || SEVERITY[stage.outcome] > SEVERITY[before])
      run.errorOutcomes[name] = stage.outcome;
  }
  if (stage.stage === 'enrich-llm') run.llmFallback += stage.counts.fallback ?? 0;
  run.retries += stage.retries;
  const collecting = COLLECTION_COUNTS[stage.stage];
  if (collecting) {
    const collected = sum(stage.counts, collecting.collected);
    run.collected[collecting.source] += collected;
    run.failed[collecting.source] += sum(stage.counts, collecting.failed);
    const zip = (run.byZip[stage.shard] ??= { county: 0, mls: 0 });
    zip[collecting.source] += collected;
  }
  addCoverage(run.coverage, stage);
  if (stage.stage === 'collect-county' && stage.counts['api-requests'] !== undefined) {
    run.apiLatencyMsTotal += stage.counts['api-latency-ms-total'] ?? 0;
    run.apiRequests += stage.counts['api-requests'];
  }
  if (stage.stage === 'store-mongo') {
    const { inserted = 0, updated = 0, unchanged = 0, conflicts = 0 } = stage.counts;
    run.stored = (run.stored ?? 0) + inserted + updated + unchanged;
    run.conflicts = (run.conflicts ?? 0) + conflicts;
    if (stage.quality) run.quality = stage.quality;
    if (stage.integrity) run.integrity = stage.integrity;
  }
}

/** The stage runs grouped into one summary per run id, oldest first. */
export function summariseRuns(stageRuns: readonly StageRun[]): RunSummary[] {
  const runs = new Map<string, RunSummary>();
  for (const stage of stageRuns) {
    const run = runs.get(stage.runId) ?? emptyRun(stage.runId);
    runs.set(stage.runId, run);
    add(run, stage);
  }
  for (const run of runs.values()) {
    run.durationMs = Math.max(0, Date.parse(run.finishedAt) - Date.parse(run.startedAt));
    const collected = run.collected.county + run.collected.mls;
    const attempted = collected + run.failed.county + run.failed.mls;
    run.successRate = attempted === 0 ? null : collected / attempted;
  }
  return [...runs.values()].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
}

/** Properties a run collected from every source. */
export const totalCollected = (run: RunSummary): number => run.collected.county + run.collected.mls;
