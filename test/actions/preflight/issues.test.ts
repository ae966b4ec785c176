import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGitHubEmulator, type GitHubEmulator } from '../../../local/sandbox/github/server.js';
import { runPreflight, summaryRow } from './harness.js';

const FIX =
  'Issues are disabled for this repository: enable them in Settings → General → Features → Issues';

describe('preflight: GitHub Issues, where the incidents are filed', () => {
  let github: GitHubEmulator;
  const saved = { ...process.env };
  const inputs = (token: string) => ({
    'zip-codes': '85031',
    sources: 'county',
    required: 'none',
    'github-token': token,
  });

  beforeEach(async () => {
    github = await startGitHubEmulator();
    Object.assign(process.env, { GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'phx/fresh-fork' });
  });
  afterEach(async () => {
    for (const key of ['GITHUB_API_URL', 'GITHUB_REPOSITORY']) delete process.env[key];
    Object.assign(process.env, saved);
    await github.close();
  });

  it('fails a fork with Issues turned off, naming the setting, beside the other problems', async () => {
    github.state.setIssuesEnabled('phx', 'fresh-fork', false);
    const run = await runPreflight({ ...inputs(github.token), 'county-api-token': 'Bearer x' });
    expect(run.failures).toHaveLength(1);
    expect(run.failures[0]).toMatch(/^preflight failed: 2 problem\(s\): /);
    expect(run.failures[0]).toContain(FIX);
    expect(run.failures[0]).toContain('COUNTY_API_TOKEN');
    expect(summaryRow(run, 'GitHub Issues enabled')).toContain('❌ error');
    expect(run.visible).not.toContain(github.token);
    expect(run.masked).toContain(github.token);
  });

  it('passes once Issues are on, and skips the check without a token', async () => {
    const on = await runPreflight(inputs(github.token));
    expect(on.failures).toEqual([]);
    expect(summaryRow(on, 'GitHub Issues enabled')).toContain('✅ pass');
    const without = await runPreflight(inputs(''));
    expect(without.failures).toEqual([]);
    expect(summaryRow(without, 'GitHub Issues enabled')).toContain('no github-token');
  });

  it('names the token when GitHub refuses it', async () => {
    const run = await runPreflight(inputs('ghp_revoked-token-123'));
    expect(run.failures[0]).toContain("input 'github-token': GitHub refused the token");
  });
});
