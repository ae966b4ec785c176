import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { OutputValue } from '../../shared/action.js';
import { dryRunInput, listInput } from '../../shared/inputs.js';
import { actionDrift } from '../support/action-drift.js';

const root = path.resolve(import.meta.dirname, '../..');
const actionsDir = path.join(root, 'actions');
const actions = existsSync(actionsDir)
  ? (await readdir(actionsDir)).filter((name) =>
      existsSync(path.join(actionsDir, name, 'action.yml')),
    )
  : [];

describe('action.yml drift check', () => {
  const fixtureDir = path.join(root, 'test/fixtures/action-yml');
  const definition = {
    inputs: z.object({ zipCodes: listInput(z.string()), dryRun: dryRunInput }),
    failureOutputs: { parcels: 0 },
  };

  it('passes when action.yml and the code agree', async () => {
    const yml = await readFile(path.join(fixtureDir, 'action.yml'), 'utf8');
    expect(actionDrift(fixtureDir, yml, definition)).toEqual([]);
  });

  it('names every input and output that drifted', async () => {
    const yml = (await readFile(path.join(fixtureDir, 'action.yml'), 'utf8'))
      .replace('zip-codes:', 'zips:')
      .replace('using: node24', 'using: node20');
    const drifted = { ...definition, failureOutputs: { parcels: 0, failed: 0 } };
    expect(actionDrift(fixtureDir, yml, drifted)).toEqual([
      "input 'zip-codes' is read by the schema but not declared in action.yml",
      "input 'zips' is declared in action.yml but not read by the schema",
      "output 'failed' is set but not declared in action.yml",
      "runs.using is 'node20', expected 'node24'",
    ]);
  });
});

// One case per action in actions/: its action.yml must match the definition exported by main.ts.
describe.each(actions)('actions/%s', (name) => {
  it('action.yml declares exactly the inputs and outputs the code uses', async () => {
    const actionDir = path.join(actionsDir, name);
    const main = (await import(path.join(actionDir, 'src', 'main.ts'))) as {
      action: { inputs: z.ZodObject; failureOutputs: Record<string, OutputValue> };
    };
    const yml = await readFile(path.join(actionDir, 'action.yml'), 'utf8');
    expect(actionDrift(actionDir, yml, main.action)).toEqual([]);
  });
});
