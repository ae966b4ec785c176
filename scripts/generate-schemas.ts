/**
 * Writes `schemas/<record-type>.schema.json` from the zod schemas in `shared/model`.
 * `--check` writes nothing: it exits 1 naming each file that is stale, missing or no longer
 * generated, so CI can tell the committed schemas are current. `--dir <path>` uses another folder.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderJsonSchemas } from '../shared/model/json-schema.js';

const dirFlag = process.argv.indexOf('--dir');
const schemasDir =
  dirFlag > 0 && process.argv[dirFlag + 1] !== undefined
    ? path.resolve(process.argv[dirFlag + 1] ?? '')
    : fileURLToPath(new URL('../schemas/', import.meta.url));

async function readOrNull(file: string): Promise<string | null> {
  return readFile(file, 'utf8').catch(() => null);
}

async function check(rendered: Map<string, string>): Promise<number> {
  const stale: string[] = [];
  for (const [name, text] of rendered) {
    if ((await readOrNull(path.join(schemasDir, name))) !== text) stale.push(name);
  }
  const onDisk = await readdir(schemasDir).catch(() => []);
  for (const name of onDisk) {
    if (name.endsWith('.schema.json') && !rendered.has(name)) stale.push(`${name} (not generated)`);
  }
  if (stale.length === 0) {
    console.log(`schemas/ is current (${rendered.size} files)`);
    return 0;
  }
  console.error(`stale JSON Schemas in ${schemasDir} (run npm run schemas): ${stale.join(', ')}`);
  return 1;
}

async function generate(rendered: Map<string, string>): Promise<number> {
  await mkdir(schemasDir, { recursive: true });
  for (const [name, text] of rendered) await writeFile(path.join(schemasDir, name), text);
  console.log(`wrote ${rendered.size} files to schemas/`);
  return 0;
}

const rendered = renderJsonSchemas();
process.exitCode = process.argv.includes('--check')
  ? await check(rendered)
  : await generate(rendered);
