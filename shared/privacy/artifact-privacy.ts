import { textSealer, type TextSealer } from '../crypto/sealed-text.js';
import type { Logger } from '../logger.js';
import { resolveVisibility, type Visibility } from './visibility.js';

/** How personal data goes into this run's artifacts. */
export interface ArtifactPrivacy {
  visibility: Visibility;
  /** True when owner names and mailing addresses must not be in the clear. */
  withhold: boolean;
  /** Seals what is withheld, when a passphrase was given; null drops it. */
  sealer: TextSealer | null;
}

/** The inputs that decide it (the shared fragments in `visibility.ts`). */
export interface ArtifactPrivacyInputs {
  repositoryVisibility: 'auto' | Visibility;
  personalDataInArtifacts: boolean;
  /** The passphrase secret; '' when unset. */
  passphrase: string;
  /** Name of the passphrase input, for the messages. */
  passphraseInput: string;
}

/**
 * Decides, once per run, what artifacts may hold: everything in a private repository or when the
 * operator opted in; else personal fields sealed with the passphrase, or dropped (with a warning)
 * when there is none.
 */
export async function artifactPrivacy(
  inputs: ArtifactPrivacyInputs,
  logger: Logger,
): Promise<ArtifactPrivacy> {
  const visibility = resolveVisibility(inputs.repositoryVisibility);
  if (visibility === 'private') return { visibility, withhold: false, sealer: null };
  if (inputs.personalDataInArtifacts) {
    logger.warning(
      "public repository with 'personal-data-in-artifacts: true': owner names and mailing addresses are in the artifacts, which anyone signed in to GitHub can download",
    );
    return { visibility, withhold: false, sealer: null };
  }
  if (inputs.passphrase === '') {
    logger.warning(
      `public repository and no '${inputs.passphraseInput}': owner names and mailing addresses are dropped from the artifacts, so store-mongo keeps the owners it has; set the secret to carry them sealed`,
    );
    return { visibility, withhold: true, sealer: null };
  }
  logger.info('public repository: owner names and mailing addresses are sealed in the artifacts');
  return { visibility, withhold: true, sealer: await textSealer(inputs.passphrase) };
}
