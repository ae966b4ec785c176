import { z } from 'zod';
import { readFileSync } from 'node:fs';
import { ENV, readEnv } from '../env.js';
import { booleanInput, choiceInput, stringInput } from '../inputs.js';

/** Who can download this run's artifacts: anyone signed in (public) or the repository's members. */
export type Visibility = 'public' | 'private';

/**
 * Shared fragment `repository-visibility`: `public`, `private`, or `auto` (the default), which reads
 * `repository.private` from the event payload. Workflows pass
 * `${{ github.event.repository.private && 'private' || 'public' }}`.
 */
const VISIBILITIES = ['auto', 'public', 'private'] as const;
export const repositoryVisibilityInput = choiceInput(VISIBILITIES, 'auto').pipe(
  z.enum(VISIBILITIES),
);

/**
 * Shared fragment `personal-data-in-artifacts`: the operator's opt-in to owner names and mailing
 * addresses in the clear in artifacts of a public repository.
 */
export const personalDataInArtifactsInput = booleanInput(false);

/** Shared fragment for a passphrase secret (`artifact-passphrase`, `backup-passphrase`). */
export const passphraseInput = stringInput();

function eventSaysPrivate(): boolean | undefined {
  const path = readEnv(ENV.githubEventPath);
  if (path === undefined) return undefined;
  try {
    const event = JSON.parse(readFileSync(path, 'utf8')) as { repository?: { private?: unknown } };
    const flag = event.repository?.private;
    return typeof flag === 'boolean' ? flag : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The visibility `choice` stands for. `auto` trusts the event payload; without one it is public on
 * a runner (fail closed: a run that cannot tell must not publish personal data) and private
 * outside one, where folders stay on the local disk.
 */
export function resolveVisibility(choice: 'auto' | Visibility): Visibility {
  if (choice !== 'auto') return choice;
  const isPrivate = eventSaysPrivate();
  if (isPrivate !== undefined) return isPrivate ? 'private' : 'public';
  return readEnv(ENV.githubActions) === 'true' ? 'public' : 'private';
}
