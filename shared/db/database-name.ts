import { ConfigurationError } from '../errors.js';

/** The database used when neither the `database` input nor the connection string names one. */
export const DEFAULT_DATABASE = 'phx_property';

/** The database every action opens, and where the name came from. */
export interface ResolvedDatabase {
  name: string;
  /** `input`: the `database` input; `uri`: the connection string's path; `default`: neither. */
  source: 'input' | 'uri' | 'default';
}

// MongoDB refuses these in database names on every platform; the limit is 64 bytes with the NUL.
const FORBIDDEN = ['/', '\\', '.', ' ', '"', '$', '\0'];

/** Why `name` cannot be a MongoDB database name, or undefined when it can. */
export function databaseNameProblem(name: string): string | undefined {
  if (name === '') return 'expected a database name, got an empty one';
  const found = FORBIDDEN.filter((char) => name.includes(char));
  if (found.length > 0) {
    const shown = found.map((char) => (char === '\0' ? 'NUL' : `'${char}'`)).join(', ');
    return `expected a MongoDB database name without / \\ . " $, spaces or NUL, got '${name.replace(/\0/g, '\\0')}' (has ${shown})`;
  }
  if (Buffer.byteLength(name, 'utf8') >= 64)
    return `expected a MongoDB database name under 64 bytes, got ${Buffer.byteLength(name, 'utf8')} bytes`;
  return undefined;
}

// The split the driver makes (mongodb-connection-string-url): scheme, user info, hosts, then the
// rest, whose path up to `?` or `#` is the database. `URL` alone rejects several hosts.
const CONNECTION_STRING = /^mongodb(?:\+srv)?:\/\/(?:[^:@]*(?::[^@]*)?@)?(?!:)[^/?@]*(?<rest>.*)$/s;

/**
 * The database a connection string names in its path (`mongodb://h1,h2/name?options`,
 * `mongodb+srv://user:pw@cluster/name`), URL-decoded; undefined when it names none (no path, `/`,
 * or `/?options`).
 */
export function uriDatabase(uri: string): string | undefined {
  const rest = CONNECTION_STRING.exec(uri.trim())?.groups?.rest ?? '';
  const path = rest.startsWith('/') ? rest.slice(1).split(/[?#]/)[0] : undefined;
  if (path === undefined || path === '') return undefined;
  try {
    return decodeURIComponent(path);
  } catch {
    throw new ConfigurationError(
      "input 'mongodb-uri': the database name in the connection string is not valid URL encoding",
    );
  }
}

/**
 * The one rule for which database an action opens: the `database` input when set, else the
 * database the connection string names, else `phx_property`. A bad name is a ConfigurationError
 * naming the input it came from.
 */
export function resolveDatabase(uri: string, database = ''): ResolvedDatabase {
  const explicit = database.trim();
  const fromUri = explicit === '' ? uriDatabase(uri) : undefined;
  const resolved: ResolvedDatabase =
    explicit !== ''
      ? { name: explicit, source: 'input' }
      : fromUri !== undefined
        ? { name: fromUri, source: 'uri' }
        : { name: DEFAULT_DATABASE, source: 'default' };
  const problem = databaseNameProblem(resolved.name);
  if (problem !== undefined) {
    const where =
      resolved.source === 'uri' ? "'mongodb-uri' (the database it names)" : "'database'";
    throw new ConfigurationError(`input ${where}: ${problem}`);
  }
  return resolved;
}

/** `'phx_property' (the default: neither input 'database' nor the connection string names one)`. */
export function describeDatabase(resolved: ResolvedDatabase): string {
  const why = {
    input: "set by input 'database'",
    uri: 'named by the connection string',
    default: "the default: neither input 'database' nor the connection string names one",
  }[resolved.source];
  return `'${resolved.name}' (${why})`;
}
