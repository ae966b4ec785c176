/**
 * How an SMTP connection is secured: implicit TLS, required STARTTLS, or (only when the operator
 * opts out with `smtp+insecure://`) STARTTLS when offered and the login in clear text otherwise.
 */
export type SmtpMode = 'tls' | 'starttls' | 'plain';

/** Where and how to connect: what nodemailer's SMTP transport needs. */
export interface SmtpEndpoint {
  host: string;
  port: number;
  /** Implicit TLS from the first byte (smtps://, port 465). */
  secure: boolean;
  /** Refuse to log in or send unless the server upgrades with STARTTLS (smtp://, port 587). */
  requireTls: boolean;
  /** Login; undefined when no user name is given. */
  auth: { user: string; pass: string } | undefined;
}

/** What an `smtp-url` must look like; messages say this and never echo the value. */
export const SMTP_URL_EXPECTED =
  'expected a URL such as smtps://user:password@smtp.example.com:465';

/** The scheme that opts out of TLS: unmistakable in the secret, never a default. */
export const SMTP_INSECURE_SCHEME = 'smtp+insecure://';

const MODES: Record<string, SmtpMode> = {
  'smtps:': 'tls',
  'smtp:': 'starttls',
  'smtp+starttls:': 'starttls',
  'smtp+insecure:': 'plain',
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
 * Parses an `smtp-url`: `smtps://` (implicit TLS), `smtp://` or its alias `smtp+starttls://`
 * (STARTTLS required), or `smtp+insecure://` (the opt-out: STARTTLS when offered, else plain
 * text), a host, an optional percent-encoded user:password and port (465 for smtps, else 587).
 * When it is malformed, returns the problem in words instead, never quoting the value.
 */
export function parseSmtpUrl(url: string): SmtpEndpoint | string {
  if (!URL.canParse(url)) return SMTP_URL_EXPECTED;
  const parsed = new URL(url);
  const mode = MODES[parsed.protocol];
  if (mode === undefined)
    return `${SMTP_URL_EXPECTED} (scheme smtps://, smtp:// or, to send without TLS, ${SMTP_INSECURE_SCHEME})`;
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

/** What nodemailer's errors carry that tells a refused STARTTLS apart. */
interface SmtpTlsFailure {
  code?: string;
  command?: string;
  response?: string | false;
}

/**
 * The message for a server that does not offer STARTTLS although the URL requires it (nodemailer
 * sends STARTTLS anyway and the server refuses it), naming the server and how to opt out, or
 * undefined for any other failure. The message never holds the credentials.
 */
export function starttlsRefused(error: unknown, server: string): string | undefined {
  const { code, command, response } = (error ?? {}) as SmtpTlsFailure;
  if (code !== 'ETLS' || command !== 'STARTTLS' || typeof response !== 'string') return undefined;
  return (
    `SMTP server ${server} does not offer STARTTLS (it answered '${response.trim().slice(0, 80)}'), ` +
    'and smtp:// requires it so that the login never goes over the network in clear text; ' +
    'use smtps:// if the server speaks implicit TLS (port 465), or, only on a network you trust, ' +
    `opt out with ${SMTP_INSECURE_SCHEME}user:password@host:port`
  );
}
