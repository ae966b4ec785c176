import { secretForms } from '../../../shared/secret-forms.js';

/** The secret inputs and the repository secret each one is fed from in the workflow. */
export const SECRET_INPUTS = [
  'mongodb-uri',
  'county-api-token',
  'smtp-url',
  'captcha-api-key',
  'proxies',
] as const;

/** A secret input's kebab-case name. */
export type SecretInput = (typeof SECRET_INPUTS)[number];

const SECRET_NAMES: Record<SecretInput, string> = {
  'mongodb-uri': 'MONGODB_URI',
  'county-api-token': 'COUNTY_API_TOKEN',
  'smtp-url': 'SMTP_URL',
  'captcha-api-key': 'CAPTCHA_API_KEY',
  proxies: 'PROXIES',
};

/** How messages name a secret: the repository secret and the input, e.g. `COUNTY_API_TOKEN (input county-api-token)`. */
export function secretLabel(input: SecretInput): string {
  return `secret ${SECRET_NAMES[input]} (input ${input})`;
}

function decoded(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/**
 * Every piece of a secret value that must never appear in a message: the whole value, each line
 * and entry, and for URLs the user info, user name, password and hosts (raw and decoded).
 */
export function secretParts(value: string): string[] {
  const parts = new Set<string>();
  const add = (part: string | undefined): void => {
    if (part === undefined || part === '') return;
    parts.add(part);
    parts.add(decoded(part));
  };
  // Pieces of a list (proxies) or of a padded value; short words such as `Bearer` are no secret.
  const pieces = value.split(/[\s,]+/).filter((piece) => piece.length >= 8);
  for (const entry of [value.trim(), ...pieces]) {
    add(entry);
    add(entry.replace(/^webshare:/, ''));
    const match = /^[a-z][\w+.-]*:\/\/(?:([^@/]*)@)?([^/?#]*)/i.exec(entry);
    if (!match) continue;
    const [, userInfo, hosts] = match;
    add(userInfo);
    const [user, ...password] = (userInfo ?? '').split(':');
    add(user);
    add(password.join(':'));
    // A comma list of proxies reads as one URL here: its next entry's scheme is no host.
    for (const host of (hosts ?? '').split(',')) if (!/^[a-z][\w+.-]*:$/i.test(host)) add(host);
  }
  // Every printable form too: Basic auth, re-encoded passwords (see secretForms).
  for (const form of secretForms(value)) parts.add(form);
  // Longest first, so that a whole value is masked before its pieces.
  return [...parts].sort((a, b) => b.length - a.length);
}
