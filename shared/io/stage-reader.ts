import type { ArtifactClient } from '@actions/artifact';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ZodType } from 'zod';
import { ConfigurationError, IntegrityError, errorMessage } from '../errors.js';
import type { Logger } from '../logger.js';
import type { DataRecordType } from '../model/common.js';
import type { Manifest } from '../model/manifest.js';
import { downloadStage } from './artifact.js';
import { MANIFEST_FILE, verifyManifest } from './manifest.js';
import type { ReadOptions } from './ndjson-reader.js';
import { readStageRecords } from './stage-output.js';
import { expandStageNames } from './stage-names.js';

/** Where the stages come from, and how a missing or unreadable one is taken. */
export interface StageReaderOptions {
  /** The artifact client on a runner; null elsewhere, and each name is then a stage folder. */
  client: ArtifactClient | null;
  /** Base of relative folder names (without a client). */
  baseDir: string;
  /** Artifacts are downloaded into `<downloadDir>/<name>` (with a client). */
  downloadDir: string;
  logger: Logger;
  /**
   * The input that named the stages when they are required: an exact name that is missing, or
   * nothing at all to read, is then a ConfigurationError naming it, and a `*` pattern matching
   * nothing a warning. Without it, what is missing is only listed in `missing`.
   */
  requiredBy?: string;
  /**
   * Takes a stage that failed to download or verify, which is then left out; without it, the
   * failure is thrown (an IntegrityError for a digest or manifest mismatch).
   */
  onUnreadable?: (name: string, error: unknown) => void;
}

/** A downloaded (or local) stage folder whose manifest verified. */
export interface StageFolder {
  /** The artifact name, or the folder name as given. */
  name: string;
  /** Folder holding the manifest and its files. */
  dir: string;
  manifest: Manifest;
  /** Streams the records of `type` from disk (the data or a companion), checked by `schema`. */
  records: <T = unknown>(
    type: DataRecordType,
    schema?: ZodType<T>,
    options?: ReadOptions,
  ) => AsyncGenerator<T, void, undefined>;
}

/** The stages read, and what was not. */
export interface StageSet {
  /** Verified stages, in the order of the names (patterns expanded). */
  stages: StageFolder[];
  /** Names (or patterns) that matched no artifact, or name no stage folder. */
  missing: string[];
  /** Stages left out because they failed to download or verify, with why. */
  unreadable: { name: string; reason: string }[];
  /** Streams the records of `type` of every stage, stage after stage. */
  records: <T = unknown>(
    type: DataRecordType,
    schema?: ZodType<T>,
  ) => AsyncGenerator<T, void, undefined>;
}

function stageFolder(name: string, dir: string, manifest: Manifest): StageFolder {
  return {
    name,
    dir,
    manifest,
    records: (type, schema, options) => readStageRecords(dir, manifest, type, schema, options),
  };
}

/** Downloads artifact `name` (digest checked) or opens folder `name`, and verifies its manifest. */
async function openStage(name: string, options: StageReaderOptions): Promise<StageFolder> {
  if (options.client) {
    const dir = join(options.downloadDir, name.replace(/[^\w.-]/g, '_'));
    const stage = await downloadStage(options.client, name, dir, options.logger);
    return stageFolder(name, dir, stage.manifest);
  }
  const dir = resolve(options.baseDir, name);
  const manifest = await verifyManifest(dir);
  options.logger.debug(`stage folder ${dir}: ${manifest.recordCount} records verified`);
  return stageFolder(name, dir, manifest);
}

/** Guards against reading the wrong stage: data of another type is an IntegrityError. */
export function expectRecordType(stage: StageFolder, type: DataRecordType): void {
  if (stage.manifest.recordType !== type) {
    throw new IntegrityError(
      `${join(stage.dir, MANIFEST_FILE)}: recordType expected ${type}, actual ${stage.manifest.recordType}`,
    );
  }
}

/** Without a client: the names whose folder holds no manifest are missing. */
function localNames(names: readonly string[], options: StageReaderOptions) {
  const unmatched = names.filter(
    (name) => !existsSync(join(resolve(options.baseDir, name), MANIFEST_FILE)),
  );
  const input = options.requiredBy;
  if (input !== undefined && unmatched.length > 0) {
    throw new ConfigurationError(
      `input '${input}': '${unmatched[0]}' is not a stage folder with ${MANIFEST_FILE} ` +
        `(without ACTIONS_RUNTIME_TOKEN each entry is read as a local folder, not an artifact name)`,
    );
  }
  return { names: names.filter((name) => !unmatched.includes(name)), unmatched };
}

/**
 * Reads the stages `names` stand for: on a runner, the artifacts of this run they name (`*`
 * matches any characters: `county-parcels-*` is whatever shards finished), each downloaded with
 * its digest checked; elsewhere, stage folders relative to `baseDir`. Every manifest is verified
 * before a stage is handed out; records then stream from disk, never held whole. The counterpart
 * of `writeStageOutput` and `uploadStage`.
 */
export async function readStages(
  names: readonly string[],
  options: StageReaderOptions,
): Promise<StageSet> {
  const { client, logger, requiredBy } = options;
  const expanded = client
    ? await expandStageNames(client, names, requiredBy, logger)
    : localNames(names, options);
  const stages: StageFolder[] = [];
  const unreadable: StageSet['unreadable'] = [];
  for (const name of expanded.names) {
    try {
      stages.push(await openStage(name, options));
    } catch (error) {
      if (!options.onUnreadable) throw error;
      unreadable.push({ name, reason: errorMessage(error) });
      options.onUnreadable(name, error);
    }
  }
  return {
    stages,
    missing: expanded.unmatched,
    unreadable,
    records: async function* (type, schema) {
      for (const stage of stages) yield* stage.records(type, schema);
    },
  };
}
