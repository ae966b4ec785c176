import type { ArtifactClient } from '@actions/artifact';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { NonRetryableError } from '../../../shared/errors.js';
import { downloadStage } from '../../../shared/io/artifact.js';
import { readStageOutput } from '../../../shared/io/stage-output.js';
import type { Logger } from '../../../shared/logger.js';
import { mlsListingSchema, type MlsListing } from '../../../shared/model/mls-listing.js';

/**
 * The listings of an earlier attempt's stage output `<resume-from>-<zip>`: downloaded when an
 * artifact client is given, else read from `outDir`. Empty when that ZIP has none; `automatic`
 * (a re-run looking for its own earlier attempt) says so at info level, as that is normal.
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
  let dir = join(source.outDir, source.name);
  if (source.client) {
    dir = join(source.downloadDir, source.name);
    try {
      await downloadStage(source.client, source.name, dir, logger);
    } catch (error) {
      const missing =
        error instanceof NonRetryableError && /^lookup of artifact/.test(error.message);
      if (missing && source.automatic) {
        logger.info(
          `re-run: no artifact '${source.name}' from an earlier attempt; scraping it whole`,
        );
        return [];
      }
      logger.warning(
        `resume-from: no artifact '${source.name}' (${(error as Error).message}); scraping it whole`,
      );
      return [];
    }
  } else if (!existsSync(join(dir, 'manifest.json'))) {
    if (source.automatic) return [];
    logger.warning(`resume-from: no folder ${dir}; scraping it whole`);
    return [];
  }
  const stage = await readStageOutput(dir, {
    schema: mlsListingSchema,
    expectRecordType: 'mls-listing',
  });
  const listings: MlsListing[] = [];
  for await (const listing of stage.records) listings.push(listing);
  return listings;
}
