import type { Db } from 'mongodb';
import { errorMessage } from '../../../shared/errors.js';
import type { Logger } from '../../../shared/logger.js';
import { collectionNames } from './backup.js';

/** Size and count of one collection. */
export interface CollectionSize {
  name: string;
  documents: number;
  /** Bytes of data and indexes as the server reports them; null when it does not. */
  bytes: number | null;
}

/** What the database holds, against the plan's limit. */
export interface StorageReport {
  collections: CollectionSize[];
  /** Storage used in MiB (dbStats storage + index size, else data + index size); null if unknown. */
  usedMb: number | null;
  limitMb: number;
  /** Used share of the limit, 0..1, or null when unknown. */
  share: number | null;
}

const MIB = 1024 * 1024;
const WARN_SHARE = 0.8;

function number(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

async function collectionSize(db: Db, name: string): Promise<CollectionSize> {
  const documents = await db.collection(name).estimatedDocumentCount();
  try {
    const stats = await db.command({ collStats: name });
    const bytes = number(stats.storageSize) || number(stats.size);
    return { name, documents, bytes: bytes + number(stats.totalIndexSize) };
  } catch {
    return { name, documents, bytes: null };
  }
}

/**
 * Counts every collection and reads `dbStats`/`collStats` where the server answers them (the
 * free Atlas tier and FerretDB do); warns when the database uses more than 80 % of `limitMb`.
 */
export async function measureStorage(
  db: Db,
  limitMb: number,
  logger: Logger,
): Promise<StorageReport> {
  const names = await collectionNames(db);
  const collections: CollectionSize[] = [];
  for (const name of names) collections.push(await collectionSize(db, name));
  let usedMb: number | null = null;
  try {
    const stats = await db.command({ dbStats: 1 });
    const data = number(stats.storageSize) || number(stats.dataSize);
    usedMb = Math.round(((data + number(stats.indexSize)) / MIB) * 100) / 100;
  } catch (error) {
    logger.warning(`dbStats unavailable (${errorMessage(error)}): storage not measured`);
  }
  const share = usedMb === null ? null : usedMb / limitMb;
  for (const size of collections) logger.info(`${size.name}: ${size.documents} documents`);
  if (share !== null && share > WARN_SHARE) {
    logger.warning(
      `database uses ${usedMb} MB, ${Math.round(share * 100)} % of the ${limitMb} MB limit: lower the retention days or move to a larger plan`,
    );
  } else if (usedMb !== null) logger.info(`database uses ${usedMb} MB of ${limitMb} MB`);
  return { collections, usedMb, limitMb, share };
}
