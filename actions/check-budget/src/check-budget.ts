import type { ArtifactClient } from '@actions/artifact';
import { performance } from 'node:perf_hooks';
import { ENV } from '../../../shared/env.js';
import { withGroup, type Logger } from '../../../shared/logger.js';
import { readRunContext } from '../../../shared/run-context.js';
import { assessBudget, budgetReason, projectionText, type BudgetStatus } from './budget.js';
import type { CheckBudgetInputs } from './inputs.js';
import { ledgerEntriesFor } from './ledger.js';
import { syncLedger } from './ledger-phase.js';
import { phoenixDate } from './phoenix-time.js';
import { totalCost } from './pricing.js';
import { publishBudgetStage } from './publish.js';
import { loadRateCard } from './rate-card.js';
import { priceRun, type RunCost } from './run-cost.js';

/** What `check-budget` needs from outside its inputs; tests pass a fixed clock and environment. */
export interface CheckBudgetDeps {
  now: () => Date;
  env: NodeJS.ProcessEnv;
  /** The run's artifact service; null outside a runner (usage artifacts cannot be read then). */
  artifactClient: ArtifactClient | null;
}

/** The outcome of one `check-budget` step. */
export interface CheckBudgetResult {
  stage: 'gate' | 'record';
  dryRun: boolean;
  status: BudgetStatus;
  reason: string;
  /** Priced consumption of this run; undefined at the gate. */
  run: RunCost | undefined;
  runCost: number;
  costPerProperty: number;
  propertyCount: number;
  rateCardVersion: string;
  /** Where the ledger lives, or undefined when there is none. */
  ledger: string | undefined;
  /** Ledger entries written (0 at the gate and in a dry run). */
  recorded: number;
  /** The step's stage artifact, or null when not uploaded. */
  artifact: string | null;
}

/**
 * At `gate`, reads the month's ledger and says whether the costly stages may run. At `record`,
 * prices this run (usage artifacts, job minutes), writes it to the ledger (not in a dry run)
 * and assesses the month with it included.
 */
export async function checkBudget(
  inputs: CheckBudgetInputs,
  deps: CheckBudgetDeps,
  logger: Logger,
): Promise<CheckBudgetResult> {
  const started = performance.now();
  const context = readRunContext(deps.env);
  const stage: 'gate' | 'record' = inputs.stage === 'record' ? 'record' : 'gate';
  const now = deps.now();
  const card = await withGroup(logger, 'Rate card', async () => {
    const loaded = await loadRateCard(inputs.rateCard, context.workspace);
    logger.info(`rate card ${loaded.version}`);
    return loaded;
  });
  const run =
    stage === 'record'
      ? await priceRun(
          card,
          {
            artifactClient: deps.artifactClient,
            usageArtifacts: inputs.usageArtifacts,
            githubToken: inputs.githubToken,
            apiUrl: deps.env[ENV.githubApiUrl]?.trim() || 'https://api.github.com',
            publicRepository: inputs.publicRepository,
            context,
            now,
          },
          logger,
        )
      : undefined;
  const incoming = run ? ledgerEntriesFor(context.runId, run.lines, now, card.version) : [];
  const ledger = await withGroup(logger, 'Ledger', () =>
    syncLedger(
      { ...inputs, workspace: context.workspace },
      incoming,
      { month: phoenixDate(now).month, runId: context.runId, dryRun: inputs.dryRun },
      logger,
    ),
  );
  const { policy, monthlyBudget: budget, propertyCount } = inputs;
  const status = assessBudget({ budget, entries: ledger.entries, card, policy, now });
  const runCost = totalCost(run?.lines ?? []);
  const { recorded, file: ledgerFile } = ledger;
  const step = { runId: context.runId, stage, startedAt: now, run, recorded, ledgerFile };
  const artifact = await withGroup(logger, 'Stage artifact', () =>
    publishBudgetStage(
      { ...step, durationMs: performance.now() - started },
      context.tempDir,
      inputs.dryRun ? null : deps.artifactClient,
      logger,
    ),
  );
  const result: CheckBudgetResult = {
    stage,
    dryRun: inputs.dryRun,
    status,
    reason: budgetReason(status),
    run,
    runCost,
    costPerProperty: propertyCount > 0 ? runCost / propertyCount : 0,
    propertyCount,
    rateCardVersion: card.version,
    ledger: ledger.name,
    recorded: ledger.recorded,
    artifact,
  };
  annotate(result, logger);
  return result;
}

function annotate(result: CheckBudgetResult, logger: Logger): void {
  const { status } = result;
  logger.info(`budget: ${result.reason}`);
  if (status.level === 'critical') logger.error(`Budget critical: ${result.reason}`);
  else if (status.level === 'warning') logger.warning(`Budget warning: ${result.reason}`);
  if (status.projectionLevel === 'warning' && status.level !== 'critical') {
    logger.warning(`Budget projection: ${projectionText(status)}`);
  }
}
