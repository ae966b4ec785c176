import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** GitHub's documentation root; error bodies point into it like the real ones do. */
export const DOCS = 'https://docs.github.com/rest';

/** An error answer in GitHub's shape: `{message, documentation_url, status, errors?}`. */
export class GitHubApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly documentationUrl = DOCS,
    readonly errors?: Array<Record<string, string>>,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** 404 as GitHub answers it for anything missing or hidden. */
export const notFound = (): GitHubApiError => new GitHubApiError(404, 'Not Found');

/** 422 `Validation Failed` with one error entry. */
export function validationFailed(
  resource: string,
  field: string,
  code: string,
  docs: string,
): GitHubApiError {
  return new GitHubApiError(422, 'Validation Failed', docs, [{ resource, code, field }]);
}

/** A request id in GitHub's `x-github-request-id` format. */
export function requestId(): string {
  const hex = (bytes: number): string => randomBytes(bytes).toString('hex').toUpperCase();
  return `${hex(2)}:${hex(2)}:${hex(3)}:${hex(3)}:${hex(4)}`;
}

/** Writes `body` as JSON with `status` and the given headers. */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  response.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

/** Writes a GitHubApiError the way GitHub does. */
export function sendError(
  response: ServerResponse,
  error: GitHubApiError,
  headers: Record<string, string>,
): void {
  const body: Record<string, unknown> = {
    message: error.message,
    documentation_url: error.documentationUrl,
    status: String(error.status),
  };
  if (error.errors) body.errors = error.errors;
  sendJson(response, error.status, body, { ...headers, ...error.headers });
}

/** Reads a JSON object body; 400 `Problems parsing JSON` like GitHub for anything else. */
export async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {
    // falls through to the same answer as a non-object
  }
  throw new GitHubApiError(400, 'Problems parsing JSON');
}

/** One page of `items` as `per_page`/`page` select it, with GitHub's `Link` header. */
export function paginate<T>(items: T[], url: URL): { page: T[]; headers: Record<string, string> } {
  const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page')) || 30));
  const current = Math.max(1, Number(url.searchParams.get('page')) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (page: number, rel: string): string => {
    const target = new URL(url);
    target.searchParams.set('per_page', String(perPage));
    target.searchParams.set('page', String(page));
    return `<${target.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (current > 1) links.push(link(current - 1, 'prev'));
  if (current < last) links.push(link(current + 1, 'next'), link(last, 'last'));
  if (current > 1) links.push(link(1, 'first'));
  const headers: Record<string, string> = links.length ? { link: links.join(', ') } : {};
  return { page: items.slice((current - 1) * perPage, current * perPage), headers };
}
