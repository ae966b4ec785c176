import { parseArgs } from 'node:util';
import { startCountySandbox } from './server.js';

/**
 * Runs the sandbox county API in its own process (for benchmarks and trying the action by hand):
 * `tsx local/sandbox/county/cli.ts [--parcels 300] [--seed phx] [--token T] [--latency-ms 0]
 *  [--rate-limit REQUESTS/WINDOW_MS]`.
 * Prints one JSON line `{"url":...,"token":...}` on stdout, then serves until stdin closes or
 * SIGTERM.
 */
const { values } = parseArgs({
  options: {
    parcels: { type: 'string', default: '300' },
    seed: { type: 'string', default: 'phx' },
    token: { type: 'string' },
    'latency-ms': { type: 'string', default: '0' },
    'rate-limit': { type: 'string' },
  },
});
const parcels = Number(values.parcels);
const latencyMs = Number(values['latency-ms']);
const limit = /^(\d+)\/(\d+)$/.exec(values['rate-limit'] ?? '0/0');
if (!Number.isInteger(parcels) || parcels < 0 || !(latencyMs >= 0) || !limit) {
  process.stderr.write(
    '--parcels: expected a whole number >= 0; --latency-ms: a number >= 0; --rate-limit: REQUESTS/WINDOW_MS\n',
  );
  process.exit(2);
}
const [requests, windowMs] = [Number(limit[1]), Number(limit[2])];
const sandbox = await startCountySandbox({
  parcelsPerZip: parcels,
  seed: values.seed,
  token: values.token,
  faults: { latencyMs, ...(requests > 0 ? { rateLimit: { requests, windowMs } } : {}) },
  logRequests: false,
});
process.stdout.write(`${JSON.stringify({ url: sandbox.url, token: sandbox.token })}\n`);
const stop = () => void sandbox.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.stdin.once('end', stop).resume();
