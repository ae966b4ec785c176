import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection, createServer, type AddressInfo, type Socket } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

/** A message the test SMTP server accepted, as it arrived. */
export interface ReceivedMessage {
  from: string;
  to: string[];
  user: string | undefined;
  /** Whether the session ran over TLS (implicit or after STARTTLS). */
  secure: boolean;
  raw: Buffer;
}

/** A real SMTP server on loopback (smtp-server), with scripted refusals. */
export interface TestSmtpServer {
  port: number;
  messages: ReceivedMessage[];
  /** MAIL FROM commands seen, refused or not. */
  tries: number;
  close(): Promise<void>;
}

/** Options: credentials it accepts, TLS material, and how many MAIL FROM to refuse with 451. */
export interface SmtpServerSetup {
  users?: Record<string, string>;
  tls?: { key: Buffer; cert: Buffer; secure?: boolean };
  refuseFirst?: number;
}

/** Starts the server on 127.0.0.1 with a free port. */
export async function startSmtpServer(setup: SmtpServerSetup = {}): Promise<TestSmtpServer> {
  const messages: ReceivedMessage[] = [];
  const state = { tries: 0 };
  const options: SMTPServerOptions = {
    ...(setup.tls
      ? { key: setup.tls.key, cert: setup.tls.cert, secure: setup.tls.secure ?? false }
      : { disabledCommands: ['STARTTLS'] }),
    authOptional: setup.users === undefined,
    allowInsecureAuth: setup.tls === undefined,
    logger: false,
    onAuth(auth, _session, callback) {
      if (setup.users?.[auth.username ?? ''] === auth.password)
        callback(null, { user: auth.username });
      else
        callback(
          Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }),
        );
    },
    onMailFrom(_address, _session, callback) {
      state.tries += 1;
      if (state.tries <= (setup.refuseFirst ?? 0))
        callback(Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 }));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          user: session.user as string | undefined,
          secure: session.secure,
          raw: Buffer.concat(chunks),
        });
        callback();
      });
    },
  };
  const server = new SMTPServer(options);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    messages,
    get tries() {
      return state.tries;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A self-signed certificate for 127.0.0.1, made with openssl for this test run only. */
export async function testCertificate(): Promise<{ key: Buffer; cert: Buffer }> {
  const dir = await mkdtemp(join(tmpdir(), 'smtp-cert-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ],
    { stdio: 'ignore' },
  );
  return { key: await readFile(join(dir, 'key.pem')), cert: await readFile(join(dir, 'cert.pem')) };
}

/** What the front does with one connection: reset it, hold it silent (a timeout), or forward it. */
export type FrontAction = 'reset' | 'silent' | 'forward';

/**
 * A TCP front for `targetPort` that treats its connections as `plan` says, in order, and
 * forwards every connection after the plan runs out. Silent sockets are closed by `close()`.
 */
export async function startFlakyFront(
  targetPort: number,
  plan: readonly FrontAction[],
): Promise<{ port: number; accepted: () => number; close(): Promise<void> }> {
  let accepted = 0;
  const held = new Set<Socket>();
  const server = createServer((client) => {
    const action = plan[accepted] ?? 'forward';
    accepted += 1;
    client.on('error', () => client.destroy());
    if (action === 'reset') return void client.resetAndDestroy();
    if (action === 'silent') return void held.add(client);
    const upstream = createConnection(targetPort, '127.0.0.1');
    client.pipe(upstream).pipe(client);
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    accepted: () => accepted,
    close: () => {
      for (const socket of held) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
