import { describe, expect, it } from 'vitest';
import { orderByValue } from '../../../actions/enrich-llm/src/priority.js';
import {
  buildSubjects,
  inputDigest,
  inputSha256,
} from '../../../actions/enrich-llm/src/subjects.js';
import { listing, parcel } from './fixtures.js';

describe('buildSubjects', () => {
  it('joins listings to parcels by APN or address, keeps the newest of duplicates, drops empty text', () => {
    const older = { ...listing(1, 'Old text.'), scrapedAt: '2026-11-01T00:00:00.000Z' };
    const newer = listing(1, 'New text with a pool.');
    const { subjects, counts } = buildSubjects(
      [parcel('102-29-045A', 0), parcel('102-29-046', 1)],
      [
        listing(0, 'Pool home.'),
        older,
        newer,
        listing(2, null),
        listing(3, 'Own APN.', '301-10-001B'),
      ],
    );
    expect(subjects.map((subject) => subject.key)).toEqual([
      '102-29-045A',
      '102-29-046',
      '301-10-001B',
    ]);
    expect(subjects[1]?.input.description).toBe('New text with a pool.');
    expect(subjects[0]?.input.facts).toMatchObject({
      countyUse: 'Single Family Residence',
      livingAreaSqft: 1200,
    });
    expect(counts).toEqual({ listings: 5, noDescription: 1, unkeyed: 0, duplicates: 1 });
  });

  it('hashes the extractor, prompt version and input: a different model is a different key', () => {
    const [subject] = buildSubjects([], [listing(5, 'Pool.')]).subjects;
    if (!subject) throw new Error('no subject');
    expect(inputSha256('llama3.2:latest', subject)).toMatch(/^[0-9a-f]{64}$/);
    expect(inputSha256('llama3.2:latest', subject)).toBe(
      inputSha256('llama3.2:latest', { ...subject }),
    );
    expect(inputSha256('qwen2.5:latest', subject)).not.toBe(
      inputSha256('llama3.2:latest', subject),
    );
  });
});

describe('orderByValue', () => {
  const subjects = buildSubjects(
    [],
    [0, 1, 2, 3, 4, 5].map((n) => listing(n, `Listing ${n} with a pool.`)),
  ).subjects;
  const key = (n: number) => `addr:${100 + n} W EARLL DR 85031`;
  const subject = (n: number) => subjects.find((entry) => entry.key === key(n));

  it('sends carried first (longest waiting first), then new, changed, and refreshed listings', () => {
    const carried = new Map([
      [key(4), '2026-11-26T10:00:00.000Z'],
      [key(5), '2026-11-25T10:00:00.000Z'],
    ]);
    const readBefore = new Map<string, string | null>([
      [key(0), inputDigest(subject(0)!)], // the same listing: only the model or prompt is new
      [key(1), 'f'.repeat(64)], // the listing changed since
      [key(2), null], // read before, which input the cache cannot tell
    ]);
    const ranked = orderByValue(subjects, carried, readBefore);
    expect(ranked.map(({ subject: { key: k }, tier }) => [k.slice(5, 8), tier])).toEqual([
      ['105', 'carried'],
      ['104', 'carried'],
      ['103', 'new'],
      ['101', 'changed'],
      ['102', 'changed'],
      ['100', 'refresh'],
    ]);
  });
});
