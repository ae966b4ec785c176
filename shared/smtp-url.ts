/** How an SMTP connection is secured: implicit TLS, required STARTTLS, or STARTTLS when offered. */
export type SmtpMode = 'tls' | 'starttls' | 'plain';

/** Where and how to connect: what nodemailer's SMTP transport needs. */
export interface SmtpEndpoint {
  host: string;
  port: number;
  /** Implicit TLS from the first byte (smtps://, port 465). */
  secure: boolean;
  /** Refuse to send unless the server upgrades with STARTTLS (smtp+starttls://, port 587). */
  requireTls: boolean;
  /** Login; undefined when no user name is given. */
  auth: { user: string; pass: string } | undefined;
}

/** What an `smtp-url` must look like; messages say this and never echo the value. */
export const SMTP_URL_EXPECTED =
  'expected a URL such as smtps://user:password@smtp.example.com:465';

const MODES: Record<string, SmtpMode> = {
  'smtps:': 'tls',
  'smtp+starttls:': 'starttls',
  'smtp:': 'plain',
};

/** The endpoint for `mode`: implicit TLS or required STARTTLS; a login only with a user name. */
export function smtpEndpoint(
  host: string,
  port: number,
  mode: SmtpMode,
  user: string,
  pass: string,
): SmtpEndpoint {
  return {
    host,
    port,
    secure: mode === 'tls',
    requireTls: mode === 'starttls',
    auth: user !== '' ? { user, pass } : undefined,
  };
}

/**
 * Parses an `smtp-url`: `smtp://`, `smtps://` or `smtp+starttls://`, a host, an optional
 * percent-encoded user:password and port (465 for smtps, else 587). When it is malformed,
 * returns the problem in words instead, never quoting the value.
 */
export function parseSmtpUrl(url: string): SmtpEndpoint | string {
  if (!URL.canParse(url)) return SMTP_URL_EXPECTED;
  const parsed = new URL(url);
  const mode = MODES[parsed.protocol];
  if (mode === undefined)
    return `${SMTP_URL_EXPECTED} (scheme smtp://, smtps:// or smtp+starttls://)`;
  if (parsed.hostname === '') return `${SMTP_URL_EXPECTED}: it names no host`;
  let user: string;
  let pass: string;
  try {
    user = decodeURIComponent(parsed.username);
    pass = decodeURIComponent(parsed.password);
  } catch {
    return `${SMTP_URL_EXPECTED}: the user name or password is not percent-encoded correctly`;
  }
  const port = Number(parsed.port || (mode === 'tls' ? 465 : 587));
  return smtpEndpoint(parsed.hostname.replace(/^\[|\]$/g, ''), port, mode, user, pass);
}
