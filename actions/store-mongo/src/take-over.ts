import type { Collection } from 'mongodb';
import type { HistoryRow, PropertyDocument } from '../../../shared/db/collections.js';

/**
 * Finishes the takeover of unmatched-listing documents (`addr:<key>` -> APN) once the merged
 * parcels are written: their `history` rows move to the APN first, then the `addr:` documents
 * are deleted. Both steps are idempotent and in that order, so a crash between them leaves the
 * `addr:` document for the rerun to take over again (finding no rows left to move). Rows keep
 * their ids, so moving them never collides. Returns what did not go as expected.
 */
export async function takeOver(
  properties: Collection<PropertyDocument>,
  history: Collection<HistoryRow>,
  absorbed: ReadonlyMap<string, string>,
): Promise<string[]> {
  if (absorbed.size === 0) return [];
  for (const [addrKey, apn] of absorbed)
    await history.updateMany({ propertyKey: addrKey }, { $set: { propertyKey: apn } });
  const keys = [...absorbed.keys()];
  const { deletedCount } = await properties.deleteMany({ _id: { $in: keys } });
  return deletedCount === keys.length
    ? []
    : [`${keys.length - deletedCount} unmatched listings taken over were already gone`];
}
