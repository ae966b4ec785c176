import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCollectCountyAction } from '../../../actions/collect-county/src/main.js';
import type { CollectDependencies } from '../../../actions/collect-county/src/collect.js';
import { runAction, type ActionRuntime } from '../../../shared/action.js';
import { memoryLogger } from '../../../shared/logger.js';
import type { CountyParcel } from '../../../shared/model/county-parcel.js';
import type { RunStats } from '../../../shared/model/run-stats.js';
import type { Usage } from '../../../shared/model/usage.js';
import {
  startArtifactService,
  type ArtifactService,
} from '../../../local/artifact-service/server.js';
import {
  startCountySandbox,
  type CountySandbox,
  type CountySandboxOptions,
} from '../../../local/sandbox/county/server.js';
import { useClientEnv } from '../../local/artifact-service/client-env.js';
import { downloadDir, downloadStageRecords } from '../../support/stage-artifact.js';

/** What one run of the action left behind. */
export interface ActionRun {
  outputs: Record<string, string>;
  failures: string[];
  summaries: string[];
  secrets: string[];
  lines: string[];
  elapsedMs: number;
}

/**
 * Runs collect-county's definition through `runAction` with a recording runtime; `outside` gives
 * it a stop signal or the budget's clock.
 */
export async function runCollect(
  inputs: Record<string, string>,
  outside: Pick<CollectDependencies, 'stop' | 'sleep'> = {},
): Promise<ActionRun> {
  const logger = memoryLogger();
  const run: ActionRun = {
    outputs: {},
    failures: [],
    summaries: [],
    secrets: [],
    lines: logger.lines,
    elapsedMs: 0,
  };
  const runtime: ActionRuntime = {
    getInput: (name) => inputs[name] ?? '',
    setSecret: (value) => void run.secrets.push(value),
    setOutput: (name, value) => void (run.outputs[name] = value),
    setFailed: (message) => void run.failures.push(message),
    appendSummary: (markdown) => Promise.resolve(void run.summaries.push(markdown)),
    logger,
  };
  const started = performance.now();
  await runAction(createCollectCountyAction(outside), runtime);
  run.elapsedMs = performance.now() - started;
  return run;
}

/** A shard artifact as a later stage reads it. */
export interface ShardArtifact {
  parcels: CountyParcel[];
  runStats: RunStats[];
  usage: Usage[];
}

/** The sandbox, the artifact emulator and a runner temp folder, with the env the action reads. */
export interface Bench {
  sandbox: CountySandbox;
  artifacts: ArtifactService;
  root: string;
  /**
   * Points the action at run `runId` (GITHUB_RUN_ID, artifact client, RUNNER_TEMP). An attempt
   * after the first gets GITHUB_RUN_ATTEMPT and a RUNNER_TEMP of its own, as a re-run on GitHub
   * gets a fresh runner.
   */
  useRun(runId: string, attempt?: number): void;
  /** Downloads and reads artifact `name` of the current run. */
  readArtifact(name: string): Promise<ShardArtifact>;
  /** Requests the sandbox answered for `/parcel/...` with a parcel body. */
  parcelFetches(): string[];
  close(): Promise<void>;
}

/** Starts everything a test of the action needs. */
export async function startBench(options: CountySandboxOptions = {}): Promise<Bench> {
  const root = await mkdtemp(join(tmpdir(), 'collect-county-'));
  const sandbox = await startCountySandbox(options);
  const artifacts = await startArtifactService({ storageDir: join(root, 'artifacts') });
  let restore: (() => void) | undefined;
  let downloads = 0;
  return {
    sandbox,
    artifacts,
    root,
    useRun(runId, attempt = 1) {
      restore?.();
      restore = useClientEnv({
        ...artifacts.clientEnv(runId, `collect-${runId}`),
        GITHUB_RUN_ID: runId,
        GITHUB_RUN_ATTEMPT: String(attempt),
        RUNNER_TEMP: join(root, attempt === 1 ? 'runner-temp' : `runner-temp-attempt-${attempt}`),
      });
    },
    async readArtifact(name) {
      downloads += 1;
      const dir = downloadDir(root, name, downloads);
      const stage = await downloadStageRecords<CountyParcel>(name, dir, 'county-parcel');
      return { parcels: stage.records, runStats: stage.runStats, usage: stage.usage };
    },
    parcelFetches: () =>
      sandbox.requestLog
        .filter(
          (request) =>
            request.endpoint === 'parcel' && request.status === 200 && request.fault === null,
        )
        .map((request) => request.path),
    async close() {
      restore?.();
      await sandbox.close();
      await artifacts.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}
