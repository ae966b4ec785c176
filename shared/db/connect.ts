import { MongoClient, type Db } from 'mongodb';
import { RetryableError, errorMessage } from '../errors.js';
import { redactUrl, scrubSecrets } from '../http/redact.js';

/** An open connection to the pipeline's database. */
export interface DatabaseConnection {
  client: MongoClient;
  db: Db;
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
}

/**
 * Connects to `uri`, opens database `name` and pings it, so that an unreachable or refusing
 * server fails here, before anything is read or written. The error names the server with its
 * credentials hidden and is retryable (the server may come back).
 */
export async function connectDatabase(
  uri: string,
  name: string,
  options: ConnectOptions = {},
): Promise<DatabaseConnection> {
  const timeout = options.serverSelectionTimeoutMs ?? 10_000;
  // Timeouts named in the connection string win over the defaults here.
  const client = new MongoClient(uri, {
    ...(/[?&]serverSelectionTimeoutMS=/i.test(uri) ? {} : { serverSelectionTimeoutMS: timeout }),
    ...(/[?&]connectTimeoutMS=/i.test(uri) ? {} : { connectTimeoutMS: timeout }),
    appName: 'phx-property-pipeline',
    monitorCommands: options.monitorCommands ?? false,
  });
  try {
    await client.connect();
    const db = client.db(name);
    await db.command({ ping: 1 });
    return { client, db, close: () => client.close() };
  } catch (error) {
    await client.close().catch(() => undefined);
    const password = safePassword(uri);
    const reason = scrubSecrets(errorMessage(error), password ? [password, uri] : [uri]);
    throw new RetryableError(`cannot reach MongoDB at ${redactMongoUri(uri)}: ${reason}`, {
      cause: error,
    });
  }
}

/** The connection string with its user and password hidden, safe to log (also for several hosts). */
export function redactMongoUri(uri: string): string {
  return redactUrl(uri.replace(/\/\/[^@/]*@/, '//***@'));
}

function safePassword(uri: string): string | undefined {
  try {
    return decodeURIComponent(new URL(uri).password) || undefined;
  } catch {
    return undefined;
  }
}
