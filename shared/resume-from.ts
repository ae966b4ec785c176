import type { Logger } from './logger.js';

/** The earlier output a collecting action continues from, and whether its absence is an error. */
export interface ResumeChoice {
  /** Artifact-name prefix of the earlier output (`<name>-<zip>`). */
  name: string;
  /** True when the `resume-from` input named it; false for a re-run's own earlier attempt. */
  required: boolean;
}

/**
 * Where a collecting action continues from: the `resume-from` input when given; else, on a
 * re-run (attempt 2 or later, which GitHub starts on a fresh runner), what earlier attempts of
 * this run uploaded under the action's own `artifact-name`, when artifacts can be read. Null:
 * start from nothing.
 */
export function chooseResume(options: {
  resumeFrom: string;
  artifactName: string;
  runAttempt: number;
  canDownload: boolean;
  logger: Logger;
}): ResumeChoice | null {
  const { resumeFrom, artifactName, runAttempt } = options;
  if (resumeFrom !== '') return { name: resumeFrom, required: true };
  if (runAttempt <= 1 || !options.canDownload) return null;
  options.logger.info(
    `attempt ${runAttempt}: continuing from what earlier attempts uploaded as ${artifactName}-<zip>`,
  );
  return { name: artifactName, required: false };
}
