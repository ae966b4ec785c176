import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { scrapeMlsAction } from '../../../actions/scrape-mls/src/main.js';
import {
  DEFAULT_TUNING,
  type ScrapeDependencies,
  type ScrapeTuning,
} from '../../../actions/scrape-mls/src/scrape.js';
import { runAction, type ActionRuntime } from '../../../shared/action.js';
import { memoryLogger } from '../../../shared/logger.js';
import type { Manifest } from '../../../shared/model/manifest.js';
import type { MlsListing } from '../../../shared/model/mls-listing.js';
import type { RunStats } from '../../../shared/model/run-stats.js';
import type { Usage } from '../../../shared/model/usage.js';
import {
  startArtifactService,
  type ArtifactService,
} from '../../../local/artifact-service/server.js';
import { useClientEnv } from '../../local/artifact-service/client-env.js';
import { downloadDir, downloadStageRecords } from '../../support/stage-artifact.js';

/** The selectors file of the repository. */
export const SELECTORS = resolve('config/selectors/listing-site.json');

/** Short timings so a test waits seconds, not minutes. */
export const FAST: ScrapeTuning = {
  ...DEFAULT_TUNING,
  captchaPollMs: 200,
  navigationTimeoutMs: 10_000,
  proxyCooldownMs: 60_000,
};

/** What one run of the action left behind. */
export interface ActionRun {
  outputs: Record<string, string>;
  failures: string[];
  summaries: string[];
  secrets: string[];
  lines: string[];
}

/**
 * Runs scrape-mls through `runAction` with a recording runtime; `outside` gives it a stop signal
 * or the budget's clock.
 */
export async function runScrape(
  inputs: Record<string, string>,
  tuning: ScrapeTuning = FAST,
  outside: Pick<ScrapeDependencies, 'stop' | 'sleep'> = {},
): Promise<ActionRun> {
  const logger = memoryLogger();
  const run: ActionRun = {
    outputs: {},
    failures: [],
    summaries: [],
    secrets: [],
    lines: logger.lines,
  };
  const runtime: ActionRuntime = {
    getInput: (name) => inputs[name] ?? '',
    setSecret: (value) => void run.secrets.push(value),
    setOutput: (name, value) => void (run.outputs[name] = value),
    setFailed: (message) => void run.failures.push(message),
    appendSummary: (markdown) => Promise.resolve(void run.summaries.push(markdown)),
    logger,
  };
  await runAction(scrapeMlsAction(tuning, outside), runtime);
  return run;
}

/** A shard artifact as a later stage reads it, with its folder for looking at files. */
export interface ShardArtifact {
  dir: string;
  manifest: Manifest;
  listings: MlsListing[];
  runStats: RunStats[];
  usage: Usage[];
}

/** The artifact emulator and a runner temp folder, with the env the action reads. */
export interface Bench {
  artifacts: ArtifactService;
  root: string;
  /**
   * Points the action at run `runId` (GITHUB_RUN_ID, artifact client, RUNNER_TEMP); `env` adds or
   * overrides variables, e.g. a fresh RUNNER_TEMP and GITHUB_RUN_ATTEMPT for a re-run.
   */
  useRun(runId: string, env?: Record<string, string>): void;
  readArtifact(name: string): Promise<ShardArtifact>;
  /** Every file under the bench's folder, read as text (to look for leaked secrets). */
  allText(): Promise<string>;
  close(): Promise<void>;
}

/** Starts the artifact emulator and a temp folder. */
export async function startBench(): Promise<Bench> {
  const root = await mkdtemp(join(tmpdir(), 'scrape-mls-'));
  const artifacts = await startArtifactService({ storageDir: join(root, 'artifacts') });
  let restore: (() => void) | undefined;
  let downloads = 0;
  return {
    artifacts,
    root,
    useRun(runId, env = {}) {
      restore?.();
      restore = useClientEnv({
        ...artifacts.clientEnv(runId, `scrape-${runId}`),
        GITHUB_RUN_ID: runId,
        GITHUB_RUN_ATTEMPT: '1',
        RUNNER_TEMP: join(root, 'runner-temp'),
        ...env,
      });
    },
    async readArtifact(name) {
      downloads += 1;
      const dir = downloadDir(root, name, downloads);
      const stage = await downloadStageRecords<MlsListing>(name, dir, 'mls-listing');
      return { ...stage, listings: stage.records };
    },
    async allText() {
      const files = await readdir(root, { recursive: true, withFileTypes: true });
      const texts = await Promise.all(
        files
          .filter((file) => file.isFile())
          .map((file) => readFile(join(file.parentPath, file.name), 'latin1')),
      );
      return texts.join('\n');
    },
    async close() {
      restore?.();
      await artifacts.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}
