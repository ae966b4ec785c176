import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveVisibility } from '../../../shared/privacy/visibility.js';

const NAMES = ['GITHUB_EVENT_PATH', 'GITHUB_ACTIONS'] as const;
let saved: Record<string, string | undefined>;
let dir: string;

beforeEach(async () => {
  saved = Object.fromEntries(NAMES.map((name) => [name, process.env[name]]));
  for (const name of NAMES) delete process.env[name];
  dir = await mkdtemp(join(tmpdir(), 'visibility-'));
});
afterEach(async () => {
  for (const name of NAMES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  await rm(dir, { recursive: true, force: true });
});

async function event(payload: unknown): Promise<void> {
  const path = join(dir, 'event.json');
  await writeFile(path, JSON.stringify(payload));
  process.env.GITHUB_EVENT_PATH = path;
  process.env.GITHUB_ACTIONS = 'true';
}

describe('resolveVisibility', () => {
  it('follows the event payload on a runner', async () => {
    await event({ repository: { private: false } });
    expect(resolveVisibility('auto')).toBe('public');
    await event({ repository: { private: true } });
    expect(resolveVisibility('auto')).toBe('private');
  });

  it('counts a runner that cannot tell as public, and a local run as private', async () => {
    await event({ schedule: '0 9 * * *' });
    expect(resolveVisibility('auto')).toBe('public');
    delete process.env.GITHUB_EVENT_PATH;
    expect(resolveVisibility('auto')).toBe('public');
    delete process.env.GITHUB_ACTIONS;
    expect(resolveVisibility('auto')).toBe('private');
  });

  it('takes an explicit choice over the payload', async () => {
    await event({ repository: { private: true } });
    expect(resolveVisibility('public')).toBe('public');
  });
});
