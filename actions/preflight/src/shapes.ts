import { MongoClient } from 'mongodb';
import {
  parseProxyUrl,
  PROXY_ENTRY_EXPECTED,
  proxyEntries,
  webShareKey,
} from '../../../shared/proxies.js';

/**
 * Shape checks of secret values. Each returns what is wrong, in words that name what was
 * expected and never quote the value, or undefined when the shape is right.
 */

/** The driver's parse errors, reworded: some of its messages quote the user name. */
const MONGO_PARSE_HINTS: Array<[RegExp, string]> = [
  [
    /unescaped characters/i,
    'the user name or password has characters that must be percent-encoded (@ : / ? # [ ] %)',
  ],
  [/port number|multiple service names/i, 'a mongodb+srv:// string names one host and no port'],
  [/host|hostname|domain/i, 'it names no valid host'],
  [/empty userinfo/i, 'it has an empty user:password@ part'],
  [
    /^Invalid connection string$/i,
    'it is malformed (an @ : / in the user name or password must be percent-encoded)',
  ],
];

/** A MongoDB connection string: mongodb:// or mongodb+srv://, hosts present, parseable by the driver. */
export function mongoUriShape(uri: string): string | undefined {
  const match = /^mongodb(\+srv)?:\/\/(?:[^@/]*@)?([^/?]*)/.exec(uri);
  if (!match) return 'expected a connection string starting with mongodb:// or mongodb+srv://';
  if ((match[2] ?? '').split(',').some((host) => host === '' || host.startsWith(':')))
    return 'expected at least one host after mongodb:// (host[:port][,host[:port]...])';
  try {
    // Constructing a client parses the string without connecting.
    new MongoClient(uri);
    return undefined;
  } catch (error) {
    const text = error instanceof Error ? error.message : '';
    const hint = MONGO_PARSE_HINTS.find(([pattern]) => pattern.test(text))?.[1];
    return `the MongoDB driver cannot parse it: ${hint ?? 'check the options after ?'}`;
  }
}

/**
 * The county token: the Assessor hands out an opaque key that goes raw into the AUTHORIZATION
 * header, so it must be one printable word, not `Bearer ...` and not a quoted or padded value.
 */
export function countyTokenShape(token: string): string | undefined {
  if (/^bearer\s/i.test(token))
    return "expected the raw token without a 'Bearer ' prefix (the county takes it as is)";
  if (/^["']|["']$/.test(token)) return 'expected the token without quotes';
  if (!/^[\x21-\x7e]+$/.test(token))
    return 'expected one word of printable characters (no spaces, line breaks or other characters)';
  // The Assessor does not publish a token format; this only catches a truncated or pasted value.
  if (token.length < 8 || token.length > 256) return 'expected a token of 8 to 256 characters';
  return undefined;
}

/** A 2captcha API key: 32 hexadecimal characters. */
export function captchaKeyShape(key: string): string | undefined {
  return /^[0-9a-f]{32}$/i.test(key)
    ? undefined
    : 'expected a 2captcha API key of 32 hexadecimal characters';
}

/** Proxies: URL entries `http(s)://` or `socks5://` `[user:pass@]host[:port]`, or `webshare:<API key>`. */
export function proxiesShape(value: string): string | undefined {
  const entries = proxyEntries(value);
  const bad = entries.flatMap((entry, index) => {
    const key = webShareKey(entry);
    const ok = key === undefined ? parseProxyUrl(entry) !== undefined : /^[\w-]{8,}$/.test(key);
    return ok ? [] : [index + 1];
  });
  if (bad.length === 0) return undefined;
  return `entr${bad.length === 1 ? 'y' : 'ies'} ${bad.join(', ')} of ${entries.length}: ${PROXY_ENTRY_EXPECTED}`;
}

/** Report recipients: addresses separated by commas, spaces or newlines. Not a secret, so named. */
export function reportToProblems(value: string): string[] {
  const addresses = value.split(/[\s,;]+/).filter((address) => address !== '');
  return addresses
    .filter((address) => !/^[^\s@<>()"]+@[^\s@<>()"]+\.[a-z]{2,}$/i.test(address))
    .map((address) => `'${address}' is not an email address such as ops@example.com`);
}
