// ESLint flat config: typed rules over every TypeScript file in the project.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** The action folders: each may import its own files and `shared/`, not another action's. */
const actions = readdirSync(path.join(import.meta.dirname, 'actions'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/** Folder depths the layering covers below `actions/<name>/` and `shared/`. */
const DEPTHS = [...Array(12).keys()];

/** `../` repeated `count` times, as a regular expression. */
const up = (count) => `(\\.\\./){${count}}`;

/** A `no-restricted-imports` setting forbidding each `[regex, message]`. */
const forbid = (...patterns) => [
  'error',
  { patterns: patterns.map(([regex, message]) => ({ regex, message, caseSensitive: true })) },
];

/**
 * The layering (house style 8): an action imports `shared/` and its own files, never another
 * action or `local/`; `shared/` imports neither. A relative import is only a string, so one block
 * per folder depth says how many `../` reach `actions/` or the root from there. Depths, not a
 * listing of folders, so that a folder made after the config loaded (an editor's) is covered too.
 */
function layerRules() {
  const blocks = [];
  for (const action of actions) {
    for (const depth of DEPTHS) {
      const toActions = depth + 1;
      const other = `${action} may not import another action: move what both need to shared/.`;
      blocks.push({
        files: [`actions/${action}/${'*/'.repeat(depth)}*`],
        rules: {
          'no-restricted-imports': forbid(
            [`^${up(toActions)}(?!${action}/|\\.\\./)`, other],
            [`^${up(toActions + 1)}actions/(?!${action}/)`, other],
            [`^${up(toActions + 1)}local/`, 'An action may not import local/ (the local runner).'],
          ),
        },
      });
    }
  }
  for (const depth of DEPTHS) {
    blocks.push({
      files: [`shared/${'*/'.repeat(depth)}*`],
      rules: {
        'no-restricted-imports': forbid([
          `^${up(depth + 1)}(actions|local)/`,
          'shared/ may not import an action or local/: it is what they build on.',
        ]),
      },
    });
  }
  return blocks;
}

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'out/', '.cache/', 'schemas/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    // Tests, scripts and the local runner talk to a terminal; actions and shared code use the Logger.
    files: ['test/**', 'scripts/**', 'local/**'],
    rules: { 'no-console': 'off' },
  },
  ...layerRules(),
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
