import { fail, pass, warn, type CheckOutcome } from './check.js';
import { networkReason } from './network.js';
import { secretLabel } from './secrets.js';

/**
 * One search page with the token, as collect-county sends it. The county answers a missing or
 * wrong token with HTTP 500 text/html "Unauthorized access", which is an auth failure, not an
 * outage; an HTML 200 means the URL is not the API.
 */
export async function checkCountyApi(
  baseUrl: string,
  token: string,
  zip: string,
  signal: AbortSignal,
): Promise<CheckOutcome> {
  const url = new URL(`search/property/?q=${zip}&page=1`, baseUrl.replace(/\/?$/, '/'));
  let response: Response;
  try {
    // The raw token, no "Bearer"; the county's own clients send `user-agent: null`.
    response = await fetch(url, {
      headers: { AUTHORIZATION: token, 'user-agent': 'null' },
      signal,
    });
  } catch (error) {
    return fail(`county API unreachable at ${url.origin}: ${networkReason(error)}`);
  }
  const type = response.headers.get('content-type') ?? '';
  const body = await response.text();
  if (response.status === 500 && /unauthorized access/i.test(body))
    return fail(
      `${secretLabel('county-api-token')}: the county API refused the token (HTTP 500 "Unauthorized access"); expected a valid Maricopa County Assessor API token`,
    );
  if (response.status === 429)
    return warn('county API answered HTTP 429 (rate limited); it is reachable');
  if (response.status >= 500)
    return fail(`county API unreachable at ${url.origin}: HTTP ${response.status}`);
  if (!response.ok || !type.includes('json'))
    return fail(
      `input 'county-api-url': ${url.origin} answered HTTP ${response.status} ${type.split(';')[0] || 'without a type'}, not the Assessor's JSON search API`,
    );
  try {
    const results = (JSON.parse(body) as { Results?: unknown }).Results;
    if (!Array.isArray(results)) throw new Error('no Results');
    return pass(`token accepted; search for ${zip} returned ${results.length} row(s)`);
  } catch {
    return fail(`input 'county-api-url': ${url.origin} answered JSON without a Results list`);
  }
}
