import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startCaptchaSolver, type CaptchaSolver } from '../../../local/sandbox/captcha/server.js';
import { startCountySandbox, type CountySandbox } from '../../../local/sandbox/county/server.js';
import { startListingSite, type ListingSite } from '../../../local/sandbox/listing-site/server.js';
import { startOllamaSandbox, type OllamaSandbox } from '../../../local/sandbox/ollama/server.js';
import { startSmtpServer, type TestSmtpServer } from '../send-report/smtp-harness.js';
import {
  closedPort,
  runPreflight,
  startSilentServer,
  summaryRow,
  type PreflightRun,
} from './harness.js';

const COUNTY_TOKEN = 'c0unty-T0ken-7f3a9e1b44d2c8a6';
const SMTP_PASSWORD = 'smtp-Pa55word-91ab';
const CAPTCHA_KEY = '5d41402abc4b2a76b9719d911017c592';

describe('preflight against real servers on loopback', () => {
  let county: CountySandbox;
  let smtp: TestSmtpServer;
  let ollama: OllamaSandbox;
  let captcha: CaptchaSolver;
  let site: ListingSite;
  let good: Record<string, string>;

  beforeAll(async () => {
    [county, smtp, ollama, captcha, site] = await Promise.all([
      startCountySandbox({ token: COUNTY_TOKEN, parcelsPerZip: 30 }),
      startSmtpServer({ users: { reports: SMTP_PASSWORD, 'reports@example.com': SMTP_PASSWORD } }),
      startOllamaSandbox({ models: ['llama3.2:latest'] }),
      startCaptchaSolver({ apiKey: CAPTCHA_KEY }),
      startListingSite({ parcelsPerZip: 5 }),
    ]);
    good = {
      'zip-codes': '85033,85031 85033',
      sources: 'county,mls',
      mode: 'test',
      'max-parcels': '0',
      'mongodb-uri': inject('mongodbUri'),
      'county-api-url': county.url,
      'county-api-token': COUNTY_TOKEN,
      'listing-site-url': site.url,
      proxies: 'http://proxyuser:Pr0xy-Secret-55@10.1.2.3:8080',
      'captcha-api-key': CAPTCHA_KEY,
      'captcha-service-url': captcha.url,
      'ollama-host': ollama.url,
      'ollama-model': 'llama3.2',
      'smtp-url': `smtp+insecure://reports:${SMTP_PASSWORD}@127.0.0.1:${smtp.port}`,
      'report-to': 'ops@example.com',
      'report-from': 'PHX pipeline <pipeline@example.com>',
      'timeout-seconds': '5',
    };
  });

  afterAll(async () => {
    await Promise.all([
      county?.close(),
      smtp?.close(),
      ollama?.close(),
      captcha?.close(),
      site?.close(),
    ]);
  });

  const secretsOf = (inputs: Record<string, string>): string[] => [
    inputs['county-api-token'] ?? '',
    SMTP_PASSWORD,
    'Pr0xy-Secret-55',
    CAPTCHA_KEY,
    inputs['smtp-url'] ?? '',
  ];
  const expectNoSecret = (run: PreflightRun, secrets: string[]): void => {
    for (const secret of secrets.filter((value) => value !== ''))
      expect(run.visible).not.toContain(secret);
  };

  it('plans the run and passes every check when everything answers', async () => {
    const run = await runPreflight(good);
    expect(run.failures).toEqual([]);
    expect(run.outputs).toEqual({
      zips: '["85031","85033"]',
      'county-artifacts': 'county-parcels-85031 county-parcels-85033',
      'mls-artifacts': 'mls-listings-85031 mls-listings-85033',
      county: 'true',
      mls: 'true',
      mode: 'full',
      'max-parcels': '5',
      ollama: 'reachable',
      problems: '0',
      warnings: '0',
      failures: '[]',
      healthy: 'database',
    });
    for (const name of [
      'database reachable',
      'county API reachable',
      'SMTP server reachable',
      'listing site reachable',
      'CAPTCHA balance',
      'Ollama reachable',
      'secret MONGODB_URI set and well-formed',
      'secret PROXIES set and well-formed',
    ])
      expect(summaryRow(run, name), name).toMatch(/✅ pass \| \d+ ms \|/);
    expect(summaryRow(run, 'CAPTCHA balance')).toContain('balance 3.50 USD');
    expect(summaryRow(run, 'county API reachable')).toContain('token accepted');
    // The county saw the token exactly as collect-county sends it.
    expect(
      county.requestLog.some((request) => request.endpoint === 'search' && request.authorized),
    ).toBe(true);
    expect(smtp.messages).toHaveLength(0);
    expect(run.masked).toEqual(
      expect.arrayContaining([COUNTY_TOKEN, CAPTCHA_KEY, good['smtp-url']]),
    );
    expectNoSecret(run, secretsOf(good));
  });

  it('names COUNTY_API_TOKEN when the county refuses the token, without echoing it', async () => {
    const wrong = 'wr0ng-T0ken-aaaabbbbccccdddd';
    const run = await runPreflight({ ...good, 'county-api-token': wrong });
    expect(run.failures).toHaveLength(1);
    expect(run.failures[0]).toContain(
      'secret COUNTY_API_TOKEN (input county-api-token): the county API refused the token',
    );
    expect(run.outputs.problems).toBe('1');
    // The incident job files it under the county collector, with the check's own words.
    expect(JSON.parse(run.outputs.failures ?? '')).toEqual([
      {
        check: 'county API reachable',
        component: 'collect-county',
        message: expect.stringContaining('the county API refused the token') as string,
      },
    ]);
    expect(run.outputs.healthy).toBe('database');
    // The plan still goes out: later steps can read it even though the step fails.
    expect(run.outputs.zips).toBe('["85031","85033"]');
    expectNoSecret(run, [wrong, ...secretsOf(good)]);
  });

  it('says which database the stages will use, and names the input of a bad name', async () => {
    const atlasLike = new URL(inject('mongodbUri'));
    atlasLike.pathname = '/';
    atlasLike.search = '?retryWrites=true';
    const only = { ...good, 'mongodb-uri': atlasLike.toString() };
    const byDefault = await runPreflight(only);
    expect(byDefault.failures).toEqual([]);
    expect(summaryRow(byDefault, 'database reachable')).toContain(
      "database 'phx_property' (the default: neither input 'database' nor the connection string names one)",
    );
    atlasLike.pathname = '/nightly';
    const named = await runPreflight({ ...only, 'mongodb-uri': atlasLike.toString() });
    expect(summaryRow(named, 'database reachable')).toContain(
      "database 'nightly' (named by the connection string)",
    );
    const chosen = await runPreflight({ ...only, database: 'phx_staging' });
    expect(summaryRow(chosen, 'database reachable')).toContain(
      "database 'phx_staging' (set by input 'database')",
    );
    atlasLike.pathname = '/phx.property';
    const dotted = await runPreflight({ ...only, 'mongodb-uri': atlasLike.toString() });
    expect(dotted.failures[0]).toContain(
      "input 'mongodb-uri' (the database it names): expected a MongoDB database name",
    );
    const bad = await runPreflight({ ...only, database: 'phx$' });
    expect(bad.failures[0]).toMatch(/^preflight failed: Invalid input: input 'database': .*'\$'/);
  });

  it('names SMTP_URL when the server refuses the password', async () => {
    const bad = `smtp+insecure://reports:Not-The-Pa55word@127.0.0.1:${smtp.port}`;
    const run = await runPreflight({ ...good, 'smtp-url': bad });
    expect(run.failures[0]).toContain(
      'secret SMTP_URL (input smtp-url): the SMTP server refused the user name or password',
    );
    expectNoSecret(run, [bad, 'Not-The-Pa55word']);
  });

  it('fails smtp:// to a server that offers no STARTTLS, naming the opt-out', async () => {
    // The host shows as *** here: preflight hides every part of a secret URL.
    const url = `smtp://reports:${SMTP_PASSWORD}@127.0.0.1:${smtp.port}`;
    const run = await runPreflight({ ...good, 'smtp-url': url });
    expect(run.failures).toHaveLength(1);
    expect(run.failures[0]).toMatch(
      /secret SMTP_URL \(input smtp-url\): SMTP server \S+ does not offer STARTTLS.*smtp\+insecure:\/\//,
    );
    expectNoSecret(run, [url, SMTP_PASSWORD]);
  });

  it('names REPORT_FROM with SMTP_URL unless the SMTP login is an address to send from', async () => {
    const run = await runPreflight({ ...good, 'report-from': '' });
    expect(run.failures).toHaveLength(1);
    expect(run.failures[0]).toContain(
      'variable REPORT_FROM (input report-from) is required together with SMTP_URL: the SMTP login is not an email address',
    );
    expect(run.outputs.problems).toBe('1');
    const login = `smtp+insecure://reports%40example.com:${SMTP_PASSWORD}@127.0.0.1:${smtp.port}`;
    const fromLogin = await runPreflight({ ...good, 'report-from': '', 'smtp-url': login });
    expect(fromLogin.failures).toEqual([]);
    expect(summaryRow(fromLogin, 'report sender')).toContain('sent from the SMTP login');
    const malformed = await runPreflight({ ...good, 'report-from': 'pipeline at example' });
    expect(malformed.failures[0]).toContain(
      "variable REPORT_FROM (input report-from): 'pipeline at example' is not an email address",
    );
  });

  it('reports every problem at once in one failure', async () => {
    const [mongoPort, smtpPort, ollamaPort, sitePort] = await Promise.all([
      closedPort(),
      closedPort(),
      closedPort(),
      closedPort(),
    ]);
    const inputs = {
      ...good,
      'zip-codes': '85031, 8503',
      'mongodb-uri': `mongodb://pipeline:M0ngo-Secret-77@127.0.0.1:${mongoPort}/phx`,
      'county-api-token': 'Bearer c0unty-T0ken-7f3a9e1b44d2c8a6',
      'smtp-url': `smtps://reports:${SMTP_PASSWORD}@127.0.0.1:${smtpPort}`,
      'captcha-api-key': 'ffffffffffffffffffffffffffffffff',
      proxies: 'http://proxyuser:Pr0xy-Secret-55@10.1.2.3:8080\nproxyuser:Pr0xy-Secret-55@10.1.2.4',
      'ollama-host': `http://127.0.0.1:${ollamaPort}`,
      'listing-site-url': `http://127.0.0.1:${sitePort}`,
      'report-to': 'ops@example.com, nobody',
      'timeout-seconds': '3',
    };
    const run = await runPreflight(inputs);
    expect(run.failures).toHaveLength(1);
    const failure = run.failures[0] ?? '';
    for (const expected of [
      "input 'zip-codes': '8503' is not a 5-digit Maricopa County ZIP (85xxx)",
      'secret COUNTY_API_TOKEN (input county-api-token): expected the raw token without a',
      'secret PROXIES (input proxies): entry 2 of 2: expected',
      'secret MONGODB_URI (input mongodb-uri): cannot reach the database: the server refused the connection',
      'secret SMTP_URL (input smtp-url): SMTP server unreachable (ECONNREFUSED)',
      'secret CAPTCHA_API_KEY (input captcha-api-key): the CAPTCHA service refused the key (ERROR_KEY_DOES_NOT_EXIST)',
      "input 'report-to': 'nobody' is not an email address",
    ])
      expect(failure).toContain(expected);
    expect(failure).toMatch(/^preflight failed: 7 problem\(s\): /);
    expect(run.outputs).toMatchObject({
      zips: '[]',
      county: 'false',
      mls: 'false',
      problems: '7',
      warnings: '2',
      ollama: 'unreachable',
    });
    expect(summaryRow(run, 'Ollama reachable')).toContain('⚠️ warning');
    expect(summaryRow(run, 'listing site reachable')).toContain('⚠️ warning');
    expect(run.lines.filter((line) => line.startsWith('error: '))).toHaveLength(7);
    expectNoSecret(run, [
      'M0ngo-Secret-77',
      inputs['mongodb-uri'],
      `127.0.0.1:${mongoPort}`,
      'c0unty-T0ken-7f3a9e1b44d2c8a6',
      'ffffffffffffffffffffffffffffffff',
      'Pr0xy-Secret-55',
      'proxyuser',
      SMTP_PASSWORD,
    ]);
  });

  it('fails a missing required secret and skips a missing optional one', async () => {
    const run = await runPreflight({
      'zip-codes': '85031',
      sources: 'county',
      required: 'mongodb-uri,county-api-token,smtp-url',
      'county-api-url': county.url,
      'county-api-token': COUNTY_TOKEN,
    });
    expect(run.failures[0]).toBe(
      "preflight failed: 2 problem(s): secret MONGODB_URI (input mongodb-uri) is not set; it is required (see the 'required' input); secret SMTP_URL (input smtp-url) is not set; it is required (see the 'required' input)",
    );
    expect(summaryRow(run, 'secret CAPTCHA_API_KEY set and well-formed')).toContain('⏭️ skipped');
    expect(summaryRow(run, 'listing site reachable')).toContain('listings not collected');
    expect(run.outputs).toMatchObject({ ollama: 'not-configured', mls: 'false', county: 'true' });
  });

  it('warns that a missing model will be pulled', async () => {
    const run = await runPreflight({ ...good, 'ollama-model': 'qwen2.5' });
    expect(run.failures).toEqual([]);
    expect(run.outputs).toMatchObject({ ollama: 'reachable', warnings: '1', problems: '0' });
    expect(run.lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^warning: Ollama reachable: Ollama 0\.12\.6 is up but model qwen2\.5:latest is not installed; it will be pulled/,
        ),
      ]),
    );
  });

  it('tells a county outage from a wrong county-api-url', async () => {
    county.setFaults({ serverErrors: { every: 1, burst: 1, status: 503 } });
    const down = await runPreflight({ ...good, 'timeout-seconds': '2' }).finally(() =>
      county.setFaults({}),
    );
    expect(down.failures[0]).toContain(`county API unreachable at ${county.url}: HTTP 503`);
    const wrongPath = await runPreflight({ ...good, 'county-api-url': `${county.url}/api/` });
    expect(wrongPath.failures[0]).toContain(
      `input 'county-api-url': ${county.url} answered HTTP 200 text/html, not the Assessor's JSON search API`,
    );
  });

  it('bounds a hung server by timeout-seconds', async () => {
    const silent = await startSilentServer();
    try {
      const run = await runPreflight({
        ...good,
        'county-api-url': `http://127.0.0.1:${silent.port}`,
        'listing-site-url': `http://127.0.0.1:${silent.port}`,
        'timeout-seconds': '1',
      });
      expect(run.elapsedMs).toBeLessThan(3000);
      expect(run.failures[0]).toContain('county API unreachable');
      expect(summaryRow(run, 'county API reachable')).toMatch(
        /❌ error \| \d+ ms \| (no answer within 1 s|county API unreachable)/,
      );
      expect(summaryRow(run, 'listing site reachable')).toContain('⚠️ warning');
    } finally {
      await silent.close();
    }
  });
});
