import { networkReason } from './network.js';
import { fail, pass, warn, type CheckOutcome } from './check.js';
import { secretLabel } from './secrets.js';

const KEY_REFUSED = new Set(['ERROR_KEY_DOES_NOT_EXIST', 'ERROR_WRONG_USER_KEY']);

/**
 * Asks the 2captcha-protocol service for the account balance (`res.php?action=getbalance`). A
 * refused key is an error; an empty balance or an unreachable service is a warning, since the
 * scraper only needs the solver when a CAPTCHA appears.
 */
export async function checkCaptchaBalance(
  serviceUrl: string,
  key: string,
  signal: AbortSignal,
): Promise<CheckOutcome> {
  const url = new URL('res.php', serviceUrl.replace(/\/?$/, '/'));
  url.search = new URLSearchParams({ key, action: 'getbalance', json: '1' }).toString();
  let body: { status?: unknown; request?: unknown };
  try {
    const response = await fetch(url, { signal });
    if (!response.ok)
      return warn(`CAPTCHA service at ${url.origin} answered HTTP ${response.status}`);
    body = (await response.json()) as typeof body;
  } catch (error) {
    return warn(`CAPTCHA service unreachable at ${url.origin} (${networkReason(error)})`);
  }
  const answer =
    typeof body.request === 'string' || typeof body.request === 'number'
      ? String(body.request)
      : '';
  if (body.status !== 1) {
    if (KEY_REFUSED.has(answer))
      return fail(
        `${secretLabel('captcha-api-key')}: the CAPTCHA service refused the key (${answer})`,
      );
    return warn(`CAPTCHA service answered ${/^[A-Z_]{3,40}$/.test(answer) ? answer : 'an error'}`);
  }
  const balance = Number(answer);
  if (!Number.isFinite(balance))
    return warn('CAPTCHA service answered a balance that is not a number');
  if (balance <= 0)
    return warn(`CAPTCHA balance is ${balance.toFixed(2)} USD: CAPTCHAs cannot be solved`);
  return pass(`key accepted; balance ${balance.toFixed(2)} USD`);
}
