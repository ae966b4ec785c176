import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';

// `npm audit` run for real against a local stand-in for the registry's bulk advisory endpoint,
// which answers the way the registry does (POST of gzip JSON, package name to versions).
const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const script = path.join(root, 'scripts/audit.ts');
const lock = JSON.parse(await readFile(path.join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version: string }>;
};
const zodVersion = lock.packages['node_modules/zod']!.version;

let server: Server | undefined;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

/** Starts the advisory service; `answer` gets the packages npm asked about. */
async function advisories(
  answer: (asked: Record<string, string[]>) => { status: number; body: unknown },
): Promise<{ registry: string; asked: Array<Record<string, string[]>> }> {
  const asked: Array<Record<string, string[]>> = [];
  server = createServer((request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method !== 'POST' || !request.url?.endsWith('/advisories/bulk')) {
        response.writeHead(404).end();
        return;
      }
      let body = Buffer.concat(chunks);
      if (request.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      const packages = JSON.parse(body.toString('utf8')) as Record<string, string[]>;
      asked.push(packages);
      const reply = answer(packages);
      response.writeHead(reply.status, { 'content-type': 'application/json' });
      response.end(reply.status === 200 ? JSON.stringify(reply.body) : '');
    });
  });
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { registry: `http://127.0.0.1:${port}/`, asked };
}

/** Runs scripts/audit.ts in the repository against `registry`; resolves with its exit code. */
async function audit(registry: string, level?: string) {
  const env = { ...process.env, npm_config_registry: registry, AUDIT_LEVEL: level ?? 'low' };
  return run(tsx, [script], { cwd: root, env })
    .then(({ stdout, stderr }) => ({ code: 0, stdout, stderr }))
    .catch((error: { code: number; stdout: string; stderr: string }) => error);
}

describe('scripts/audit.ts', () => {
  it('fails naming a vulnerable production dependency and its advisory', async () => {
    const service = await advisories(() => ({
      status: 200,
      body: {
        zod: [
          {
            id: 1099001,
            url: 'https://example.invalid/advisories/1099001',
            title: 'Planted advisory: schema bypass',
            severity: 'high',
            vulnerable_versions: `<=${zodVersion}`,
            cwe: ['CWE-20'],
            cvss: { score: 7.5, vectorString: null },
          },
        ],
      },
    }));
    const result = await audit(service.registry);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('zod (high): Planted advisory: schema bypass');
    // Only production dependencies are asked about: vitest is a development dependency.
    expect(Object.keys(service.asked[0] ?? {})).toContain('zod');
    expect(Object.keys(service.asked[0] ?? {})).not.toContain('vitest');
  }, 120_000);

  it('passes an advisory below AUDIT_LEVEL but lists it', async () => {
    const service = await advisories(() => ({
      status: 200,
      body: {
        zod: [
          {
            id: 1099002,
            url: 'https://example.invalid/advisories/1099002',
            title: 'Planted advisory: slow error message',
            severity: 'low',
            vulnerable_versions: `<=${zodVersion}`,
            cwe: [],
            cvss: { score: 2, vectorString: null },
          },
        ],
      },
    }));
    const result = await audit(service.registry, 'high');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('below high');
    expect(result.stdout).toContain('zod (low)');
  }, 120_000);

  it('passes with nothing found', async () => {
    const service = await advisories(() => ({ status: 200, body: {} }));
    const result = await audit(service.registry);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('no production dependency has a known vulnerability');
  }, 120_000);

  it('says the audit could not run when the advisory service refuses, and does not fail', async () => {
    const service = await advisories(() => ({ status: 405, body: null }));
    const result = await audit(service.registry);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('audit: could not run');
    expect(result.stdout).toContain('production dependencies not checked');
  }, 120_000);
});
