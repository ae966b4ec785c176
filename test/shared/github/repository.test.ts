import { describe, expect, it } from 'vitest';
import { repositoryInput, splitRepository } from '../../../shared/github/repository.js';

describe('repository', () => {
  it('splits owner/name', () => {
    expect(splitRepository('octo-org/phx.pipeline')).toEqual({
      repository: 'octo-org/phx.pipeline',
      owner: 'octo-org',
      repo: 'phx.pipeline',
    });
  });

  it.each([undefined, '', 'no-slash', 'a/b/c'])('names the input for %j', (value) => {
    expect(() => splitRepository(value)).toThrow(
      "input 'repository': expected owner/name; it is empty and GITHUB_REPOSITORY is not set",
    );
  });

  it('accepts empty or owner/name as the input, and says what it expected otherwise', () => {
    expect(repositoryInput.safeParse('').success).toBe(true);
    expect(repositoryInput.safeParse('o/r').success).toBe(true);
    expect(repositoryInput.safeParse('o r').error?.issues[0]?.message).toBe(
      'expected owner/name, e.g. octo-org/phx-pipeline',
    );
  });
});
