import { z } from 'zod';
import {
  choiceInput,
  dryRunInput,
  integerInput,
  listInput,
  mongodbUriInput,
  stringInput,
} from '../../../shared/inputs.js';
import { artifactNameSchema } from '../../../shared/io/artifact-name.js';
import {
  passphraseInput,
  personalDataInArtifactsInput,
  repositoryVisibilityInput,
} from '../../../shared/privacy/visibility.js';
import { databaseInput } from '../../../shared/db/database-input.js';

/** The maintenance tasks, in the order they run when several are asked for. */
export const TASKS = ['restore', 'indexes', 'backup', 'export', 'retention'] as const;
export type Task = (typeof TASKS)[number];

/** The tasks run when `tasks` is empty; restore is never one of them. */
export const DEFAULT_TASKS = 'indexes,retention,backup';

const zip = z.string().regex(/^\d{5}$/, 'expected a 5-digit ZIP');

/** Inputs of maintain-db. */
export const maintainDbInputs = z.object({
  /** Connection string (a secret). */
  mongodbUri: mongodbUriInput.pipe(z.string().min(1, 'expected a connection string')),
  /** Database; empty: the connection string's, else `phx_property` (see `resolveDatabase`). */
  database: databaseInput,
  /** Tasks to run; restore only when named. */
  tasks: z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? DEFAULT_TASKS : value),
    listInput(z.enum(TASKS), { min: 1 }),
  ),
  /** `history` rows recorded longer ago are deleted; 0 keeps them all. */
  historyRetentionDays: integerInput({ default: 730, min: 0 }),
  /** `runs` ledger rows finished longer ago are deleted; 0 keeps them all. */
  runsRetentionDays: integerInput({ default: 400, min: 0 }),
  /** `enrichment_cache` entries extracted longer ago are deleted; 0 keeps them all. */
  cacheRetentionDays: integerInput({ default: 365, min: 0 }),
  /** `costs` ledger days older than this are deleted; 0 keeps them all. */
  costsRetentionDays: integerInput({ default: 730, min: 0 }),
  /** Documents deleted per command. */
  retentionBatchSize: integerInput({ default: 500, min: 1, max: 5000 }),
  /** Storage the plan allows (the free Atlas tier: 512 MB); a warning above 80 %. */
  storageLimitMb: integerInput({ default: 512, min: 1 }),
  /** Formats of the property export. */
  exportFormat: choiceInput(['csv', 'ndjson', 'both'], 'csv'),
  /** ZIPs to export; empty or `all` exports every ZIP. */
  exportZips: z
    .preprocess(
      (value) => (typeof value === 'string' && value.trim().toLowerCase() === 'all' ? '' : value),
      listInput(zip),
    )
    .transform((zips) => (zips.length === 0 ? null : zips)),
  /** Name of the backup artifact before its day: `<artifact-name>-<YYYY-MM-DD>`. */
  artifactName: stringInput({ default: 'db-backup' }).pipe(artifactNameSchema()),
  /** Days GitHub keeps the backup and export artifacts. */
  retentionDays: integerInput({ default: 30, min: 1, max: 90 }),
  /** Passphrase (a secret) the backup and export files are encrypted with, and a restore opens them with. */
  backupPassphrase: passphraseInput,
  /** `public`, `private`, or `auto` (the event's `repository.private`). */
  repositoryVisibility: repositoryVisibilityInput,
  /** Opt-in: backups and exports in the clear even in a public repository. */
  personalDataInArtifacts: personalDataInArtifactsInput,
  /** Backup to restore: an artifact of this run, or a folder holding a downloaded backup. */
  restoreFrom: stringInput(),
  /** Folder the backup and export are written to; default `<RUNNER_TEMP>/maintain-db`. */
  outputDir: stringInput(),
  dryRun: dryRunInput,
});

/** Parsed inputs of maintain-db. */
export type MaintainDbInputs = z.output<typeof maintainDbInputs>;
