import { ConfigurationError } from '../../../shared/errors.js';
import type { Logger } from '../../../shared/logger.js';
import { resolveVisibility } from '../../../shared/privacy/visibility.js';
import type { MaintainDbInputs } from './inputs.js';

/**
 * The passphrase the backup and export are encrypted with ('' for none). Backups and exports hold
 * owner names and mailing addresses: in a public repository, where anyone signed in can download
 * them, they are refused without `backup-passphrase` unless the operator opted in; in a private
 * one they may go in the clear, with a warning.
 */
export function backupPassphrase(inputs: MaintainDbInputs, logger: Logger): string {
  if (inputs.backupPassphrase !== '') return inputs.backupPassphrase;
  const visibility = resolveVisibility(inputs.repositoryVisibility);
  if (visibility === 'public' && !inputs.personalDataInArtifacts) {
    throw new ConfigurationError(
      "input 'backup-passphrase' is required in a public repository: backups and exports hold owner names and mailing addresses, and anyone signed in to GitHub can download artifacts. Set the ARTIFACT_PASSPHRASE secret (or 'personal-data-in-artifacts: true' to publish them in the clear)",
    );
  }
  logger.warning(
    `backup and export are written in the clear (${visibility} repository${visibility === 'public' ? ", 'personal-data-in-artifacts: true'" : ''}); set 'backup-passphrase' to encrypt them`,
  );
  return '';
}
