import type { IncomingMessage } from 'node:http';
import type { RepoUrls } from './render.js';
import type { GitHubState, RepoStore } from './state.js';
import type { TokenPermissions } from './types.js';

/** What a route handler gets: the repository it addresses and the request. */
export interface RouteContext {
  state: GitHubState;
  store: RepoStore;
  urls: RepoUrls;
  /** The full request URL, query included, on the emulator's origin. */
  url: URL;
  request: IncomingMessage;
  /** Path parameters after `/repos/{owner}/{repo}/`, e.g. the issue number. */
  params: string[];
  /** The time as the state's clock gives it, ISO 8601 without milliseconds, like GitHub. */
  now: string;
}

/** A successful answer. */
export interface RouteResult {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** One endpoint: method, path under `/repos/{owner}/{repo}`, the permission it needs, its handler. */
export interface Route {
  method: string;
  /** Matched against the rest of the path after `/repos/{owner}/{repo}`; groups become `params`. */
  pattern: RegExp;
  permission: { scope: keyof TokenPermissions; level: 'read' | 'write' };
  /** Documentation page GitHub names in this endpoint's errors. */
  docs: string;
  handle(context: RouteContext): Promise<RouteResult> | RouteResult;
}
