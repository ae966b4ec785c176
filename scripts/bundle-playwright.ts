import { readFile } from 'node:fs/promises';
import type { Plugin } from 'esbuild';

/**
 * The run-time file reads of playwright-core 1.65 that a bundle must answer. Each pattern must
 * match exactly once in `lib/coreBundle.js`, so an upgrade that moves one fails the bundle
 * instead of shipping a scraper that cannot start.
 *
 * Everything else the package reads from its own folder belongs to code paths the scraper never
 * takes: the CLI, trace viewer, dashboard and MCP tools (`lib/vite`, `lib/tools`, `lib/entry`),
 * browser installs (`bin/`, other installs' `browsers.json`), Electron (`electron`,
 * `lib/server/electron/loader.js`), WebDriver BiDi (`chromium-bidi`, not installed, required
 * inside a try) and WebP encoding (`lib/webp_codec.wasm`: only for WebP screenshots or on
 * macOS; the scraper saves PNG on Linux).
 */
export const PLAYWRIGHT_PATCHES: { pattern: RegExp; replacement: string; why: string }[] = [
  {
    // The root is where Playwright tells its own stack frames from the caller's (`page.goto:`
    // in messages, user frames in stacks); bundled, its own frames are those of this file.
    pattern: /packageRoot = import_path\d+\.default\.join\(__dirname, "\.\."\);/,
    replacement: 'packageRoot = __filename;',
    why: 'package root',
  },
  {
    pattern: /require\(import_path\d+\.default\.join\(packageRoot, "package\.json"\)\)/,
    replacement: 'require("../package.json")',
    why: 'own package.json (its version)',
  },
  {
    pattern: /require\(import_path\d+\.default\.join\(packageRoot, "browsers\.json"\)\)/,
    replacement: 'require("../browsers.json")',
    why: 'browser registry',
  },
];

/** Applies every patch once to `source`; throws naming the first one that does not match once. */
export function patchPlaywrightCore(source: string): string {
  let patched = source;
  for (const { pattern, replacement, why } of PLAYWRIGHT_PATCHES) {
    const matches = patched.match(new RegExp(pattern.source, 'g'))?.length ?? 0;
    if (matches !== 1)
      throw new Error(
        `playwright-core: expected one ${why} read (${pattern}), found ${matches}; check the bundling of this version`,
      );
    patched = patched.replace(pattern, replacement);
  }
  return patched;
}

/**
 * An esbuild plugin that bundles playwright-core whole: its two JSON reads become static
 * imports and its root becomes the chunk it lands in (`__filename`, which the build defines).
 */
export const playwrightCorePlugin: Plugin = {
  name: 'playwright-core',
  setup(build) {
    build.onLoad({ filter: /[\\/]playwright-core[\\/]lib[\\/]coreBundle\.js$/ }, async (args) => ({
      contents: patchPlaywrightCore(await readFile(args.path, 'utf8')),
      loader: 'js',
    }));
  },
};
