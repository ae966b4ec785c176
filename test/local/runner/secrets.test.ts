import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionMongo, type ProvisionedMongo } from '../../../local/mongo/provision-mongo.js';
import { startCountySandbox, type CountySandbox } from '../../../local/sandbox/county/server.js';
import { startGitHubEmulator, type GitHubEmulator } from '../../../local/sandbox/github/server.js';
import { startProxy, type SandboxProxy } from '../../../local/sandbox/proxy/server.js';
import { memoryLogger } from '../../../shared/logger.js';
import { startSmtpServer, type TestSmtpServer } from '../../actions/send-report/smtp-harness.js';
import { runNight, type Night } from './nights.js';
import { emailPlaces, filesUnder, leaks, type Place } from './secret-scan.js';

// Two nights of data-collection.yml through the local runner with a secret of every kind planted,
// then every log, summary, artifact, issue and email is searched for every form of each secret.
const OWNER = 'phx';
const REPO = 'secrets';
const DB_USER = 'phx-db-user-7731';
const DB_PASSWORD = 'p@ss:w/rd-9Q%x'; // written percent-encoded in the URI
/** A mistyped user name: its `[` is not percent-encoded, and the driver's error quotes it. */
const WRONG_DB_USER = 'phx-db-user-7731[ops]';
const SMTP_USER = 'reports-mailbox';
const SMTP_PASSWORD = 'smtp-Pa55:w0rd/%7';
const PROXY_LOGINS = [
  { username: 'proxyuser-one-4821', password: 'pr0xy+pass/one' },
  { username: 'proxyuser-two-4822', password: 'pr0xy@pass%two' },
];
const WEBSHARE_KEY = 'ws-api-key-5d1e9c0a7b';
const WEBSHARE_LOGIN = { username: 'wsuser-8842', password: 'ws-pass-Z9x:q/4' };

const base64 = (text: string) => Buffer.from(text).toString('base64');
const enc = encodeURIComponent;

/** Each form a login can be printed in: raw, percent-encoded, user:pass, Basic auth. */
function loginForms(name: string, user: string, pass: string): Record<string, string> {
  return {
    [`${name} user`]: user,
    [`${name} password`]: pass,
    [`${name} password, encoded`]: enc(pass),
    [`${name} user:password`]: `${user}:${pass}`,
    [`${name} Basic auth`]: base64(`${user}:${pass}`),
  };
}

describe('secrets: no form of any secret anywhere a pipeline run leaves text', () => {
  let mongo: ProvisionedMongo;
  let github: GitHubEmulator;
  let smtp: TestSmtpServer;
  let county: CountySandbox;
  let proxies: SandboxProxy[] = [];
  let webShare: Server;
  let root = '';
  let out = '';
  const nights: Night[] = [];
  const forms: Record<string, string> = {};

  async function night(name: string, mongodbUri: string, proxyList: string): Promise<Night> {
    // Beside the run folders, not in them: the env file is the one place the secrets belong.
    const envFile = join(root, `${name}.env`);
    await writeFile(
      envFile,
      [
        `MONGODB_URI=${mongodbUri}`,
        `GITHUB_API_URL=${github.url}`,
        `GITHUB_TOKEN=${github.token}`,
        `GITHUB_REPOSITORY=${OWNER}/${REPO}`,
        `SMTP_URL=smtp+insecure://${SMTP_USER}:${enc(SMTP_PASSWORD)}@127.0.0.1:${smtp.port}`,
        'REPORT_FROM=pipeline@example.com',
        'REPORT_TO=ops@example.com',
        'INCIDENT_THRESHOLD=1',
        `COUNTY_API_URL=${county.url}`,
        `COUNTY_API_TOKEN=${county.token}`,
        `PROXIES=${proxyList}`,
        // A session per proxy: a session keeps its proxy for the whole ZIP, so that every
        // proxy's credentials are used.
        'LISTING_CONCURRENCY=3',
        `WEBSHARE_API_URL=http://127.0.0.1:${(webShare.address() as AddressInfo).port}`,
      ].join('\n'),
    );
    const args = ['--parcels-per-zip', '8', '--input', 'zip-codes=85031', '--input', 'mode=full'];
    const result = await runNight({ out, envFile, args, timeoutMs: 240_000 });
    nights.push(result);
    return result;
  }

  beforeAll(async () => {
    mongo = await provisionMongo({
      logger: memoryLogger(),
      env: { ...process.env, MONGODB_URI: '' },
    });
    github = await startGitHubEmulator();
    smtp = await startSmtpServer({ users: { [SMTP_USER]: SMTP_PASSWORD } });
    county = await startCountySandbox({ seed: 'secrets', parcelsPerZip: 8 });
    proxies = await Promise.all(
      [...PROXY_LOGINS, WEBSHARE_LOGIN].map((login, i) =>
        startProxy({ ...login, clientAddress: `10.20.0.${i + 1}` }),
      ),
    );
    const shared = proxies[2]!;
    // WebShare's proxy list API: the account's proxies with their passwords, for this key only.
    webShare = createServer((request, response) => {
      if (request.headers.authorization !== `Token ${WEBSHARE_KEY}`) {
        response.writeHead(401).end('{"detail":"Invalid token."}');
        return;
      }
      const port = Number(new URL(shared.server).port);
      const proxy = { proxy_address: '127.0.0.1', port, ...WEBSHARE_LOGIN, valid: true };
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ next: null, results: [proxy] }));
    });
    await new Promise<void>((resolve) => webShare.listen(0, '127.0.0.1', resolve));
    root = await mkdtemp(join(tmpdir(), 'phx-secrets-'));
    out = join(root, 'out');
    await mkdir(out);

    const database = new URL(mongo.uri);
    database.username = enc(DB_USER);
    database.password = enc(DB_PASSWORD);
    // FerretDB on SQLite takes any PLAIN login: the credentials travel as they would to Atlas.
    database.searchParams.set('authMechanism', 'PLAIN');
    const uri = database.toString();
    const proxyEntries = PROXY_LOGINS.map(
      (login, i) =>
        `http://${login.username}:${enc(login.password)}@127.0.0.1:${new URL(proxies[i]!.server).port}`,
    );
    const proxyList = [...proxyEntries, `webshare:${WEBSHARE_KEY}`].join(',');
    // 1. A night that works, through two listed proxies and one from the WebShare API.
    await night('working', uri, proxyList);
    // 2. The database user is mistyped (an unescaped `[`): every step that connects fails, and
    // the driver's error quotes the user name.
    const wrongUser = uri.replace(`//${enc(DB_USER)}:`, `//${WRONG_DB_USER}:`);
    await night('wrong-user', wrongUser, proxyList);

    Object.assign(forms, {
      'MongoDB URI': uri,
      'MongoDB URI, wrong user': wrongUser,
      'MongoDB wrong user': WRONG_DB_USER,
      'MongoDB password, as written in the URI': database.password,
      'MongoDB password, as ::add-mask:: escapes it': DB_PASSWORD.replaceAll('%', '%25'),
      ...loginForms('MongoDB', DB_USER, DB_PASSWORD),
      'SMTP URL login@host': `${SMTP_USER}:${enc(SMTP_PASSWORD)}@127.0.0.1`,
      'SMTP password': SMTP_PASSWORD,
      'SMTP password, encoded': enc(SMTP_PASSWORD),
      'SMTP Basic auth': base64(`${SMTP_USER}:${SMTP_PASSWORD}`),
      'proxy list': proxyList,
      ...Object.fromEntries(proxyEntries.map((entry, i) => [`proxy entry ${i + 1}`, entry])),
      ...loginForms('proxy 1', PROXY_LOGINS[0]!.username, PROXY_LOGINS[0]!.password),
      ...loginForms('proxy 2', PROXY_LOGINS[1]!.username, PROXY_LOGINS[1]!.password),
      'WebShare entry': `webshare:${WEBSHARE_KEY}`,
      'WebShare API key': WEBSHARE_KEY,
      ...loginForms('WebShare proxy', WEBSHARE_LOGIN.username, WEBSHARE_LOGIN.password),
      'county token': county.token,
      'county token, base64': base64(county.token),
      'GitHub token': github.token,
      'GitHub token, base64': base64(github.token),
      'GitHub token, git Basic auth': base64(`x-access-token:${github.token}`),
    });
  }, 600_000);

  afterAll(async () => {
    await Promise.all(proxies.map((proxy) => proxy.close()));
    await new Promise((resolve) => webShare?.close(resolve));
    await county?.close();
    await smtp?.close();
    await github?.close();
    await mongo?.stop();
  });

  it('ran both nights: scraped through every proxy, failed on the database, mailed, filed an incident', () => {
    const [working, down] = nights;
    expect(working?.code, working?.stdout).toBe(0);
    for (const proxy of proxies) expect(proxy.stats.forwarded).toBeGreaterThan(0);
    expect(down?.result.jobs.plan?.result).toBe('failure');
    expect(smtp.messages).toHaveLength(2);
    // The mistyped user is a database incident, and the report says why the database was not read.
    const titles = github.state.issues(OWNER, REPO).map((issue) => issue.title);
    expect(titles).toContainEqual(expect.stringMatching(/^Incident: database: /));
  });

  it('leaves no form of any secret in logs, summaries, artifacts, issues, comments or emails', async () => {
    const places: Place[] = [...(await filesUnder(out))];
    places.push(...nights.map((n, i) => ({ where: `night ${i + 1} console`, text: n.stdout })));
    for (const issue of github.state.issues(OWNER, REPO)) {
      places.push({ where: `issue #${issue.number}`, text: `${issue.title}\n${issue.body ?? ''}` });
      for (const comment of github.state.comments(OWNER, REPO, issue.number))
        places.push({ where: `comment on #${issue.number}`, text: comment.body });
    }
    for (const [i, message] of smtp.messages.entries())
      places.push(...(await emailPlaces(`email ${i + 1}`, message.raw)));
    expect(leaks(places, forms)).toEqual([]);
    // The search reached what the driver said: in the report step's log and in the email.
    for (const kind of ['.log', 'email 2'])
      expect(
        places.some(
          (p) =>
            p.where.includes(kind) && p.text.includes('Username contains unescaped characters'),
        ),
        kind,
      ).toBe(true);
  });
});
