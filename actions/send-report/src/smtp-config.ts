import { ConfigurationError } from '../../../shared/errors.js';
import { parseSmtpUrl, smtpEndpoint, type SmtpEndpoint } from '../../../shared/smtp-url.js';
import type { SendReportInputs } from './inputs.js';

/** Where and how to deliver, with a name for logs. */
export interface SmtpSettings extends SmtpEndpoint {
  /** `host:port` and the mode, safe to log: never the credentials. */
  display: string;
}

/** The endpoint with its display name: `host:port (TLS)`, `(STARTTLS)` or `(TLS not required)`. */
function withDisplay(endpoint: SmtpEndpoint): SmtpSettings {
  const mode = endpoint.secure ? 'TLS' : endpoint.requireTls ? 'STARTTLS' : 'TLS not required';
  return { ...endpoint, display: `${endpoint.host}:${endpoint.port} (${mode})` };
}

function fromUrl(url: string): SmtpSettings {
  const endpoint = parseSmtpUrl(url);
  if (typeof endpoint === 'string') throw new ConfigurationError(`input 'smtp-url': ${endpoint}`);
  return withDisplay(endpoint);
}

/**
 * The SMTP settings from `smtp-url`, else from `smtp-host` and its companions; undefined when
 * neither is set (the message is then written to files). Port 465 means implicit TLS and any
 * other port requires STARTTLS; only `smtp-url` with `smtp+insecure://` can opt out of TLS.
 */
export function smtpSettings(inputs: SendReportInputs): SmtpSettings | undefined {
  if (inputs.smtpUrl !== '') return fromUrl(inputs.smtpUrl);
  if (inputs.smtpHost === '') return undefined;
  const port = inputs.smtpPort;
  const mode = port === 465 ? 'tls' : 'starttls';
  if (inputs.smtpPassword !== '' && inputs.smtpUsername === '')
    throw new ConfigurationError("input 'smtp-username' is required when smtp-password is set");
  const { smtpHost, smtpUsername, smtpPassword } = inputs;
  return withDisplay(smtpEndpoint(smtpHost, port, mode, smtpUsername, smtpPassword));
}

/** The secrets of the settings, for scrubbing error messages. */
export function smtpSecrets(inputs: SendReportInputs, smtp: SmtpSettings | undefined): string[] {
  return [inputs.smtpUrl, inputs.smtpPassword, smtp?.auth?.pass ?? ''].filter((s) => s !== '');
}
