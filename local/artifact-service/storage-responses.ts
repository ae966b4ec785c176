import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

/** An Azure storage error: status, `x-ms-error-code` and the XML `<Error>` body. */
export class StorageError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Headers Azure puts on every response; the SDK reads request id and version from them. */
export function commonHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const clientRequestId = headers['x-ms-client-request-id'];
  return {
    'x-ms-request-id': randomUUID(),
    'x-ms-version': String(headers['x-ms-version'] ?? '2026-04-06'),
    Date: new Date().toUTCString(),
    ...(typeof clientRequestId === 'string' ? { 'x-ms-client-request-id': clientRequestId } : {}),
  };
}

/** Sends a storage error as Azure does. */
export function sendStorageError(
  request: IncomingMessage,
  response: ServerResponse,
  error: StorageError,
) {
  const body = `<?xml version="1.0" encoding="utf-8"?><Error><Code>${error.code}</Code><Message>${escapeXml(error.message)}</Message></Error>`;
  response.writeHead(error.status, {
    ...commonHeaders(request.headers),
    'x-ms-error-code': error.code,
    'Content-Type': 'application/xml',
    'Content-Length': Buffer.byteLength(body),
  });
  response.end(body);
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
