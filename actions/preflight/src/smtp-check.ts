import nodemailer from 'nodemailer';
import { fail, pass, type CheckOutcome } from './check.js';
import { secretLabel } from './secrets.js';

/** What nodemailer needs from `smtp-url`, read the way send-report reads it. */
export interface SmtpTarget {
  host: string;
  port: number;
  /** Implicit TLS (smtps://). */
  secure: boolean;
  /** STARTTLS required (smtp+starttls://). */
  requireTls: boolean;
  auth: { user: string; pass: string } | undefined;
}

/**
 * Parses `smtp-url`: `smtp://`, `smtps://` or `smtp+starttls://`, a host, optional user:password
 * and port (465 for smtps, else 587). Returns the problem in words instead when it is malformed.
 */
export function smtpTarget(url: string): SmtpTarget | string {
  const expected = 'expected a URL such as smtps://user:password@smtp.example.com:465';
  if (!URL.canParse(url)) return expected;
  const parsed = new URL(url);
  if (!['smtp:', 'smtps:', 'smtp+starttls:'].includes(parsed.protocol))
    return `${expected} (scheme smtp://, smtps:// or smtp+starttls://)`;
  if (parsed.hostname === '') return `${expected}: it names no host`;
  const secure = parsed.protocol === 'smtps:';
  let user: string;
  let pass: string;
  try {
    user = decodeURIComponent(parsed.username);
    pass = decodeURIComponent(parsed.password);
  } catch {
    return `${expected}: the user name or password is not percent-encoded correctly`;
  }
  return {
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: Number(parsed.port || (secure ? 465 : 587)),
    secure,
    requireTls: parsed.protocol === 'smtp+starttls:',
    auth: user !== '' ? { user, pass } : undefined,
  };
}

interface SmtpFailure {
  code?: string;
  responseCode?: number;
  message?: string;
}

/**
 * Connects, greets and logs in (nodemailer's `verify`) without sending anything. A refused
 * login names the secret; an unreachable server is an error too, since the report is the
 * run's only notice.
 */
export async function checkSmtp(target: SmtpTarget, timeoutMs: number): Promise<CheckOutcome> {
  const transport = nodemailer.createTransport({
    host: target.host,
    port: target.port,
    secure: target.secure,
    requireTLS: target.requireTls,
    auth: target.auth,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  try {
    await transport.verify();
    return pass(target.auth ? 'connected and logged in' : 'connected (no login configured)');
  } catch (error) {
    const { code, responseCode, message } = error as SmtpFailure;
    if (code === 'EAUTH' || responseCode === 535)
      return fail(`${secretLabel('smtp-url')}: the SMTP server refused the user name or password`);
    // nodemailer wraps socket errors as ESOCKET; the system code in the message says more.
    const system = /\bE[A-Z]{4,}\b/.exec(message ?? '')?.[0];
    const why = responseCode ? `SMTP ${responseCode}` : (system ?? code ?? 'error');
    return fail(
      `${secretLabel('smtp-url')}: SMTP server unreachable (${why}); the report would not be delivered`,
    );
  } finally {
    transport.close();
  }
}
