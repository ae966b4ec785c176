import type { ArtifactClient } from '@actions/artifact';
import { join } from 'node:path';
import { errorMessage } from '../../../shared/errors.js';
import { expectRecordType, readStages } from '../../../shared/io/stage-reader.js';
import type { Logger } from '../../../shared/logger.js';
import { mlsListingSchema, type MlsListing } from '../../../shared/model/mls-listing.js';

/**
 * The listings of an earlier attempt's stage output `<resume-from>-<zip>`: downloaded when an
 * artifact client is given, else read from `outDir`. Empty when that ZIP has none, or when it
 * does not download or verify (a warning: the ZIP is then scraped whole); `automatic` (a re-run
 * looking for its own earlier attempt) says so at info level, as that is normal.
 */
export async function previousListings(
  source: {
    name: string;
    client: ArtifactClient | null;
    outDir: string;
    downloadDir: string;
    automatic: boolean;
  },
  logger: Logger,
): Promise<MlsListing[]> {
  const { name, client, automatic } = source;
  const read = await readStages([name], {
    client,
    baseDir: source.outDir,
    downloadDir: source.downloadDir,
    logger,
    onUnreadable: (_, error) =>
      logger.warning(
        `resume-from: artifact '${name}' unreadable (${errorMessage(error)}); scraping it whole`,
      ),
  });
  const stage = read.stages[0];
  if (!stage) {
    if (read.unreadable.length > 0) return [];
    if (client && automatic)
      logger.info(`re-run: no artifact '${name}' from an earlier attempt; scraping it whole`);
    else if (client)
      logger.warning(`resume-from: no artifact '${name}' in this run; scraping it whole`);
    else if (!automatic)
      logger.warning(`resume-from: no folder ${join(source.outDir, name)}; scraping it whole`);
    return [];
  }
  expectRecordType(stage, 'mls-listing');
  const listings: MlsListing[] = [];
  for await (const listing of stage.records('mls-listing', mlsListingSchema))
    listings.push(listing);
  return listings;
}
