import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../shared/errors.js';
import { loadRateCard } from '../../../actions/check-budget/src/rate-card.js';

const root = path.resolve(import.meta.dirname, '../../..');
const fixtures = path.join(root, 'test/fixtures/check-budget');

describe('rate card', () => {
  it('loads the versioned default card, every price with a source and a date', async () => {
    const card = await loadRateCard('', root);
    const onDisk = JSON.parse(await readFile(path.join(root, 'config/rate-card.json'), 'utf8')) as {
      version: string;
    };
    expect(card.version).toBe(onDisk.version);
    const prices = [
      ...card.githubActions.runners,
      ...Object.values(card.usage),
      ...Object.values(card.monthly),
    ];
    expect(prices.length).toBeGreaterThan(8);
    for (const price of prices) {
      expect(price.source).not.toBe('');
      expect(price.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    // Local Ollama: no per-token charge; public repositories run free.
    expect(card.usage.llm?.price).toBe(0);
    expect(card.githubActions.publicRepositoryFree).toBe(true);
  });

  it('reads a card from a path relative to the workspace, and inline JSON', async () => {
    const fromFile = await loadRateCard('test/fixtures/check-budget/rate-card.json', root);
    expect(fromFile.version).toBe('fixture-2026-11');
    const inline = await loadRateCard(
      await readFile(path.join(fixtures, 'rate-card.json'), 'utf8'),
      '/nowhere',
    );
    expect(inline).toEqual(fromFile);
  });

  it.each([
    ['rate-card-negative-price.json', 'usage.captcha.price: expected a price of at least 0'],
    ['rate-card-missing-price.json', 'monthly.proxy.price: expected a price in dollars (a number)'],
  ])('%s fails naming the entry', async (file, problem) => {
    const error = (await loadRateCard(path.join(fixtures, file), root).catch(
      (e: unknown) => e,
    )) as Error;
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toBe(`input 'rate-card' (${path.join(fixtures, file)}): ${problem}`);
  });

  it.each([
    ['{"version": "x"', "input 'rate-card' (inline JSON): expected JSON"],
    [
      'no/such/card.json',
      "input 'rate-card': expected a readable JSON file or inline JSON, cannot read",
    ],
    [
      '{"version":"v","currency":"EUR","githubActions":{"publicRepositoryFree":true,"runners":[],"defaultRunner":"x"},"usage":{"fax":{}},"monthly":{}}',
      'input \'rate-card\' (inline): currency: Invalid input: expected "USD"',
    ],
  ])('rejects %s', async (input, message) => {
    await expect(loadRateCard(input, root)).rejects.toThrow(message);
  });

  it('rejects a default runner that names no entry', async () => {
    const card = JSON.parse(await readFile(path.join(fixtures, 'rate-card.json'), 'utf8')) as {
      githubActions: { defaultRunner: string };
    };
    card.githubActions.defaultRunner = 'Linux 64-core';
    await expect(loadRateCard(JSON.stringify(card), root)).rejects.toThrow(
      "githubActions.defaultRunner: expected the name of a runner entry, got 'Linux 64-core'",
    );
  });
});
