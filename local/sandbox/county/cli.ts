import { parseArgs } from 'node:util';
import { startCountySandbox } from './server.js';

/**
 * Runs the sandbox county API in its own process (for benchmarks and trying the action by hand):
 * `tsx local/sandbox/county/cli.ts [--parcels 300] [--zip-parcels 85031=9000,85033=12000]
 *  [--noise-share 0.05] [--seed phx] [--token T] [--latency-ms 0] [--rate-limit REQUESTS/WINDOW_MS]`.
 * `--parcels` sizes every ZIP that `--zip-parcels` does not name.
 * Prints one JSON line `{"url":...,"token":...}` on stdout, then serves until stdin closes or
 * SIGTERM.
 */
const { values } = parseArgs({
  options: {
    parcels: { type: 'string', default: '300' },
    'zip-parcels': { type: 'string' },
    'noise-share': { type: 'string' },
    seed: { type: 'string', default: 'phx' },
    token: { type: 'string' },
    'latency-ms': { type: 'string', default: '0' },
    'rate-limit': { type: 'string' },
  },
});

/** `--zip-parcels 85031=9000,85033=12000` as a record, or null when malformed. */
function zipParcels(text: string | undefined): Record<string, number> | null {
  if (text === undefined) return {};
  const sizes: Record<string, number> = {};
  for (const item of text.split(',')) {
    const match = /^(\d{5})=(\d+)$/.exec(item.trim());
    if (!match) return null;
    sizes[match[1] as string] = Number(match[2]);
  }
  return sizes;
}

const parcels = Number(values.parcels);
const perZip = zipParcels(values['zip-parcels']);
const noiseShare = values['noise-share'] === undefined ? undefined : Number(values['noise-share']);
const latencyMs = Number(values['latency-ms']);
const limit = /^(\d+)\/(\d+)$/.exec(values['rate-limit'] ?? '0/0');
if (!Number.isInteger(parcels) || parcels < 0 || !perZip || !(latencyMs >= 0) || !limit) {
  process.stderr.write(
    '--parcels: expected a whole number >= 0; --zip-parcels: ZIP=N,ZIP=N; --latency-ms: a number >= 0; --rate-limit: REQUESTS/WINDOW_MS\n',
  );
  process.exit(2);
}
const [requests, windowMs] = [Number(limit[1]), Number(limit[2])];
const sandbox = await startCountySandbox({
  parcelsPerZip: Object.keys(perZip).length > 0 ? perZip : parcels,
  parcelsElsewhere: parcels,
  noiseShare,
  seed: values.seed,
  token: values.token,
  faults: { latencyMs, ...(requests > 0 ? { rateLimit: { requests, windowMs } } : {}) },
  logRequests: false,
}).catch((error: Error) => {
  process.stderr.write(`county sandbox: ${error.message}\n`);
  process.exit(2);
});
process.stdout.write(`${JSON.stringify({ url: sandbox.url, token: sandbox.token })}\n`);
const stop = () => void sandbox.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.stdin.once('end', stop).resume();
