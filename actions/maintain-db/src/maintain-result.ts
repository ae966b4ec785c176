import type { IndexReport } from '../../../shared/db/indexes.js';
import type { Task } from './inputs.js';
import type { Published, PublishedBackup } from './publish.js';
import type { RetentionResult } from './retention.js';
import type { RestoreCount } from './restore.js';
import type { StorageReport } from './storage.js';

/** Everything maintain-db did. */
export interface MaintainResult {
  tasks: Task[];
  dryRun: boolean;
  database: string;
  indexes: IndexReport | null;
  retention: RetentionResult[];
  backup: PublishedBackup | null;
  exported: Published | null;
  restored: RestoreCount[] | null;
  storage: StorageReport;
}
