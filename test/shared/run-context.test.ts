import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../shared/errors.js';
import { readRunContext } from '../../shared/run-context.js';

describe('readRunContext', () => {
  it('reads the runner variables and links the run', () => {
    const context = readRunContext({
      GITHUB_RUN_ID: '7012',
      GITHUB_RUN_ATTEMPT: '2',
      GITHUB_REPOSITORY: 'acme/phx',
      GITHUB_WORKSPACE: '/work/phx',
      RUNNER_TEMP: '/runner/tmp',
    });
    expect(context).toEqual({
      runId: '7012',
      runAttempt: 2,
      repository: 'acme/phx',
      runUrl: 'https://github.com/acme/phx/actions/runs/7012',
      workspace: '/work/phx',
      tempDir: '/runner/tmp',
    });
  });

  it.each([{}, { GITHUB_RUN_ID: '' }, { GITHUB_RUN_ID: '12 34' }])(
    'names GITHUB_RUN_ID when it is missing or malformed: %o',
    (env) => {
      expect(() => readRunContext(env)).toThrow(ConfigurationError);
      expect(() => readRunContext(env)).toThrow(/^GITHUB_RUN_ID: expected the workflow run id/);
    },
  );
});
