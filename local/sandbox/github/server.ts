import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { commentAndJobRoutes } from './comment-and-job-routes.js';
import { GitHubApiError, requestId, sendError, sendJson } from './http.js';
import { isIssueEndpoint, issueRoutes } from './issue-routes.js';
import { labelRoutes } from './label-routes.js';
import { repoUrls } from './render.js';
import { githubTime } from './github-time.js';
import type { Route } from './route.js';
import { GitHubState } from './state.js';
import type { GitHubFault } from './types.js';
import { workflowRoutes } from './workflow-routes.js';

export { GitHubState } from './state.js';
export type * from './types.js';

/** How to run the emulator. */
export interface GitHubEmulatorOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Clock for timestamps GitHub sets (`created_at`, `closed_at`); default the real one. */
  now?: () => Date;
  /** Requests per token per hour before the primary rate limit; default 5000 like an app token. */
  rateLimit?: number;
  /** Length of the primary rate-limit window, in seconds; default 3600 like GitHub's hour. */
  rateLimitWindowSeconds?: number;
  /** Status of a primary rate-limit answer: GitHub sends 403 or 429; default 403. */
  rateLimitStatus?: 403 | 429;
  /** Delay before each answer, so that concurrent clients interleave as they do against GitHub. */
  latencyMs?: number;
}

/** A running GitHub REST emulator. */
export interface GitHubEmulator {
  /** Base URL for Octokit's `baseUrl`, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** The data behind the API, and the switches for tokens and faults. */
  state: GitHubState;
  /** A token with every permission the actions need (`issues: write`, `actions: write`). */
  token: string;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

const routes: Route[] = [...issueRoutes, ...labelRoutes, ...commentAndJobRoutes, ...workflowRoutes];
const repoPath = /^\/repos\/([\w.-]+)\/([\w.-]+)(\/.*)?$/;

function faultError(
  fault: Extract<GitHubFault, { kind: 'server-error' | 'secondary-rate-limit' }>,
  id: string,
): GitHubApiError {
  if (fault.kind === 'server-error') return new GitHubApiError(fault.status ?? 502, 'Server Error');
  return new GitHubApiError(
    403,
    'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. ' +
      `If you reach out to GitHub Support for help, please include the request ID ${id}.`,
    'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
    undefined,
    { 'retry-after': String(fault.retryAfterSeconds ?? 60) },
  );
}

/** Starts an emulator of the GitHub REST endpoints the pipeline's actions use, on 127.0.0.1. */
export async function startGitHubEmulator(
  options: GitHubEmulatorOptions = {},
): Promise<GitHubEmulator> {
  const state = new GitHubState(options.now, options.rateLimit);
  const token = state.addToken({ issues: 'write', actions: 'write' });
  const usage = new Map<string, { used: number; reset: number }>();
  let origin = '';

  async function answer(request: IncomingMessage, headers: Record<string, string>) {
    const url = new URL(request.url ?? '/', origin);
    const method = request.method ?? 'GET';
    const auth = /^(?:token|bearer)\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (!auth) throw new GitHubApiError(401, 'Requires authentication');
    const permissions = state.permissionsOf(auth);
    if (!permissions) throw new GitHubApiError(401, 'Bad credentials');
    const nowSeconds = Math.floor(Date.now() / 1000);
    let window = usage.get(auth);
    if (!window || window.reset <= nowSeconds)
      window = { used: 0, reset: nowSeconds + (options.rateLimitWindowSeconds ?? 3600) };
    usage.set(auth, window);
    const exhausted = window.used >= state.rateLimit;
    if (!exhausted) window.used += 1;
    Object.assign(headers, {
      'x-ratelimit-limit': String(state.rateLimit),
      'x-ratelimit-remaining': String(state.rateLimit - window.used),
      'x-ratelimit-reset': String(window.reset),
      'x-ratelimit-used': String(window.used),
      'x-ratelimit-resource': 'core',
    });
    if (exhausted)
      throw new GitHubApiError(
        options.rateLimitStatus ?? 403,
        'API rate limit exceeded for installation.',
      );
    const fault = state.takeFault(method, url.pathname);
    if (fault?.kind === 'slow') await delay(fault.ms);
    else if (fault?.kind === 'server-error' || fault?.kind === 'secondary-rate-limit')
      throw faultError(fault, headers['x-github-request-id'] ?? '');
    const [, owner = '', repo = '', rest = ''] = repoPath.exec(url.pathname) ?? [];
    const route = routes.find((r) => r.method === method && r.pattern.test(rest));
    if (!route) throw new GitHubApiError(404, 'Not Found');
    if (
      permissions[route.permission.scope] === 'none' ||
      (route.permission.level === 'write' && permissions[route.permission.scope] !== 'write')
    )
      throw new GitHubApiError(403, 'Resource not accessible by integration', route.docs);
    const store = state.repo(owner, repo);
    if (!store.hasIssues && isIssueEndpoint(rest))
      throw new GitHubApiError(410, 'Issues are disabled for this repo', route.docs);
    const result = await route.handle({
      state,
      store,
      urls: repoUrls(origin, owner, repo),
      url,
      request,
      params: route.pattern.exec(rest)?.slice(1) ?? [],
      now: githubTime(state.now()),
    });
    // Done, but the client hears only an error, as when GitHub's front end times out.
    if (fault?.kind === 'lost-answer')
      throw new GitHubApiError(fault.status ?? 502, 'Server Error');
    return result;
  }

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const headers: Record<string, string> = {
      'x-github-request-id': requestId(),
      'x-github-api-version-selected': '2022-11-28',
      'x-github-media-type': 'github.v3; format=json',
    };
    const log = (status: number): void =>
      void state.requests.push({
        method: request.method ?? 'GET',
        path: (request.url ?? '/').split('?')[0] ?? '/',
        status,
      });
    delay(options.latencyMs ?? 0)
      .then(() => answer(request, headers))
      .then((result) => {
        log(result.status);
        sendJson(response, result.status, result.body, { ...headers, ...result.headers });
      })
      .catch((error: unknown) => {
        const known =
          error instanceof GitHubApiError ? error : new GitHubApiError(500, String(error));
        log(known.status);
        // The body may be unread when an error came first; drain it so the socket stays usable.
        request.resume();
        sendError(response, known, headers);
      });
  });
  server.listen(options.port ?? 0, '127.0.0.1');
  await once(server, 'listening');
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    state,
    token,
    async close() {
      const closed = new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
      server.closeAllConnections();
      await closed;
    },
  };
}
