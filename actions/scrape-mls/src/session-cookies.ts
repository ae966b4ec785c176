import type { BrowserContext, Cookie as BrowserCookie } from 'playwright-core';
import { Cookie, CookieJar } from 'tough-cookie';

type SetCookie = string | string[] | undefined;

/**
 * A session's cookies, one jar for plain HTTP and the browser: HTTP reads and fills the jar on
 * every request; the browser context starts with the jar's cookies, gets what HTTP changed before
 * each visit (only when something changed), and gives its own cookies back after each visit (a
 * CAPTCHA passed in the browser holds for HTTP too).
 */
export class SessionCookies {
  readonly jar = new CookieJar();
  // Set when HTTP changed the jar since the browser context last saw it.
  #changed = false;

  /** The `cookie` header for a request to `url` ('' when none applies). */
  header(url: string): string {
    return this.jar.getCookieStringSync(url);
  }

  /** Stores a response's `set-cookie` headers; a cookie the jar refuses is dropped, as a browser does. */
  receive(url: string, setCookie: SetCookie): void {
    if (setCookie === undefined) return;
    for (const line of Array.isArray(setCookie) ? setCookie : [setCookie])
      this.jar.setCookieSync(line, url, { ignoreError: true });
    this.#changed = true;
  }

  /** The jar's cookies as a browser context takes them (its `storageState` or `addCookies`). */
  async forBrowser(): Promise<BrowserCookie[]> {
    this.#changed = false;
    const cookies = await this.jar.store.getAllCookies();
    return cookies.map(toBrowser);
  }

  /** Gives the browser context what HTTP changed since it last synced; nothing when nothing did. */
  async push(context: BrowserContext): Promise<void> {
    if (!this.#changed) return;
    const cookies = await this.forBrowser();
    // Replaced, not merged: a cookie HTTP saw deleted must not live on in the browser.
    await context.clearCookies();
    await context.addCookies(cookies);
  }

  /** Takes the browser context's cookies as the session's: the browser was the last to speak. */
  async pull(context: BrowserContext): Promise<void> {
    const cookies = await context.cookies();
    // Chromium has accepted them already: stored as they are, without a URL to check them against.
    // Every change is made before the first await: the memory store applies each at once, so an
    // HTTP request of the session under way meanwhile never sees the jar half replaced.
    const replaced = [
      this.jar.store.removeAllCookies(),
      ...cookies
        .filter((cookie) => cookie.partitionKey === undefined)
        .map((cookie) => this.jar.store.putCookie(fromBrowser(cookie))),
    ];
    this.#changed = false;
    await Promise.all(replaced);
  }
}

const TO_BROWSER = { strict: 'Strict', lax: 'Lax', none: 'None' } as const;
const FROM_BROWSER = { Strict: 'strict', Lax: 'lax', None: 'none' } as const;

function toBrowser(cookie: Cookie): BrowserCookie {
  const expiry = cookie.expiryTime();
  const sameSite = TO_BROWSER[cookie.sameSite as keyof typeof TO_BROWSER] as
    BrowserCookie['sameSite'] | undefined;
  return {
    name: cookie.key,
    value: cookie.value,
    // A leading dot is how Playwright tells a domain cookie from a host-only one.
    domain: cookie.hostOnly ? (cookie.domain ?? '') : `.${cookie.domain ?? ''}`,
    path: cookie.path ?? '/',
    expires: expiry !== undefined && Number.isFinite(expiry) ? expiry / 1000 : -1,
    httpOnly: cookie.httpOnly,
    secure: cookie.secure,
    // Chromium refuses SameSite=None without Secure; without the attribute it takes Lax, as it
    // would have from the site.
    sameSite: sameSite === 'None' && !cookie.secure ? 'Lax' : (sameSite ?? 'Lax'),
  };
}

function fromBrowser(cookie: BrowserCookie): Cookie {
  const hostOnly = !cookie.domain.startsWith('.');
  return new Cookie({
    key: cookie.name,
    value: cookie.value,
    domain: hostOnly ? cookie.domain : cookie.domain.slice(1),
    hostOnly,
    path: cookie.path,
    expires: cookie.expires < 0 ? 'Infinity' : new Date(cookie.expires * 1000),
    httpOnly: cookie.httpOnly,
    secure: cookie.secure,
    sameSite: FROM_BROWSER[cookie.sameSite],
    creation: new Date(),
  });
}
