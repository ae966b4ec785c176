import type { TextOpener } from '../../../shared/crypto/sealed-text.js';
import type { Logger } from '../../../shared/logger.js';
import { revealPersonal } from '../../../shared/privacy/county-personal.js';
import type { Incoming } from './incoming.js';

/**
 * Puts back the owner fields that collect-county sealed in an artifact of a public repository.
 * Without a passphrase they stay withheld and the merge keeps the owners already stored.
 */
export async function revealParcels(
  incoming: Incoming,
  opener: TextOpener | null,
  logger: Logger,
): Promise<void> {
  let sealed = 0;
  let opened = 0;
  for (const [apn, sourced] of incoming.parcels) {
    if (sourced.record.personal === undefined) continue;
    sealed += 1;
    const record = await revealPersonal(sourced.record, opener);
    if (record.personal === undefined) opened += 1;
    incoming.parcels.set(apn, { ...sourced, record });
  }
  if (sealed === 0) return;
  if (opened === sealed) {
    logger.info(`${opened} parcels: owner fields opened with 'artifact-passphrase'`);
  } else {
    logger.warning(
      `${sealed - opened} parcels came without owner fields (an artifact of a public repository${opener ? ' collected without a passphrase' : "; set 'artifact-passphrase'"}): their stored owners are kept`,
    );
  }
}
