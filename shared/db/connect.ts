import { MongoClient, type Db } from 'mongodb';
import { RetryableError, errorMessage } from '../errors.js';
import { redactUrl, scrubSecrets } from '../http/redact.js';
import { secretForms } from '../secret-forms.js';
import { resolveDatabase, type ResolvedDatabase } from './database-name.js';

/** An open connection to the pipeline's database. */
export interface DatabaseConnection {
  client: MongoClient;
  db: Db;
  /** Which database `db` is and why (input, connection string or default). */
  database: ResolvedDatabase;
  close(): Promise<void>;
}

/** Options for `connectDatabase`. */
export interface ConnectOptions {
  /**
   * How long to look for a reachable server before giving up; default 10 s, unless the connection
   * string sets `serverSelectionTimeoutMS`.
   */
  serverSelectionTimeoutMs?: number;
  /** Emit `commandStarted` events on the client, e.g. to meter database requests. */
  monitorCommands?: boolean;
  /**
   * How long one operation may wait in silence for the server's answer before it fails (the
   * driver's `socketTimeoutMS`); default 5 minutes, unless the connection string sets it. A
   * server that stops answering mid-run fails the step instead of hanging it to its timeout.
   */
  operationTimeoutMs?: number;
}

/**
 * Connects to `uri`, opens the database `resolveDatabase` picks from the `database` input value
 * (empty: the connection string's, else `phx_property`) and pings it, so that an unreachable or
 * refusing server fails here, before anything is read or written. A bad name is a
 * ConfigurationError; an unreachable server a retryable error naming it with credentials hidden.
 */
export async function connectDatabase(
  uri: string,
  database: string,
  options: ConnectOptions = {},
): Promise<DatabaseConnection> {
  const resolved = resolveDatabase(uri, database);
  const timeout = options.serverSelectionTimeoutMs ?? 10_000;
  let client: MongoClient | undefined;
  try {
    // Timeouts named in the connection string win over the defaults here. The driver parses the
    // string here and its errors quote parts of it (`Username contains unescaped characters
    // <user>`), so this is inside the try too.
    client = new MongoClient(uri, {
      ...(/[?&]serverSelectionTimeoutMS=/i.test(uri) ? {} : { serverSelectionTimeoutMS: timeout }),
      ...(/[?&]connectTimeoutMS=/i.test(uri) ? {} : { connectTimeoutMS: timeout }),
      ...(/[?&]socketTimeoutMS=/i.test(uri)
        ? {}
        : { socketTimeoutMS: options.operationTimeoutMs ?? 300_000 }),
      appName: 'phx-property-pipeline',
      monitorCommands: options.monitorCommands ?? false,
    });
    await client.connect();
    const db = client.db(resolved.name);
    await db.command({ ping: 1 });
    const connected = client;
    return { client, db, database: resolved, close: () => connected.close() };
  } catch (error) {
    await client?.close().catch(() => undefined);
    // Driver errors may quote the URI, its user name or password, encoded or not.
    const reason = scrubSecrets(errorMessage(error), secretForms(uri));
    throw new RetryableError(`cannot reach MongoDB at ${redactMongoUri(uri)}: ${reason}`, {
      cause: error,
    });
  }
}

/** The connection string with its user and password hidden, safe to log (also for several hosts). */
export function redactMongoUri(uri: string): string {
  return redactUrl(uri.replace(/\/\/[^@/]*@/, '//***@'));
}
