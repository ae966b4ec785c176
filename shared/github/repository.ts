import { ConfigurationError } from '../errors.js';
import { stringInput } from '../inputs.js';

const repositoryPattern = /^[\w.-]+\/[\w.-]+$/;

/** A `repository` input: `owner/name`, or empty for the repository the workflow runs in. */
export const repositoryInput = stringInput().refine(
  (value) => value === '' || repositoryPattern.test(value),
  { message: 'expected owner/name, e.g. octo-org/phx-pipeline' },
);

/** A repository as the REST API's paths name it. */
export interface RepositoryName {
  /** `owner/name`. */
  repository: string;
  owner: string;
  repo: string;
}

/**
 * Splits `owner/name`: the `repository` input, else `GITHUB_REPOSITORY` (pass
 * `input || runContext.repository`). Neither set is a configuration error naming the input.
 */
export function splitRepository(repository: string | undefined): RepositoryName {
  if (!repository || !repositoryPattern.test(repository))
    throw new ConfigurationError(
      "input 'repository': expected owner/name; it is empty and GITHUB_REPOSITORY is not set",
    );
  const [owner = '', repo = ''] = repository.split('/');
  return { repository, owner, repo };
}
