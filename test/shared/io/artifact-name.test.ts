import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { action as collectCounty } from '../../../actions/collect-county/src/main.js';
import { action as enrichLlm } from '../../../actions/enrich-llm/src/main.js';
import { action as maintainDb } from '../../../actions/maintain-db/src/main.js';
import { action as scrapeMls } from '../../../actions/scrape-mls/src/main.js';
import { isPlainArtifactName } from '../../../shared/io/artifact-name.js';
import { runRecorded } from '../../support/recording-runtime.js';

let root: string;
let saved: string | undefined;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'artifact-name-'));
  await mkdir(join(root, 'keep'), { recursive: true });
  await writeFile(join(root, 'keep', 'earlier-step.txt'), 'left by an earlier step');
  saved = process.env.RUNNER_TEMP;
  process.env.RUNNER_TEMP = root;
});
afterEach(async () => {
  if (saved === undefined) delete process.env.RUNNER_TEMP;
  else process.env.RUNNER_TEMP = saved;
  await rm(root, { recursive: true, force: true });
});

describe('artifact names', () => {
  it('refuses `artifact-name: ..` in enrich-llm with an error naming the input, and deletes nothing under RUNNER_TEMP', async () => {
    const run = await runRecorded(enrichLlm, {
      'input-artifacts': join(root, 'keep'),
      'artifact-name': '..',
    });
    expect(run.failures.join('\n')).toMatch(/input 'artifact-name': expected a plain name/);
    expect(existsSync(join(root, 'keep', 'earlier-step.txt'))).toBe(true);
  });

  const runs = {
    'collect-county': (name: string) =>
      runRecorded(collectCounty, { 'zip-codes': '85031', 'api-token': 't', 'artifact-name': name }),
    'scrape-mls': (name: string) =>
      runRecorded(scrapeMls, { 'zip-codes': '85031', 'artifact-name': name }),
    'maintain-db': (name: string) =>
      runRecorded(maintainDb, { 'mongodb-uri': 'mongodb://127.0.0.1:1/x', 'artifact-name': name }),
  };
  it.each(Object.keys(runs) as Array<keyof typeof runs>)(
    '%s refuses a path-like artifact-name',
    async (action) => {
      for (const name of ['..', '../x', 'a/b', 'a\\b', '.hidden']) {
        const run = await runs[action](name);
        expect(run.failures.join('\n'), name).toMatch(
          /input 'artifact-name': expected a plain name/,
        );
      }
    },
  );

  it('accepts the names the workflows use and refuses what the artifact service would', () => {
    for (const name of ['county-parcels', 'mls-listings', 'db-backup', 'enrichment', 'v1.2_x']) {
      expect(isPlainArtifactName(name), name).toBe(true);
    }
    for (const name of [
      '',
      '..',
      'a..b',
      'a:b',
      'a"b',
      'a*b',
      'a?b',
      'a<b',
      'a|b',
      'a\0b',
      'x'.repeat(101),
    ]) {
      expect(isPlainArtifactName(name), JSON.stringify(name)).toBe(false);
    }
  });
});
