/**
 * Every environment variable the project reads, in one place, with what it means.
 * Action inputs come through `INPUT_*` (see `inputs.ts`); these are the others.
 */
export const ENV = {
  /** Connection string of the MongoDB to use; when set, no local database is started. */
  mongodbUri: 'MONGODB_URI',
  /** Path of a `ferretdb` binary to use instead of looking on PATH and in the cache folder. */
  ferretdbPath: 'FERRETDB_PATH',
  /** Folder for tools the project builds or downloads for itself (FerretDB, mongod); default `.cache/` in the repo. */
  cacheDir: 'PIPELINE_CACHE_DIR',
  /** Set to `1` to show debug lines from the local tools (`consoleLogger`). */
  verbose: 'PIPELINE_VERBOSE',
  /** JWT the artifact client decodes for its `scp` claim (set by runners and by the local runner). */
  actionsRuntimeToken: 'ACTIONS_RUNTIME_TOKEN',
  /** Base URL of the Actions Results service (GitHub's, or the local emulator's). */
  actionsResultsUrl: 'ACTIONS_RESULTS_URL',
  /** Base URL of GitHub's REST API (set by runners; the local runner points it at its emulator). */
  githubApiUrl: 'GITHUB_API_URL',
  /** `owner/name` of the repository the workflow runs in (set by runners and by the local runner). */
  githubRepository: 'GITHUB_REPOSITORY',
  /** Chromium for scrape-mls when its `browser-path` input is empty; else /usr/bin/chromium-headless-shell, /usr/bin/chromium, then Playwright's. */
  chromiumPath: 'CHROMIUM_PATH',
  /** Path of the JSON payload of the event that started the run (set by runners). */
  githubEventPath: 'GITHUB_EVENT_PATH',
  /** Base URL of WebShare's proxy list API for `webshare:<key>` proxies; WebShare's own when unset (the local runner's tests point it at a sandbox). */
  webshareApiUrl: 'WEBSHARE_API_URL',
  /** Set by GitHub's runners to `true`; the local runner sets it too. */
  githubActions: 'GITHUB_ACTIONS',
} as const;

/** The value of a variable, or undefined when it is unset or empty. */
export function readEnv(name: (typeof ENV)[keyof typeof ENV]): string | undefined {
  const value = process.env[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}
