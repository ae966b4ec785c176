import nodemailer from 'nodemailer';
import { starttlsRefused, type SmtpEndpoint } from '../../../shared/smtp-url.js';
import { fail, pass, type CheckOutcome } from './check.js';
import { secretLabel } from './secrets.js';

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
export async function checkSmtp(target: SmtpEndpoint, timeoutMs: number): Promise<CheckOutcome> {
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
    const refused = starttlsRefused(error, `${target.host}:${target.port}`);
    if (refused) return fail(`${secretLabel('smtp-url')}: ${refused}`);
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
