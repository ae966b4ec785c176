import nodemailer, { type SMTPSentMessageInfo } from 'nodemailer';
import { NonRetryableError, RetryableError, errorMessage } from '../../../shared/errors.js';
import { scrubSecrets } from '../../../shared/http/redact.js';
import { retry } from '../../../shared/http/retry.js';
import { starttlsRefused } from '../../../shared/smtp-url.js';
import type { Logger } from '../../../shared/logger.js';
import type { ComposedMessage } from './message.js';
import type { SmtpSettings } from './smtp-config.js';

/** Tunables of delivery; tests shorten the waits. */
export interface DeliveryOptions {
  /** Tries in all, first included. Default 4. */
  attempts?: number;
  /** Backoff ceiling before the first retry, doubling each time (full jitter). Default 2 000 ms. */
  baseDelayMs?: number;
  /** Connection, greeting and socket timeout. Default 30 000 ms. */
  timeoutMs?: number;
  /** Extra CA certificates to trust (a private or test server's). */
  ca?: string | Buffer;
  /** Called before each try with its number, from 1. */
  onAttempt?: (attempt: number) => void;
}

/** The outcome of a delivery. */
export interface Delivery {
  messageId: string;
  attempts: number;
  accepted: string[];
  response: string;
}

interface SmtpError {
  code?: string;
  responseCode?: number;
  response?: string;
}

const TRANSIENT_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'ECONNRESET',
  'EDNS',
  'ECONNREFUSED',
]);

/** The run-stats class of a delivery failure. */
export function failureClass(error: unknown): 'auth' | 'network' | 'server' {
  const cause = (error as { cause?: SmtpError }).cause ?? {};
  if (cause.code === 'EAUTH' || cause.responseCode === 535) return 'auth';
  return isTransient(cause) ? 'network' : 'server';
}

/** 4xx replies, dropped connections and timeouts may pass on a later try; 5xx and auth will not. */
export function isTransient(error: SmtpError): boolean {
  if (error.responseCode !== undefined)
    return error.responseCode >= 400 && error.responseCode < 500;
  return error.code !== undefined && TRANSIENT_CODES.has(error.code);
}

function failure(error: unknown, smtp: SmtpSettings, secrets: readonly string[]): Error {
  const e = error as SmtpError;
  const text = errorMessage(error);
  const code = e.code && !text.includes(e.code) ? ` (${e.code})` : '';
  const reason = scrubSecrets(`${text}${code}`, secrets);
  const refused = starttlsRefused(error, smtp.display);
  if (refused) return new NonRetryableError(refused, { cause: error });
  if (e.code === 'EAUTH' || e.responseCode === 535)
    return new NonRetryableError(
      `SMTP server ${smtp.display} refused authentication for user '${smtp.auth?.user ?? ''}': ${reason}. Check smtp-url or smtp-username/smtp-password`,
      { cause: error },
    );
  const message = `SMTP delivery to ${smtp.display} failed: ${reason}`;
  return isTransient(e)
    ? new RetryableError(message, { cause: error })
    : new NonRetryableError(message, { cause: error });
}

/**
 * Sends the composed message over SMTP, retrying transient failures (4xx, timeouts, dropped
 * connections) through the shared `retry` with its jittered backoff. A permanent failure (auth refused, 5xx) throws at once; its message
 * names the server but never the credentials.
 */
export async function deliver(
  message: ComposedMessage,
  smtp: SmtpSettings,
  options: DeliveryOptions & { secrets: readonly string[] },
  logger: Logger,
): Promise<Delivery> {
  const timeout = options.timeoutMs ?? 30_000;
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    requireTLS: smtp.requireTls,
    ...(smtp.auth ? { auth: smtp.auth } : {}),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    ...(options.ca ? { tls: { ca: options.ca } } : {}),
  });
  try {
    return await retry(
      async (attempt) => {
        options.onAttempt?.(attempt);
        const info = (await transport
          .sendMail({ envelope: message.envelope, raw: message.raw })
          .catch((error: unknown) => {
            throw failure(error, smtp, options.secrets);
          })) as SMTPSentMessageInfo;
        logger.info(
          `delivered to ${info.accepted.length} recipient(s) via ${smtp.display} on try ${attempt}`,
        );
        return {
          messageId: message.messageId,
          attempts: attempt,
          accepted: info.accepted.map(String),
          response: info.response,
        };
      },
      {
        maxAttempts: options.attempts ?? 4,
        baseDelayMs: options.baseDelayMs ?? 2_000,
        onRetry: ({ attempt, maxAttempts, error, delayMs }) =>
          logger.warning(
            `try ${attempt} of ${maxAttempts} failed (${errorMessage(error)}); retrying in ${delayMs} ms`,
          ),
      },
    );
  } finally {
    transport.close();
  }
}
