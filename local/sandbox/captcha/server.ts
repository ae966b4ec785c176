import { createHmac, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Options of the sandbox solver. */
export interface CaptchaSolverOptions {
  /** The account key clients must send; 32 hex characters like 2captcha's. */
  apiKey?: string;
  /** Time from submission until the task is solved, in milliseconds. */
  solveMs?: number;
  /** Answer `ERROR_ZERO_BALANCE` to every submission. */
  zeroBalance?: boolean;
  /** Site keys the solver fails on with `ERROR_CAPTCHA_UNSOLVABLE`. */
  unsolvable?: string[];
}

/** One task as the solver saw it. */
export interface CaptchaTask {
  id: string;
  siteKey: string;
  pageUrl: string;
  submittedAt: number;
  polls: number;
}

/** A running sandbox solver. */
export interface CaptchaSolver {
  /** Base URL; the client appends `/in.php` and `/res.php`. */
  url: string;
  apiKey: string;
  tasks: CaptchaTask[];
  /** Whether `token` is one this solver issued for `siteKey`: the site's server-side check. */
  verifyToken(token: string, siteKey: string): boolean;
  close(): Promise<void>;
}

async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * Starts a solver speaking 2captcha's classic API: `in.php` takes a `userrecaptcha` task and
 * returns its id, `res.php` answers `CAPCHA_NOT_READY` (sic) until the solve delay has passed,
 * then the token. Errors use 2captcha's codes, as JSON (`json=1`) or plain text.
 */
export async function startCaptchaSolver(
  options: CaptchaSolverOptions = {},
): Promise<CaptchaSolver> {
  const apiKey = options.apiKey ?? randomBytes(16).toString('hex');
  const secret = randomBytes(16);
  const tasks = new Map<string, CaptchaTask>();
  const tokenFor = (task: CaptchaTask): string =>
    `03A${createHmac('sha256', secret).update(`${task.siteKey}|${task.id}`).digest('base64url')}.${task.id}`;

  const answer = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://solver');
    const params = new URLSearchParams(url.search);
    if (request.method === 'POST') for (const [k, v] of await readForm(request)) params.set(k, v);
    const json = params.get('json') === '1';
    const reply = (status: 0 | 1, value: string): void => {
      response.writeHead(200, { 'content-type': json ? 'application/json' : 'text/plain' });
      response.end(
        json ? JSON.stringify({ status, request: value }) : status === 1 ? `OK|${value}` : value,
      );
    };
    const key = params.get('key') ?? '';
    if (url.pathname !== '/in.php' && url.pathname !== '/res.php') {
      response.writeHead(404).end();
      return;
    }
    if (!/^[0-9a-f]{32}$/i.test(key)) return reply(0, 'ERROR_WRONG_USER_KEY');
    if (key !== apiKey) return reply(0, 'ERROR_KEY_DOES_NOT_EXIST');
    if (url.pathname === '/in.php') {
      if (options.zeroBalance) return reply(0, 'ERROR_ZERO_BALANCE');
      if (params.get('method') !== 'userrecaptcha') return reply(0, 'ERROR_BAD_PARAMETERS');
      const siteKey = params.get('googlekey') ?? '';
      if (!/^[\w-]{10,}$/.test(siteKey)) return reply(0, 'ERROR_GOOGLEKEY');
      const pageUrl = params.get('pageurl') ?? '';
      if (!URL.canParse(pageUrl)) return reply(0, 'ERROR_PAGEURL');
      const id = String(7_000_000_000 + tasks.size + 1);
      tasks.set(id, { id, siteKey, pageUrl, submittedAt: Date.now(), polls: 0 });
      return reply(1, id);
    }
    if (params.get('action') === 'getbalance') return reply(1, '3.50');
    if (params.get('action') !== 'get') return reply(0, 'ERROR_BAD_PARAMETERS');
    const task = tasks.get(params.get('id') ?? '');
    if (!task) return reply(0, 'ERROR_WRONG_CAPTCHA_ID');
    task.polls += 1;
    if (options.unsolvable?.includes(task.siteKey)) return reply(0, 'ERROR_CAPTCHA_UNSOLVABLE');
    if (Date.now() - task.submittedAt < (options.solveMs ?? 1000))
      return reply(0, 'CAPCHA_NOT_READY');
    return reply(1, tokenFor(task));
  };

  const server = createServer((request, response) => {
    answer(request, response).catch(() => response.writeHead(500).end());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    apiKey,
    get tasks() {
      return [...tasks.values()];
    },
    verifyToken(token, siteKey) {
      const task = tasks.get(token.split('.').at(-1) ?? '');
      return task !== undefined && task.siteKey === siteKey && tokenFor(task) === token;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
