import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { ENV } from '../../../shared/env.js';
import { ConfigurationError } from '../../../shared/errors.js';
import type { Logger } from '../../../shared/logger.js';

/**
 * Debian's headless shell (`chromium-headless-shell`): Chromium's old headless mode, without the
 * full browser's window, compositor and extension machinery. It is what Playwright itself runs for
 * a headless launch of its managed Chromium, and a page costs it about half the CPU (75 against
 * 135 ms a listing page here), which on two cores is the adaptive scraper's rechecks' and learning
 * pages' time. `.ci/run` installs it.
 */
export const SYSTEM_HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';

/** Debian's Chromium (on GitHub's Ubuntu runners, a link to Google Chrome). */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/**
 * The Chromium to run: `browser-path`, then `CHROMIUM_PATH`, then Debian's headless shell, then
 * Debian's Chromium, then Playwright's managed browser (undefined: Playwright finds it, as after
 * `npx playwright install chromium`).
 */
export function resolveBrowserPath(
  input: string,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (input !== '') {
    if (!existsSync(input))
      throw new ConfigurationError(`input 'browser-path': no file at '${input}'`);
    return input;
  }
  const fromEnv = env[ENV.chromiumPath]?.trim();
  if (fromEnv) {
    if (!existsSync(fromEnv))
      throw new ConfigurationError(`CHROMIUM_PATH: no file at '${fromEnv}'`);
    return fromEnv;
  }
  return [SYSTEM_HEADLESS_SHELL, SYSTEM_CHROMIUM].find((path) => existsSync(path));
}

/** Launches one headless Chromium; proxies are set per context, never on the command line. */
export async function launchBrowser(
  executablePath: string | undefined,
  logger: Logger,
): Promise<Browser> {
  // Chromium refuses to start as root with its sandbox on; only then is it turned off.
  const args = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  // Images are never needed: the listing data is text, and each image is a request and traffic.
  args.push('--blink-settings=imagesEnabled=false');
  logger.info(`browser: ${executablePath ?? "Playwright's managed Chromium"}`);
  // Imported here so the bundle puts Playwright in a chunk of its own, loaded only to browse;
  // its error messages and stacks tell its frames from ours by that file.
  const { chromium } = await import('playwright-core');
  try {
    // Playwright would close the browser on SIGINT/SIGTERM itself; the runner's stop must instead
    // let pages under way finish and the artifact be written, and the action closes it after.
    return await chromium.launch({
      executablePath,
      args,
      headless: true,
      handleSIGINT: false,
      handleSIGTERM: false,
    });
  } catch (error) {
    throw new ConfigurationError(
      `cannot start Chromium (${executablePath ?? 'managed'}): set input 'browser-path' or CHROMIUM_PATH, or run 'npx playwright install chromium': ${(error as Error).message.split('\n')[0]}`,
    );
  }
}

/**
 * Chromium, launched the first time a page needs it: a night whose pages all read over plain
 * HTTP never starts it. Closed once at the end, if it was launched.
 */
export class LazyBrowser {
  #launching: Promise<Browser> | null = null;

  constructor(
    readonly executablePath: string | undefined,
    readonly logger: Logger,
  ) {}

  /** Whether Chromium was started in this run. */
  get launched(): boolean {
    return this.#launching !== null;
  }

  /** The browser, launching it on the first call; a failed launch is thrown to every caller. */
  get(): Promise<Browser> {
    this.#launching ??= launchBrowser(this.executablePath, this.logger);
    return this.#launching;
  }

  /** Closes Chromium if it was launched (and started). */
  async close(): Promise<void> {
    const launching = this.#launching;
    if (launching === null) return;
    const browser = await launching.catch(() => null);
    await browser?.close();
  }
}
