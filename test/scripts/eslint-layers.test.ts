import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const planted: string[] = [];
afterAll(() => Promise.all(planted.map((file) => rm(file, { recursive: true, force: true }))));

/**
 * Writes `text` to `file` (relative to the root) inside the repository, where the project's ESLint
 * config applies, lints it with that config, and returns the layering messages as
 * `line: message`. The file (or the folder named by `cleanup`) is removed after the tests.
 */
async function lintPlanted(file: string, text: string, cleanup = file): Promise<string[]> {
  const full = path.join(root, file);
  planted.push(path.join(root, cleanup));
  await mkdir(path.dirname(full), { recursive: true });
  await writeFile(full, text);
  const [result] = await new ESLint({ cwd: root }).lintFiles([full]);
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => `${message.line}: ${message.message}`);
}

const plant = `zz-layer-plant-${process.pid}`;

describe('the layering lint rule', () => {
  it('fails an action importing another action or local/, and passes shared/ and its own files', async () => {
    const messages = await lintPlanted(
      `actions/check-budget/src/${plant}.ts`,
      [
        "import type { Checkpoint } from '../../collect-county/src/checkpoint.js';",
        "import { consoleLogger } from '../../../local/console-logger.js';",
        "export { collectCounty } from '../../../actions/collect-county/src/collect.js';",
        "import { errorMessage } from '../../../shared/errors.js';",
        "import { checkBudget } from './check-budget.js';",
        'export type { Checkpoint };',
        'export { consoleLogger, errorMessage, checkBudget };',
        '',
      ].join('\n'),
    );
    expect(messages).toHaveLength(3);
    expect(messages[0]).toMatch(/^1: .*check-budget may not import another action/);
    expect(messages[1]).toMatch(/^2: .*An action may not import local\//);
    expect(messages[2]).toMatch(/^3: .*check-budget may not import another action/);
  }, 120_000);

  it('fails a cross-action import from a nested folder of an action', async () => {
    const messages = await lintPlanted(
      `actions/scrape-mls/src/${plant}/deep.ts`,
      [
        "import { collectCounty } from '../../../collect-county/src/collect.js';",
        "import { crawl } from '../crawl.js';",
        'export { collectCounty, crawl };',
        '',
      ].join('\n'),
      `actions/scrape-mls/src/${plant}`,
    );
    expect(messages).toEqual([expect.stringMatching(/^1: .*scrape-mls may not import another/)]);
  }, 120_000);

  it('fails shared/ importing local/ or an action, and passes shared/ importing shared/', async () => {
    const messages = await lintPlanted(
      `shared/${plant}.ts`,
      [
        "import { errorMessage } from './errors.js';",
        "import { consoleLogger } from '../local/console-logger.js';",
        "import { collectCounty } from '../actions/collect-county/src/collect.js';",
        'export { errorMessage, consoleLogger, collectCounty };',
        '',
      ].join('\n'),
    );
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(/^2: .*shared\/ may not import an action or local\//);
    expect(messages[1]).toMatch(/^3: .*shared\/ may not import an action or local\//);
  }, 120_000);
});
