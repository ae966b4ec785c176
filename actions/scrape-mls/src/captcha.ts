import type { Page } from 'playwright-core';
import { NonRetryableError, RetryableError } from '../../../shared/errors.js';
import { sleep } from '../../../shared/http/backoff.js';

/** How to reach the 2captcha-protocol solver and how long to wait for it. */
export interface CaptchaService {
  url: string;
  apiKey: string;
  /** Delay between `res.php` polls (2captcha asks for 5 s). */
  pollMs: number;
  /** Give up after this long (2captcha: 120-180 s). */
  timeoutMs: number;
}

interface SolverReply {
  status: number;
  request: string;
}

// Codes that mean the account or request is wrong: trying again cannot help.
const FATAL = /^ERROR_(WRONG_USER_KEY|KEY_DOES_NOT_EXIST|ZERO_BALANCE|IP_NOT_ALLOWED|IP_BANNED)/;

async function call(url: string, init?: RequestInit, abandon?: AbortSignal): Promise<SolverReply> {
  let response: Response;
  const timeout = AbortSignal.timeout(30_000);
  try {
    response = await fetch(url, {
      ...init,
      signal: abandon ? AbortSignal.any([timeout, abandon]) : timeout,
    });
  } catch (error) {
    throw new RetryableError(`CAPTCHA service unreachable: ${(error as Error).message}`);
  }
  if (!response.ok) throw new RetryableError(`CAPTCHA service answered HTTP ${response.status}`);
  return (await response.json()) as SolverReply;
}

function failure(code: string): Error {
  // The code never contains the key; the key is never put in a message.
  return FATAL.test(code)
    ? new NonRetryableError(`CAPTCHA service refused the request: ${code}`)
    : new RetryableError(`CAPTCHA service failed: ${code}`);
}

/**
 * Solves a reCAPTCHA v2 through 2captcha's classic API (`in.php`, then `res.php` polls); returns the
 * token. `abandon` stops the polling (the run is stopping and the page will not be read).
 */
export async function solveRecaptcha(
  service: CaptchaService,
  siteKey: string,
  pageUrl: string,
  abandon?: AbortSignal,
): Promise<string> {
  const form = new URLSearchParams({
    key: service.apiKey,
    method: 'userrecaptcha',
    googlekey: siteKey,
    pageurl: pageUrl,
    json: '1',
  });
  const submitted = await call(`${service.url}/in.php`, { method: 'POST', body: form }, abandon);
  if (submitted.status !== 1) throw failure(submitted.request);
  const deadline = Date.now() + service.timeoutMs;
  const poll = new URLSearchParams({
    key: service.apiKey,
    action: 'get',
    id: submitted.request,
    json: '1',
  });
  while (Date.now() < deadline) {
    await sleep(service.pollMs, abandon);
    const reply = await call(`${service.url}/res.php?${poll.toString()}`, undefined, abandon);
    if (reply.status === 1) return reply.request;
    if (reply.request !== 'CAPCHA_NOT_READY') throw failure(reply.request);
  }
  throw new RetryableError(`CAPTCHA not solved within ${Math.round(service.timeoutMs / 1000)} s`);
}

// Puts the token where reCAPTCHA would and continues the page as the widget would: its callback
// when it names one, else the form the widget sits in.
const SUBMIT = String.raw`(token) => {
  const widget = document.querySelector('[data-sitekey]');
  let field = document.querySelector('[name="g-recaptcha-response"]');
  const form = (widget && widget.closest('form')) || (field && field.closest('form'));
  if (!field && form) { field = document.createElement('textarea'); field.name = 'g-recaptcha-response'; form.appendChild(field); }
  if (field) field.value = token;
  const callback = widget && widget.getAttribute('data-callback');
  if (callback && typeof window[callback] === 'function') { window[callback](token); return true; }
  if (form) { form.submit(); return true; }
  return false;
}`;

/** Hands the token to the page and waits for the page it leads to. */
export async function submitCaptchaToken(
  page: Page,
  token: string,
  timeoutMs: number,
): Promise<void> {
  const navigation = page.waitForNavigation({ timeout: timeoutMs, waitUntil: 'domcontentloaded' });
  const submitted = await page.evaluate(`(${SUBMIT})(${JSON.stringify(token)})`);
  if (submitted !== true) {
    void navigation.catch(() => undefined);
    throw new NonRetryableError('CAPTCHA page has no form or callback to take the token');
  }
  await navigation;
}
