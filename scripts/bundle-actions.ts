import { existsSync } from 'node:fs';
import { copyFile, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build, type BuildResult } from 'esbuild';
import { playwrightCorePlugin } from './bundle-playwright.js';

/**
 * Bundles every `actions/<name>/src/index.ts` into `dist/<name>/index.js` (ESM, Node 20+), with
 * code used by several actions split into shared chunks under `dist/chunks/`. Nothing is left
 * external: a runner checks the repository out without `node_modules`, so every package an
 * action imports, playwright-core included, travels inside `dist/`.
 */

/**
 * CommonJS code reads `__dirname`/`__filename`, which an ES module lacks; bundled, they name the
 * output file the code landed in (Node 20.11+ has `import.meta.dirname`).
 */
export const COMMONJS_PATHS = {
  __dirname: 'import.meta.dirname',
  __filename: 'import.meta.filename',
};

/**
 * Some CommonJS dependencies call `require('fs')` and the like; an ESM bundle has no `require`,
 * so each output file gets one made from its own URL.
 */
export const REQUIRE_BANNER =
  "import { createRequire as __pipelineCreateRequire } from 'node:module';\n" +
  'const require = __pipelineCreateRequire(import.meta.url);';

/**
 * Files an action loads at run time that cannot be bundled, copied from node_modules to sit
 * beside `dist/<name>/index.js` (runners do not install dependencies).
 */
export const RUNTIME_FILES: Record<string, string[]> = {
  'send-report': ['@resvg/resvg-wasm/index_bg.wasm', 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf'],
};

/** Names of the actions under `actionsDir` that have a `src/index.ts`, sorted. */
export async function listActions(actionsDir: string): Promise<string[]> {
  if (!existsSync(actionsDir)) return [];
  const entries = await readdir(actionsDir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .filter((name) => existsSync(path.join(actionsDir, name, 'src', 'index.ts')))
    .sort();
}

/** Rebuilds `outdir` from scratch so that files of removed actions do not linger. */
export async function bundleActions(options: {
  actionsDir: string;
  outdir: string;
}): Promise<{ actions: string[]; result: BuildResult | undefined }> {
  const actions = await listActions(options.actionsDir);
  await rm(options.outdir, { recursive: true, force: true });
  if (actions.length === 0) return { actions, result: undefined };
  const entryPoints = Object.fromEntries(
    actions.map((name) => [
      `${name}/index`,
      path.join(options.actionsDir, name, 'src', 'index.ts'),
    ]),
  );
  const result = await build({
    entryPoints,
    outdir: options.outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    chunkNames: 'chunks/[name]-[hash]',
    define: COMMONJS_PATHS,
    // A worktree may link node_modules from elsewhere; the bundle must not name where it lives.
    preserveSymlinks: true,
    plugins: [playwrightCorePlugin],
    banner: { js: REQUIRE_BANNER },
    legalComments: 'none',
    logLevel: 'warning',
  });
  const require = createRequire(import.meta.url);
  for (const name of actions) {
    for (const specifier of RUNTIME_FILES[name] ?? []) {
      const source = require.resolve(specifier);
      await copyFile(source, path.join(options.outdir, name, path.basename(source)));
    }
  }
  return { actions, result };
}
