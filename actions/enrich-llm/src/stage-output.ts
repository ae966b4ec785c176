import { DefaultArtifactClient } from '@actions/artifact';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ENV, readEnv } from '../../../shared/env.js';
import { uploadStage } from '../../../shared/io/artifact.js';
import { writeStageOutput } from '../../../shared/io/stage-output.js';
import type { Logger } from '../../../shared/logger.js';
import { ENRICHMENT_SCHEMA_VERSION } from '../../../shared/model/enrichment.js';
import type { ErrorClass, RunStats } from '../../../shared/model/run-stats.js';
import type { Usage } from '../../../shared/model/usage.js';
import { CARRIED_FILE } from './carried.js';
import type { EnrichOutcome } from './enrich.js';
import type { SubjectCounts } from './subjects.js';

/** Where the stage was written and whether it was uploaded. */
export interface WrittenStage {
  dir: string;
  /** Artifact name when uploaded; empty without a runner. */
  artifactName: string;
}

const ERROR_CLASS_OF: Record<string, ErrorClass> = {
  network: 'network',
  timeout: 'network',
  'rate-limited': 'rate-limited',
  server: 'server',
  auth: 'auth',
  client: 'client',
  'bad-body': 'parse',
};

/** Output tokens the model generated per property it extracted; 0 when it extracted none. */
export function outputTokensPerProperty(outcome: EnrichOutcome): number {
  const { llmExtracted, stats } = outcome;
  return llmExtracted === 0 ? 0 : Math.round((stats.tokensOut / llmExtracted) * 10) / 10;
}

/**
 * The run-stats record of this action: counts, call failures by class, retries, outcome. A run
 * that carried properties to the next night, or whose model failed for some, is `partial`.
 */
export function enrichRunStats(
  runId: string,
  startedAt: Date,
  subjects: SubjectCounts,
  outcome: EnrichOutcome,
): RunStats {
  const errorsByClass: Record<ErrorClass, number> = {
    network: 0,
    'rate-limited': 0,
    server: 0,
    auth: 0,
    client: 0,
    parse: outcome.invalid,
    other: 0,
  };
  for (const [name, count] of Object.entries(outcome.stats.failures)) {
    errorsByClass[ERROR_CLASS_OF[name] ?? 'other'] += count ?? 0;
  }
  const finishedAt = new Date();
  return {
    schemaVersion: 1,
    runId,
    action: 'enrich-llm',
    shard: 'all',
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: Math.max(0, finishedAt.getTime() - startedAt.getTime()),
    counts: {
      listings: subjects.listings,
      'listings-without-description': subjects.noDescription,
      'listings-without-key': subjects.unkeyed,
      'listings-superseded': subjects.duplicates,
      enriched: outcome.records.length,
      'cache-hits': outcome.cacheHits,
      'llm-extracted': outcome.llmExtracted,
      'rules-extracted': outcome.rulesExtracted,
      skipped: outcome.skipped,
      fallback: outcome.fallbackCount,
      'invalid-replies': outcome.stats.invalidReplies,
      invalid: outcome.invalid,
      'llm-calls': outcome.stats.calls,
      'llm-output-tokens': outcome.stats.tokensOut,
      'llm-properties': outcome.llmExtracted,
      'llm-output-tokens-per-property': Math.round(outputTokensPerProperty(outcome)),
      'llm-timeouts': outcome.timedOut,
      'llm-carried': outcome.carried.length,
      'llm-carried-in': outcome.carriedIn,
      'llm-new': outcome.tiers.new,
      'llm-changed': outcome.tiers.changed,
      'llm-refresh': outcome.tiers.refresh,
    },
    errorsByClass,
    retries: outcome.stats.retries + outcome.stats.invalidReplies,
    outcome: outcome.degraded || outcome.carried.length > 0 ? 'partial' : 'success',
  };
}

/** Usage of the model: calls, tokens (prompt and reply together) and minutes of generation. */
export function enrichUsage(runId: string, outcome: EnrichOutcome): Usage[] {
  const recordedAt = new Date().toISOString();
  const base = {
    schemaVersion: 1,
    runId,
    action: 'enrich-llm',
    shard: 'all',
    service: 'llm',
    recordedAt,
  } as const;
  const { calls, tokensIn, tokensOut, durationMs } = outcome.stats;
  return [
    { ...base, unit: 'request', quantity: calls },
    { ...base, unit: 'token', quantity: tokensIn + tokensOut },
    { ...base, unit: 'minute', quantity: Math.round((durationMs / 60_000) * 1000) / 1000 },
  ];
}

/**
 * Writes the `enrichment` stage folder (data, run-stats, usage, manifest) into `dir`, replacing
 * what an earlier attempt left there, and uploads it as `name` on a runner, dry run or not: the
 * artifact lives only in the run, and a dry run's store and report jobs read it like any other.
 */
export async function writeEnrichmentStage(
  dir: string,
  name: string,
  records: { runStats: RunStats; usage: Usage[]; outcome: EnrichOutcome },
  options: { logger: Logger; retentionDays: number },
): Promise<WrittenStage> {
  await rm(dir, { recursive: true, force: true });
  const files: string[] = [];
  const { carried } = records.outcome;
  if (carried.length > 0) {
    // Beside the data, so that the artifact chain (an earlier artifact given as input) carries it.
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, CARRIED_FILE), `${JSON.stringify(carried)}\n`);
    files.push(CARRIED_FILE);
  }
  const info = {
    runId: records.runStats.runId,
    stage: 'enrich-llm',
    shard: 'all',
    recordType: 'enrichment',
    recordSchemaVersion: ENRICHMENT_SCHEMA_VERSION,
  } as const;
  await writeStageOutput(dir, info, records.outcome.records, {
    records: { 'run-stats': [records.runStats], usage: records.usage },
    files,
  });
  const left = carried.length > 0 ? ` (${carried.length} carried to the next night)` : '';
  options.logger.info(
    `wrote ${records.outcome.records.length} enrichment records to ${dir}${left}`,
  );
  if (!readEnv(ENV.actionsRuntimeToken)) {
    options.logger.info('no runner token: the folder is the output');
    return { dir, artifactName: '' };
  }
  await uploadStage(new DefaultArtifactClient(), name, dir, options.logger, {
    retentionDays: options.retentionDays,
  });
  return { dir, artifactName: name };
}
