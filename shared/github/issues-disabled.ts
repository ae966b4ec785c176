import { ConfigurationError } from '../errors.js';

/** What to tell a user whose repository has Issues turned off (a new fork does). */
export const ISSUES_DISABLED_FIX =
  'Issues are disabled for this repository: enable them in Settings → General → Features → Issues';

/**
 * The repository has Issues turned off: GitHub answers every issue endpoint with 410 Gone. Not
 * retryable, and the message says where to turn them on.
 */
export class IssuesDisabledError extends ConfigurationError {
  constructor() {
    super(ISSUES_DISABLED_FIX);
  }
}

/**
 * Whether a refusal is GitHub's answer for a repository without Issues: 410 with "Issues are
 * disabled for this repo". A 410 for one deleted issue ("This issue was deleted") is not.
 */
export function isIssuesDisabled(status: number | undefined, message: string | undefined): boolean {
  return status === 410 && /issues are disabled/i.test(message ?? '');
}
