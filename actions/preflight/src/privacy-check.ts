import { resolveVisibility } from '../../../shared/privacy/visibility.js';
import { pass, warn, type CheckResult } from './check.js';
import type { PreflightInputs } from './inputs.js';

const NAME = 'owner data kept out of public artifacts';

/**
 * Whether this run's artifacts may publish owner names and mailing addresses: a private
 * repository's artifacts are for its members; a public one's are sealed with `ARTIFACT_PASSPHRASE`,
 * or left out (a warning: the database keeps the owners it has, and maintain-db's backups refuse
 * to run), or published on purpose (`PERSONAL_DATA_IN_ARTIFACTS`, also a warning).
 */
export function privacyCheck(inputs: PreflightInputs): CheckResult {
  const outcome = (() => {
    if (resolveVisibility(inputs.repositoryVisibility) === 'private')
      return pass('private repository: artifacts are visible to its members only');
    if (inputs.personalDataInArtifacts)
      return warn(
        'public repository with PERSONAL_DATA_IN_ARTIFACTS=true: owner names and mailing addresses are published in the county artifacts, downloadable by anyone signed in to GitHub',
      );
    if (inputs.artifactPassphrase !== '')
      return pass(
        'public repository: owner names and mailing addresses are sealed with ARTIFACT_PASSPHRASE',
      );
    return warn(
      'public repository without the secret ARTIFACT_PASSPHRASE: owner names and mailing addresses are left out of the artifacts, so new owners are not stored, and maintain-db refuses to back up; set ARTIFACT_PASSPHRASE (see "What a public fork exposes" in the README)',
    );
  })();
  return { name: NAME, ...outcome, durationMs: 0 };
}
