/**
 * Every form in which a secret can be printed, so that each is masked (`core.setSecret`) and
 * scrubbed from messages, not only the value as the workflow passed it.
 *
 * A secret value is read by its shape, line by line:
 * - a `mongodb://`, `mongodb+srv://`, `smtp://`, `smtps://` or `smtp+...://` line is one URL,
 *   even with commas (MongoDB's host lists);
 * - any other line is a list of entries separated by white space or commas (the `proxies`
 *   secret): each `scheme://user:pass@host` entry is a URL, `webshare:<key>` gives its key, and
 *   anything else (a token) is taken whole.
 *
 * A URL with credentials gives: the URL as written and as parsed, the user info, the password as
 * written, percent-decoded and re-encoded, `user:password` in base64 (an HTTP Basic header), and
 * the user name, raw and decoded. The user name is a secret part of a MongoDB URI (a database
 * account that driver errors may quote) and of a proxy (an account id at the proxy provider);
 * it is NOT masked for SMTP, where the login is the sender's mailbox that the report shows as its
 * From address. A token gives itself and its base64 and URL-encoded forms.
 * Forms shorter than `MIN_SECRET_LENGTH` are left out: masking `ab` would garble every log line.
 */

/** Shorter forms are not masked (nor scrubbed): they would match ordinary text. */
export const MIN_SECRET_LENGTH = 4;

const SINGLE_URL = /^(?:mongodb(?:\+srv)?|smtps?|smtp\+[a-z]+):\/\//i;
const SMTP_SCHEME = /^smtps?(?:\+[a-z]+)?:$/i;

function decoded(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

/** A form as it appears inside a JSON string (quotes and backslashes escaped). */
const jsonEscaped = (text: string): string => JSON.stringify(text).slice(1, -1);

/** The forms of a login: each part raw, decoded, re-encoded, JSON-escaped, and Basic auth. */
function loginForms(user: string, password: string, userIsSecret: boolean): string[] {
  const plainUser = decoded(user);
  const plainPassword = decoded(password);
  const forms = [password, plainPassword, encodeURIComponent(plainPassword)];
  forms.push(jsonEscaped(plainPassword), `${user}:${password}`);
  if (userIsSecret) forms.push(user, plainUser, encodeURIComponent(plainUser));
  if (password !== '') {
    forms.push(base64(`${plainUser}:${plainPassword}`), base64(`${user}:${password}`));
    forms.push(`${plainUser}:${plainPassword}`);
  }
  return forms;
}

/** The forms of one URL with credentials (nothing beyond the URL itself when it has none). */
function urlForms(entry: string): string[] {
  const forms = [entry];
  // Driver host lists (`h1,h2`) are no valid URL: the user info is read by hand.
  const match = /^([a-z][\w+.-]*:)\/\/(?:([^@/]*)@)?/i.exec(entry);
  if (!match) return forms;
  if (URL.canParse(entry)) forms.push(new URL(entry).href);
  const [, scheme = '', userInfo] = match;
  if (userInfo === undefined || userInfo === '') return forms;
  const colon = userInfo.indexOf(':');
  const user = colon < 0 ? userInfo : userInfo.slice(0, colon);
  const password = colon < 0 ? '' : userInfo.slice(colon + 1);
  forms.push(userInfo, ...loginForms(user, password, !SMTP_SCHEME.test(scheme)));
  return forms;
}

/** The forms of a token (or any value without a shape of its own). */
function tokenForms(token: string): string[] {
  return [token, base64(token), encodeURIComponent(token), jsonEscaped(token)];
}

function entryForms(entry: string): string[] {
  if (entry.startsWith('webshare:')) return [entry, ...tokenForms(entry.slice('webshare:'.length))];
  if (/^[a-z][\w+.-]*:\/\//i.test(entry)) return urlForms(entry);
  return tokenForms(entry);
}

/**
 * Every printable form of `value` (see the file comment), longest first so that a form holding
 * another is replaced whole; empty for an empty value.
 */
export function secretForms(value: string): string[] {
  const forms = new Set<string>();
  const trimmed = value.trim();
  if (trimmed === '') return [];
  forms.add(trimmed);
  for (const line of trimmed.split(/\r?\n/).map((part) => part.trim())) {
    if (line === '') continue;
    forms.add(line);
    const entries = SINGLE_URL.test(line) ? [line] : line.split(/[\s,]+/);
    for (const entry of entries.filter((part) => part !== ''))
      for (const form of entryForms(entry)) forms.add(form);
  }
  return [...forms]
    .filter((form) => form.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length);
}

/** The forms of a proxy login fetched at run time (a WebShare proxy's user name and password). */
export function proxyLoginForms(user: string, password: string): string[] {
  return [...new Set(loginForms(user, password, true))]
    .filter((form) => form.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length);
}
