import { parseArgs } from 'node:util';
import { startCaptchaSolver } from '../captcha/server.js';
import { startProxy } from '../proxy/server.js';
import { startListingSite } from './server.js';

/**
 * Runs the sandbox listing site with a CAPTCHA solver and a forward proxy in their own process
 * (for the local runner and trying scrape-mls by hand):
 * `tsx local/sandbox/listing-site/cli.ts [--parcels 40] [--seed phx] [--date YYYY-MM-DD]
 *  [--requests-per-minute 0] [--captcha-every 0]`.
 * Prints one JSON line `{"url", "captchaServiceUrl", "captchaApiKey", "proxy"}` on stdout (the
 * proxy as a `proxies` input line), then serves until stdin closes or SIGTERM.
 */
const { values } = parseArgs({
  options: {
    parcels: { type: 'string', default: '40' },
    seed: { type: 'string', default: 'phx' },
    date: { type: 'string' },
    'requests-per-minute': { type: 'string', default: '0' },
    'captcha-every': { type: 'string', default: '0' },
  },
});
const [parcels, perMinute, every] = [
  values.parcels,
  values['requests-per-minute'],
  values['captcha-every'],
].map(Number);
if (![parcels, perMinute, every].every((value) => Number.isInteger(value) && (value ?? -1) >= 0)) {
  process.stderr.write(
    '--parcels, --requests-per-minute, --captcha-every: expected whole numbers >= 0\n',
  );
  process.exit(2);
}
if (values.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) {
  process.stderr.write('--date: expected YYYY-MM-DD\n');
  process.exit(2);
}
const solver = await startCaptchaSolver({ solveMs: 2000 });
const proxy = await startProxy({ clientAddress: '10.0.0.1' });
const site = await startListingSite({
  seed: values.seed,
  parcelsPerZip: parcels,
  date: values.date,
  requestsPerMinute: perMinute,
  captcha:
    every && every > 0
      ? {
          siteKey: '6LeSandboxSiteKey0001',
          verifyToken: (token, key) => solver.verifyToken(token, key),
          listings: (mls) => Number(mls) % every === 0,
        }
      : undefined,
});
process.stdout.write(
  `${JSON.stringify({ url: site.url, captchaServiceUrl: solver.url, captchaApiKey: solver.apiKey, proxy: proxy.url })}\n`,
);
const stop = () =>
  void Promise.all([site.close(), solver.close(), proxy.close()]).then(() => process.exit(0));
process.once('SIGTERM', stop);
process.stdin.once('end', stop).resume();
