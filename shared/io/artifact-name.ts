import { z } from 'zod';
import { ConfigurationError } from '../errors.js';

/**
 * Artifact names double as folder names under RUNNER_TEMP, so a name must be one plain path
 * segment: letters, digits, `.`, `_` and `-`, starting with a letter or digit, without `..`, at
 * most 100 characters. That also keeps out every character the artifact service refuses
 * (`/ \ " : < > | * ?`, CR, LF) and NUL.
 */
export const ARTIFACT_NAME_RULE =
  'a plain name of letters, digits, ".", "_" or "-" that starts with a letter or digit, has no "..", at most 100 characters';

const PLAIN_NAME = /^[A-Za-z0-9][\w.-]{0,99}$/;

/** Whether `name` can be an artifact name and a folder name without leaving its parent folder. */
export function isPlainArtifactName(name: string): boolean {
  return PLAIN_NAME.test(name) && !name.includes('..');
}

/** Throws a ConfigurationError naming `input` unless `name` is a plain artifact name. */
export function checkArtifactName(name: string, input: string): string {
  if (!isPlainArtifactName(name)) {
    throw new ConfigurationError(
      `input '${input}': expected ${ARTIFACT_NAME_RULE}, got ${JSON.stringify(name)}`,
    );
  }
  return name;
}

/** Zod check for an artifact-name input (pipe a `stringInput` into it); `optional` allows ''. */
export function artifactNameSchema(options: { optional?: boolean } = {}) {
  return z
    .string()
    .refine((name) => (options.optional === true && name === '') || isPlainArtifactName(name), {
      message: `expected ${ARTIFACT_NAME_RULE}`,
    });
}
