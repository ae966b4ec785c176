import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { patchPlaywrightCore, PLAYWRIGHT_PATCHES } from '../../scripts/bundle-playwright.js';

const require = createRequire(import.meta.url);

describe('patchPlaywrightCore', () => {
  it('turns each run-time read of the installed version into a bundled one', async () => {
    const source = await readFile(require.resolve('playwright-core/lib/coreBundle'), 'utf8');
    const patched = patchPlaywrightCore(source);
    for (const { pattern, replacement } of PLAYWRIGHT_PATCHES) {
      expect(patched).not.toMatch(pattern);
      expect(patched).toContain(replacement);
    }
  });

  it('refuses a version where a read is missing or appears twice', () => {
    const reads = [
      'packageRoot = import_path8.default.join(__dirname, "..");',
      'packageJSON = require(import_path8.default.join(packageRoot, "package.json"));',
      'registry = new Registry(require(import_path19.default.join(packageRoot, "browsers.json")));',
    ];
    expect(patchPlaywrightCore(reads.join('\n'))).toContain('require("../browsers.json")');
    expect(() => patchPlaywrightCore(reads.slice(0, 2).join('\n'))).toThrow(
      /browser registry .* found 0/,
    );
    expect(() => patchPlaywrightCore([...reads, reads[1]].join('\n'))).toThrow(
      /own package\.json .* found 2/,
    );
  });
});
