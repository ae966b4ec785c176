import { MongoClient } from 'mongodb';
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
 * Connects and runs `ping`, waiting at most `timeoutMs` for a server: the database every stage
 * writes to must answer, so any failure is an error naming the secret.
 */
export async function checkDatabase(uri: string, timeoutMs: number): Promise<CheckOutcome> {
  const client = new MongoClient(uri, {
    serverSelectionTimeoutMS: timeoutMs,
    connectTimeoutMS: timeoutMs,
    appName: 'phx-property-pipeline-preflight',
  });
  const started = performance.now();
  try {
    await client.connect();
    await client.db('admin').command({ ping: 1 });
    return pass(`ping answered in ${Math.round(performance.now() - started)} ms`);
  } catch (error) {
    return fail(
      `${secretLabel('mongodb-uri')}: cannot reach the database: ${reason(error as MongoFailure, timeoutMs)}`,
    );
  } finally {
    await client.close().catch(() => undefined);
  }
}
