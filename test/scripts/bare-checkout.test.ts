import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUNTIME_FILES } from '../../scripts/bundle-actions.js';
import { runBareAction } from '../support/bare-action.js';
import {
  bareCheckout,
  bundledActions,
  nodeModulesAbove,
  type BareCheckout,
} from '../support/bare-checkout.js';

const root = resolve(import.meta.dirname, '../..');
/** What node prints when an import finds no package or file: a bundle that is not whole. */
const NOT_BUNDLED = /Cannot find (package|module)|ERR_MODULE_NOT_FOUND/;

describe('every action bundle runs from a bare checkout with node alone', () => {
  let checkout: BareCheckout;
  let actions: string[];

  beforeAll(async () => {
    checkout = await bareCheckout(root);
    actions = await bundledActions(checkout.workspace);
  }, 60_000);
  afterAll(() => checkout.remove());

  it('copies the tree where no folder above has a node_modules, with one bundle per action', async () => {
    expect(nodeModulesAbove(checkout.workspace)).toEqual([]);
    expect(actions.length).toBeGreaterThan(0);
    for (const name of actions) {
      const text = await readFile(join(checkout.workspace, 'actions', name, 'action.yml'), 'utf8');
      const { runs } = parseYaml(text) as { runs: { main: string } };
      expect(runs.main).toBe(`../../dist/${name}/index.js`);
      for (const file of RUNTIME_FILES[name] ?? [])
        expect(
          existsSync(join(checkout.workspace, 'dist', name, file.split('/').pop() ?? '')),
        ).toBe(true);
    }
  });

  it('loads each bundle, which then runs or fails on its own inputs or configuration', async () => {
    for (const name of actions) {
      // action.yml defaults only: most actions stop at a required input, some run through.
      const run = await runBareAction(checkout.workspace, name);
      expect(run.log, name).not.toMatch(NOT_BUNDLED);
      if (run.exitCode !== 0) expect(run.log, name).toContain(`::error::${name} failed: `);
    }
  }, 120_000);
});
