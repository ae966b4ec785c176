import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { OllamaFault } from './faults.js';
import type { OllamaRequest, OllamaSandbox, OllamaSandboxOptions } from './types.js';
import { answerGeneration, type Pacing } from './generation.js';
import { fullModelName, showBody, tagEntry } from './models.js';
import { answerPull } from './pull.js';

export type * from './types.js';

/**
 * A stand-in for an Ollama server on 127.0.0.1 that speaks its HTTP API (version, tags, show,
 * pull, chat, generate) and answers generation requests deterministically from the listing text
 * in the prompt. Tests script its failures; it never runs a model.
 */

/** The model a request names: `model`, or `name` as older clients send it. */
function modelOf(body: Record<string, unknown>): string {
  const name = body.model ?? body.name;
  return typeof name === 'string' ? name : '';
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  try {
    const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Starts a sandbox on a free port of 127.0.0.1. */
export async function startOllamaSandbox(
  options: OllamaSandboxOptions = {},
): Promise<OllamaSandbox> {
  const installed = new Map<string, Date>(
    (options.models ?? ['llama3.2:latest']).map((name) => [fullModelName(name), new Date()]),
  );
  const pullable = new Set(
    (options.pullable ?? ['llama3.2', 'llama3.1', 'qwen2.5']).map(fullModelName),
  );
  const pacing: Pacing = {
    chunkChars: options.chunkChars ?? 32,
    chunkDelayMs: options.chunkDelayMs ?? 0,
    tokensPerSecond: options.tokensPerSecond ?? 0,
  };
  const requests: OllamaRequest[] = [];
  let faults: OllamaFault[] = [];
  let always: OllamaFault | null = null;

  async function generate(
    endpoint: 'chat' | 'generate',
    body: Record<string, unknown>,
    response: ServerResponse,
  ) {
    if (typeof body.model !== 'string' || body.model === '') {
      return sendJson(response, 400, { error: 'model is required' });
    }
    if (!installed.has(fullModelName(body.model))) {
      return sendJson(response, 404, {
        error: `model ${JSON.stringify(body.model)} not found, try pulling it first`,
      });
    }
    const fault = faults.shift() ?? always ?? undefined;
    if (fault?.kind === 'reset') return void response.socket?.destroy();
    if (fault?.kind === 'status') {
      return sendJson(response, fault.status, {
        error: fault.error ?? 'llama runner process has terminated: exit status 2',
      });
    }
    await answerGeneration(endpoint, body, response, fault, pacing);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const body = request.method === 'POST' ? await readBody(request) : undefined;
    requests.push({ method: request.method ?? '', path, body });
    const route = `${request.method} ${path}`;
    if (route === 'GET /') return void response.end('Ollama is running');
    if (route === 'GET /api/version') return sendJson(response, 200, { version: '0.12.6' });
    if (route === 'GET /api/tags') {
      const models = [...installed].map(([name, at]) => tagEntry(name, at));
      return sendJson(response, 200, { models });
    }
    if (
      request.method === 'POST' &&
      ['/api/show', '/api/pull', '/api/chat', '/api/generate'].includes(path)
    ) {
      if (body === undefined) return sendJson(response, 400, { error: 'invalid request body' });
      if (path === '/api/pull') {
        const name = fullModelName(modelOf(body));
        return answerPull(name, body.stream !== false, pullable.has(name), response, {
          onInstalled: () => installed.set(name, new Date()),
          lineDelayMs: pacing.chunkDelayMs,
        });
      }
      if (path === '/api/chat') return generate('chat', body, response);
      if (path === '/api/generate') return generate('generate', body, response);
      const name = modelOf(body);
      const at = installed.get(fullModelName(name));
      return at
        ? sendJson(response, 200, showBody(name, at))
        : sendJson(response, 404, { error: `model '${name}' not found` });
    }
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('404 page not found');
  }

  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    handle(request, response).catch(() => response.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    requestsTo: (path) => requests.filter((request) => request.path === path),
    configure(settings) {
      if (settings.faults) faults = [...settings.faults];
      if (settings.always !== undefined) always = settings.always;
      if (settings.chunkDelayMs !== undefined) pacing.chunkDelayMs = settings.chunkDelayMs;
      if (settings.tokensPerSecond !== undefined) pacing.tokensPerSecond = settings.tokensPerSecond;
    },
    installed: () => [...installed.keys()],
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
