import { ConfigurationError } from '../../../shared/errors.js';
import type { SendReportInputs } from './inputs.js';

/** Where and how to deliver: what nodemailer's SMTP transport needs. */
export interface SmtpSettings {
  host: string;
  port: number;
  /** Implicit TLS from the first byte (smtps://, port 465). */
  secure: boolean;
  /** Refuse to send unless the server upgrades with STARTTLS (smtp+starttls://, port 587). */
  requireTls: boolean;
  auth: { user: string; pass: string } | undefined;
  /** `host:port` and the mode, safe to log: never the credentials. */
  display: string;
}

function settings(
  host: string,
  port: number,
  mode: 'tls' | 'starttls' | 'plain',
  user: string,
  pass: string,
): SmtpSettings {
  return {
    host,
    port,
    secure: mode === 'tls',
    requireTls: mode === 'starttls',
    auth: user !== '' ? { user, pass } : undefined,
    display: `${host}:${port} (${mode === 'plain' ? 'STARTTLS when offered' : mode.toUpperCase()})`,
  };
}

function fromUrl(url: string): SmtpSettings {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigurationError(
      "input 'smtp-url': expected a URL such as smtps://user:pass@host:465",
    );
  }
  if (parsed.hostname === '')
    throw new ConfigurationError("input 'smtp-url': the URL names no host");
  const mode =
    parsed.protocol === 'smtps:'
      ? 'tls'
      : parsed.protocol === 'smtp+starttls:'
        ? 'starttls'
        : 'plain';
  const port = Number(parsed.port || (mode === 'tls' ? 465 : 587));
  const user = decodeURIComponent(parsed.username);
  const pass = decodeURIComponent(parsed.password);
  return settings(parsed.hostname.replace(/^\[|\]$/g, ''), port, mode, user, pass);
}

/**
 * The SMTP settings from `smtp-url`, else from `smtp-host` and its companions; undefined when
 * neither is set (the message is then written to files). Port 465 means implicit TLS and 587
 * requires STARTTLS, as the operations guide configures them.
 */
export function smtpSettings(inputs: SendReportInputs): SmtpSettings | undefined {
  if (inputs.smtpUrl !== '') return fromUrl(inputs.smtpUrl);
  if (inputs.smtpHost === '') return undefined;
  const port = inputs.smtpPort;
  const mode = port === 465 ? 'tls' : port === 587 ? 'starttls' : 'plain';
  if (inputs.smtpPassword !== '' && inputs.smtpUsername === '')
    throw new ConfigurationError("input 'smtp-username' is required when smtp-password is set");
  return settings(inputs.smtpHost, port, mode, inputs.smtpUsername, inputs.smtpPassword);
}

/** The secrets of the settings, for scrubbing error messages. */
export function smtpSecrets(inputs: SendReportInputs, smtp: SmtpSettings | undefined): string[] {
  return [inputs.smtpUrl, inputs.smtpPassword, smtp?.auth?.pass ?? ''].filter((s) => s !== '');
}
