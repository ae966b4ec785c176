import { networkReason } from './network.js';
import { pass, warn, type CheckOutcome } from './check.js';

/**
 * One GET of the listing site's home page. Only a warning when it fails: the county data still
 * comes in, and the scraper has its own retries, proxies and block handling.
 */
export async function checkListingSite(
  baseUrl: string,
  signal: AbortSignal,
): Promise<CheckOutcome> {
  const url = new URL(baseUrl);
  try {
    const response = await fetch(url, { signal, redirect: 'follow' });
    await response.body?.cancel();
    if (response.ok) return pass(`${url.origin} answered HTTP ${response.status}`);
    return warn(`listing site ${url.origin} answered HTTP ${response.status}`);
  } catch (error) {
    return warn(`listing site unreachable at ${url.origin} (${networkReason(error)})`);
  }
}
