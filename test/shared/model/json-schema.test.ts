import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { renderJsonSchemas } from '../../../shared/model/json-schema.js';

const root = path.resolve(import.meta.dirname, '../../..');
const schemasDir = path.join(root, 'schemas');
const rendered = renderJsonSchemas();

interface JsonSchemaNode {
  description?: string;
  properties?: Record<string, JsonSchemaNode>;
  anyOf?: JsonSchemaNode[];
  items?: JsonSchemaNode;
}

/** Paths of object properties that carry no description. */
function undescribed(node: JsonSchemaNode, at = ''): string[] {
  const missing: string[] = [];
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    if (!child.description) missing.push(`${at}${key}`);
    missing.push(...undescribed(child, `${at}${key}.`));
  }
  for (const branch of node.anyOf ?? []) missing.push(...undescribed(branch, at));
  if (node.items) missing.push(...undescribed(node.items, `${at}[].`));
  return missing;
}

describe('published JSON Schemas', () => {
  it('schemas/ holds exactly the freshly rendered files (run npm run schemas)', async () => {
    const committed = (await readdir(schemasDir)).filter((name) => name.endsWith('.schema.json'));
    expect(committed.sort()).toEqual([...rendered.keys()].sort());
    for (const [name, text] of rendered) {
      expect(await readFile(path.join(schemasDir, name), 'utf8'), name).toBe(text);
    }
  });

  it('renders the same text twice (deterministic)', () => {
    expect(renderJsonSchemas()).toEqual(rendered);
  });

  it.each([...rendered.keys()])('%s describes every field', (name) => {
    const schema = JSON.parse(rendered.get(name) ?? '{}') as JsonSchemaNode;
    expect(undescribed(schema)).toEqual([]);
  });
});

describe('generate-schemas --check', () => {
  const run = promisify(execFile);
  const tsx = path.join(root, 'node_modules/.bin/tsx');
  const script = path.join(root, 'scripts/generate-schemas.ts');
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  async function copyOfSchemas(): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), 'schemas-'));
    dirs.push(dir);
    for (const [name, text] of rendered) await writeFile(path.join(dir, name), text);
    return dir;
  }

  it('exits 0 when the files are current', async () => {
    const dir = await copyOfSchemas();
    const { stdout } = await run(tsx, [script, '--check', '--dir', dir]);
    expect(stdout).toContain(`is current (${rendered.size} files)`);
  });

  it('exits 1 naming stale, missing and extra files, and writes nothing', async () => {
    const dir = await copyOfSchemas();
    await writeFile(path.join(dir, 'usage.schema.json'), '{}\n');
    await rm(path.join(dir, 'manifest.schema.json'));
    await cp(path.join(dir, 'usage.schema.json'), path.join(dir, 'listing.schema.json'));
    const failure = (await run(tsx, [script, '--check', '--dir', dir]).catch(
      (error: unknown) => error,
    )) as { code: number; stderr: string };
    expect(failure.code).toBe(1);
    expect(failure.stderr).toContain(
      'usage.schema.json, manifest.schema.json, listing.schema.json (not generated)',
    );
    expect(await readFile(path.join(dir, 'usage.schema.json'), 'utf8')).toBe('{}\n');
  });

  it('writes every file when run without --check', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'schemas-'));
    dirs.push(dir);
    await run(tsx, [script, '--dir', dir]);
    expect((await readdir(dir)).sort()).toEqual([...rendered.keys()].sort());
  });
});
