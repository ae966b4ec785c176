import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One scripted answer: a response (after an optional delay), no answer at all, or a reset socket. */
export type FaultStep =
  | {
      kind: 'respond';
      status: number;
      headers?: Record<string, string>;
      body?: string;
      delayMs?: number;
    }
  | { kind: 'hang' }
  | { kind: 'reset'; delayMs?: number };

/** A request as the server saw it. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  /** Path and query string. */
  url: string;
  headers: IncomingHttpHeaders;
  /** `performance.now()` when the request arrived (same clock as the test). */
  at: number;
}

/** A running fault server. */
export interface FaultServer {
  /** Base URL, `http://127.0.0.1:<port>`. */
  url: string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** Sets the answers for `path`: one step per request, the last one repeating. */
  script(path: string, steps: FaultStep[]): void;
  /** Requests received for `path`. */
  requestsTo(path: string): RecordedRequest[];
  /** Stops the server and destroys every open socket, hanging ones included. */
  close(): Promise<void>;
}

/** A response with any status, body and content type. */
export const text = (
  status: number,
  body: string,
  contentType = 'text/plain',
  headers: Record<string, string> = {},
): FaultStep => ({
  kind: 'respond',
  status,
  headers: { 'content-type': contentType, ...headers },
  body,
});

/** A JSON response. */
export const json = (
  body: unknown,
  status = 200,
  headers: Record<string, string> = {},
): FaultStep => text(status, JSON.stringify(body), 'application/json', headers);

/** An HTML page (what the county serves for an unknown path, with status 200). */
export const html = (
  status = 200,
  body = '<!DOCTYPE html><html><body>Not here</body></html>',
): FaultStep => text(status, body, 'text/html; charset=UTF-8');

/** The county's answer to a missing or wrong token: 500 text/html. */
export const countyUnauthorized = (prefix = 'parcel'): FaultStep =>
  html(500, `[${prefix}]:Unauthorized access! Please contact support.`);

/** JSON cut off half way, with a JSON content type and a clean end of body. */
export const truncatedJson = (body: unknown): FaultStep => {
  const full = JSON.stringify(body);
  return text(200, full.slice(0, Math.floor(full.length / 2)), 'application/json');
};

/** Never answers; the socket stays open until the client gives up or the server closes. */
export const hang = (): FaultStep => ({ kind: 'hang' });

/** Destroys the connection without a response. */
export const reset = (): FaultStep => ({ kind: 'reset' });

/** The same step after `delayMs` of latency. */
export const delayed = (delayMs: number, step: FaultStep): FaultStep =>
  step.kind === 'hang' ? step : { ...step, delayMs };

/** Starts a fault server on 127.0.0.1 and a free port. Unscripted paths answer 404. */
export async function startFaultServer(): Promise<FaultServer> {
  const scripts = new Map<string, { steps: FaultStep[]; next: number }>();
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const answer = (res: ServerResponse, step: FaultStep): void => {
    if (step.kind === 'hang') return;
    if (step.kind === 'reset') {
      res.socket?.destroy();
      return;
    }
    res.writeHead(step.status, step.headers);
    res.end(step.body ?? '');
  };

  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    const path = url.split('?')[0] ?? '/';
    requests.push({
      method: req.method ?? 'GET',
      path,
      url,
      headers: req.headers,
      at: performance.now(),
    });
    const script = scripts.get(path);
    const step = script?.steps[Math.min(script.next, script.steps.length - 1)];
    if (script) script.next += 1;
    if (step === undefined) {
      answer(res, text(404, `no script for ${path}`));
      return;
    }
    const delayMs = step.kind === 'hang' ? 0 : (step.delayMs ?? 0);
    if (delayMs <= 0) {
      answer(res, step);
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!res.destroyed) answer(res, step);
    }, delayMs);
    timers.add(timer);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script: (path, steps) => {
      if (steps.length === 0) throw new Error(`fault server: empty script for ${path}`);
      scripts.set(path, { steps, next: 0 });
    },
    requestsTo: (path) => requests.filter((request) => request.path === path),
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
