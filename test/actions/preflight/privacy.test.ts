import { describe, expect, it } from 'vitest';
import { runPreflight, summaryRow } from './harness.js';

// What the operator of a public fork learns before the night publishes or drops owner data.
describe('preflight: owner data kept out of public artifacts', () => {
  const base = { 'zip-codes': '85031', required: 'none', 'timeout-seconds': '2' };
  const row = 'owner data kept out of public artifacts';
  const logged = (run: { lines: string[] }) => run.lines.find((text) => text.includes(row)) ?? '';

  it('passes in a private repository', async () => {
    const run = await runPreflight({ ...base, 'repository-visibility': 'private' });
    expect(summaryRow(run, row)).toContain('private repository');
    expect(logged(run)).toMatch(/^info: ok /);
  });

  it('warns in a public repository without ARTIFACT_PASSPHRASE, saying what happens and what to set', async () => {
    const run = await runPreflight({ ...base, 'repository-visibility': 'public' });
    expect(run.failures).toEqual([]);
    const line = logged(run);
    expect(line).toMatch(/^warning: /);
    expect(line).toContain('left out of the artifacts');
    expect(line).toContain('set ARTIFACT_PASSPHRASE');
  });

  it('passes in a public repository with the passphrase, which is masked', async () => {
    const passphrase = 'correct horse battery staple 42';
    const run = await runPreflight({
      ...base,
      'repository-visibility': 'public',
      'artifact-passphrase': passphrase,
    });
    expect(summaryRow(run, row)).toContain('sealed with ARTIFACT_PASSPHRASE');
    expect(logged(run)).toMatch(/^info: ok /);
    expect(run.masked).toContain(passphrase);
    expect(run.visible).not.toContain(passphrase);
  });

  it('warns when the operator publishes owner data on purpose', async () => {
    const run = await runPreflight({
      ...base,
      'repository-visibility': 'public',
      'personal-data-in-artifacts': 'true',
    });
    expect(summaryRow(run, row)).toContain('PERSONAL_DATA_IN_ARTIFACTS=true');
    expect(logged(run)).toMatch(/^warning: /);
  });
});
