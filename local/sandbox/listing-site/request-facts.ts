import type { IncomingMessage } from 'node:http';

/** The value of cookie `name`, or undefined. */
export function cookieOf(request: IncomingMessage, name: string): string | undefined {
  const match = new RegExp(`(?:^|;\\s*)${name}=([^;]+)`).exec(request.headers.cookie ?? '');
  return match?.[1];
}

/** A form body. */
export async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** Who is asking: the first `X-Forwarded-For` address (a proxy's client), else the socket's. */
export function clientOf(request: IncomingMessage): string {
  const forwarded = request.headers['x-forwarded-for'];
  const first = typeof forwarded === 'string' ? forwarded.split(',')[0]?.trim() : undefined;
  return first || request.socket.remoteAddress || '?';
}

/** What a path is, for the request log. */
export function kindOf(path: string): string {
  if (path.startsWith('/listing/')) return 'listing';
  if (path === '/search') return 'search';
  if (path.startsWith('/challenge')) return 'challenge';
  return /^\/(photos|static|recaptcha)\//.test(path) ? 'asset' : 'other';
}

/** Requests per client in the last minute, against a cap (0 = none). */
export class RateWindow {
  readonly #recent = new Map<string, number[]>();

  constructor(readonly perMinute: number) {}

  /** Counts a request; true when it goes over the cap. */
  over(client: string): boolean {
    if (this.perMinute <= 0) return false;
    const now = Date.now();
    const times = (this.#recent.get(client) ?? []).filter((at) => now - at < 60_000);
    times.push(now);
    this.#recent.set(client, times);
    return times.length > this.perMinute;
  }
}
