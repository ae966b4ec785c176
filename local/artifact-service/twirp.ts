import type { IncomingMessage, ServerResponse } from 'node:http';

/** Twirp error codes and the HTTP status each maps to (twirp spec). */
const statusByCode = {
  canceled: 408,
  invalid_argument: 400,
  malformed: 400,
  deadline_exceeded: 408,
  not_found: 404,
  bad_route: 404,
  already_exists: 409,
  permission_denied: 403,
  unauthenticated: 401,
  resource_exhausted: 429,
  failed_precondition: 412,
  aborted: 409,
  out_of_range: 400,
  unimplemented: 501,
  internal: 500,
  unavailable: 503,
  data_loss: 500,
} as const;

/** A twirp error code. */
export type TwirpCode = keyof typeof statusByCode;

/** An error a twirp method answers with: JSON `{code, msg}` and the code's HTTP status. */
export class TwirpError extends Error {
  constructor(
    readonly code: TwirpCode,
    message: string,
  ) {
    super(message);
  }

  /** HTTP status for this error's code. */
  get status(): number {
    return statusByCode[this.code];
  }
}

/** A twirp request body: snake_case proto names, though camelCase is accepted as proto JSON allows. */
export type TwirpBody = Record<string, unknown>;

/** Reads a JSON body of at most `limit` bytes; anything else is twirp `malformed`. */
export async function readJsonBody(request: IncomingMessage, limit = 1 << 20): Promise<TwirpBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new TwirpError('malformed', `request body over ${limit} bytes`);
    chunks.push(chunk);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (error) {
    throw new TwirpError('malformed', `request body is not JSON: ${(error as Error).message}`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new TwirpError('malformed', 'request body must be a JSON object');
  }
  return body as TwirpBody;
}

function camelCase(name: string): string {
  return name.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());
}

/** A field by its proto name or its camelCase JSON name. */
function field(body: TwirpBody, name: string): unknown {
  return body[name] ?? body[camelCase(name)];
}

/** A string field; `required` ones must be non-empty, else `invalid_argument`. */
export function stringField(body: TwirpBody, name: string, required: true): string;
export function stringField(body: TwirpBody, name: string, required?: false): string | undefined;
export function stringField(body: TwirpBody, name: string, required = false): string | undefined {
  const value = field(body, name);
  if (value === undefined || value === null || value === '') {
    if (required) throw new TwirpError('invalid_argument', `${name} is required`);
    return undefined;
  }
  if (typeof value !== 'string')
    throw new TwirpError('invalid_argument', `${name} must be a string`);
  return value;
}

/** An int64 field, sent as a decimal string (proto JSON) or a number. */
export function int64Field(body: TwirpBody, name: string): number | undefined {
  const value = field(body, name);
  if (value === undefined || value === null) return undefined;
  const number = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number)) {
    throw new TwirpError('invalid_argument', `${name} must be an int64`);
  }
  return number;
}

/** Sends a JSON body with a status. */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
  });
  response.end(text);
}

/** Sends a twirp error, `{code, msg}`, with its HTTP status. */
export function sendTwirpError(response: ServerResponse, error: TwirpError): void {
  sendJson(response, error.status, { code: error.code, msg: error.message });
}
