import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { BodyCache } from './body-cache.js';
import { FaultPlan, isBrokenParcel } from './faults.js';
import { CountyRoutes, endpointOf, type RouteAnswer } from './routes.js';
import type { CountyRequest, CountySandbox, CountySandboxOptions } from './sandbox-types.js';

export type { CountyRequest, CountySandbox, CountySandboxOptions } from './sandbox-types.js';

const HTML = 'text/html; charset=UTF-8';
const UNKNOWN_PAGE =
  '<!DOCTYPE html><html><head><title>Assessor</title></head><body>Page not found</body></html>';

function send(
  response: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  headers = {},
): void {
  response.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    ...headers,
  });
  response.end(body);
}

// The county's PHP escapes slashes in JSON ("https:\/\/..."); clients must not care.
const phpJson = (body: unknown): string => JSON.stringify(body).replace(/\//g, '\\/');

/** Whether an answer stays the same: a ZIP's search pages and parcel bodies do; the `[]` of an
 * APN not served yet, and searches by APN, may change once its ZIP is searched. */
function settled(endpoint: 'search' | 'parcel', url: URL, body: unknown): boolean {
  if (Array.isArray(body) && body.length === 0) return false;
  return endpoint === 'parcel' || /^\d{5}$/.test((url.searchParams.get('q') ?? '').trim());
}

/** Starts the sandbox county API: the real endpoints, quirks, auth failure and injected faults. */
export async function startCountySandbox(
  options: CountySandboxOptions = {},
): Promise<CountySandbox> {
  const token = options.token ?? randomBytes(16).toString('hex');
  const perZip = options.parcelsPerZip ?? 300;
  const elsewhere = options.parcelsElsewhere ?? 300;
  const routes = new CountyRoutes(
    options.seed ?? 'phx',
    (zip) => (typeof perZip === 'number' ? perZip : (perZip[zip] ?? elsewhere)),
    options.latestTaxYear ?? 2026,
    options.noiseShare,
  );
  const plan = new FaultPlan(options.faults);
  const bodies = new BodyCache(options.cachedBodies ?? 4096);
  const requestLog: CountyRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const answer = (request: IncomingMessage, response: ServerResponse): void => {
    const url = new URL(request.url ?? '/', 'http://sandbox');
    const path = decodeURIComponent(url.pathname);
    const endpoint = endpointOf(path);
    const authorized = request.headers.authorization === token && !plan.tokenRevoked;
    const entry: CountyRequest = {
      url: request.url ?? '/',
      path,
      endpoint,
      authorized,
      status: 0,
      fault: null,
      at: performance.now(),
    };
    if (options.logRequests !== false) requestLog.push(entry);
    const reply = (status: number, type: string, body: string | Buffer, headers = {}): void => {
      entry.status = status;
      const delay = plan.faults.latencyMs ?? 0;
      if (delay <= 0) return send(response, status, type, body, headers);
      const timer = setTimeout(() => {
        timers.delete(timer);
        send(response, status, type, body, headers);
      }, delay);
      timers.add(timer);
    };
    if (endpoint === null) return reply(200, HTML, UNKNOWN_PAGE);
    if (!authorized)
      return reply(500, HTML, `[${endpoint}]:Unauthorized access! Please contact support.`);
    const broken = plan.faults.brokenParcels;
    const apn = /^\/parcel\/([^/]+)/.exec(path)?.[1];
    if (broken && apn && isBrokenParcel(apn, broken.share)) {
      entry.fault = 'server-error';
      return reply(broken.status ?? 500, HTML, '<html><body>Internal Server Error</body></html>');
    }
    const decision = plan.next(entry.at);
    entry.fault = decision.kind === 'none' ? null : decision.kind;
    if (decision.kind === 'timeout') return;
    if (decision.kind === 'rate-limited') {
      return reply(429, HTML, '<html><body>Too Many Requests</body></html>', {
        'retry-after': String(decision.retryAfterSeconds),
      });
    }
    if (decision.kind === 'server-error')
      return reply(decision.status, HTML, '<html><body>Service Unavailable</body></html>');
    const pages: RouteAnswer[] = [];
    const json = bodies.get(`${path}${url.search}`, () => {
      const result: RouteAnswer =
        endpoint === 'search' ? routes.search(url.searchParams) : routes.parcelPath(path);
      if (result.kind !== 'json') return (pages.push(result), null);
      return { text: phpJson(result.body), keep: settled(endpoint, url, result.body) };
    });
    const page = pages[0];
    if (json === null)
      return page?.kind === 'html'
        ? reply(page.status, HTML, page.body)
        : reply(200, HTML, UNKNOWN_PAGE);
    if (decision.kind === 'html')
      return reply(200, HTML, '<html><body><h1>Please wait...</h1></body></html>');
    reply(
      200,
      'application/json',
      decision.kind === 'truncated' ? json.subarray(0, Math.floor(json.length / 2)) : json,
    );
  };

  const server = createServer((request, response) => {
    if (request.method !== 'GET')
      return send(response, 405, HTML, '<html><body>Method Not Allowed</body></html>');
    answer(request, response);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    requestLog,
    setFaults: (faults) => {
      plan.faults = faults;
    },
    directory: (zip) => routes.directory(zip),
    parcel: (apn) => routes.parcel(apn),
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
