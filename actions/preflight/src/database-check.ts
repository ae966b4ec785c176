import { connectDatabase } from '../../../shared/db/connect.js';
import { describeDatabase } from '../../../shared/db/database-name.js';
import { ConfigurationError, RetryableError } from '../../../shared/errors.js';
import { fail, pass, type CheckOutcome } from './check.js';
import { secretLabel } from './secrets.js';

interface MongoFailure {
  name?: string;
  code?: number;
  codeName?: string;
  message?: string;
}

/** Why the driver failed, in words that hold no host, user or password. */
function reason(error: MongoFailure, timeoutMs: number): string {
  const text = error.message ?? '';
  if (error.code === 18 || error.codeName === 'AuthenticationFailed' || /auth/i.test(text))
    return 'the server refused the user name or password';
  if (/ENOTFOUND|querySrv|getaddrinfo/i.test(text)) return 'the host name does not resolve';
  if (/ECONNREFUSED/.test(text)) return 'the server refused the connection';
  if (error.name === 'MongoServerSelectionError')
    return `no server could be selected within ${timeoutMs / 1000} s`;
  return `${error.name ?? 'error'}${error.codeName ? ` ${error.codeName}` : ''}`;
}

/**
 * Connects and pings the database the stages will use (resolved from `database` and the
 * connection string as every action resolves it), waiting at most `timeoutMs` for a server; any
 * failure is an error naming the input. The pass message says which database that is.
 */
export async function checkDatabase(
  uri: string,
  database: string,
  timeoutMs: number,
): Promise<CheckOutcome> {
  const started = performance.now();
  try {
    const connection = await connectDatabase(uri, database, {
      serverSelectionTimeoutMs: timeoutMs,
    });
    await connection.close().catch(() => undefined);
    const elapsed = Math.round(performance.now() - started);
    return pass(
      `ping answered in ${elapsed} ms; database ${describeDatabase(connection.database)}`,
    );
  } catch (error) {
    if (error instanceof ConfigurationError) return fail(error.message);
    const cause = (error instanceof RetryableError ? error.cause : error) as MongoFailure;
    return fail(
      `${secretLabel('mongodb-uri')}: cannot reach the database: ${reason(cause, timeoutMs)}`,
    );
  }
}
