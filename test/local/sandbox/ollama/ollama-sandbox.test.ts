import { Ollama } from 'ollama';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startOllamaSandbox, type OllamaSandbox } from '../../../../local/sandbox/ollama/server.js';
import { replyFormat } from '../../../../actions/enrich-llm/src/reply-schema.js';
import { ENRICHMENT_FIELD_NAMES } from '../../../../shared/model/enrichment.js';

const format = z.toJSONSchema(
  z.object({
    items: z.array(
      z.object({
        id: z.string(),
        fields: z.object({
          bedrooms: z.number().int().nullable(),
          pool: z.boolean().nullable(),
          hoaMonthlyFee: z.number().nullable(),
          roof: z.enum(['tile', 'shingle']).nullable(),
          features: z.array(z.string()),
        }),
      }),
    ),
  }),
);

const prompt = JSON.stringify({
  properties: [
    { id: 'a1', description: '3 bed home with a diving pool. HOA $85/mo.' },
    { id: 'b2', description: 'Cozy condo, no pool.' },
  ],
});

describe('Ollama sandbox', () => {
  let sandbox: OllamaSandbox;
  let client: Ollama;
  beforeEach(async () => {
    sandbox = await startOllamaSandbox({ models: ['llama3.2'] });
    client = new Ollama({ host: sandbox.url });
  });
  afterEach(() => sandbox.close());

  it('lists, shows and pulls models as Ollama does', async () => {
    expect((await client.version()).version).toMatch(/^\d+\.\d+\.\d+$/);
    const tags = await client.list();
    expect(tags.models.map((model) => model.name)).toEqual(['llama3.2:latest']);
    expect(tags.models[0]?.details.family).toBe('llama');
    expect((await client.show({ model: 'llama3.2:latest' })).capabilities).toContain('completion');
    await expect(client.show({ model: 'qwen2.5' })).rejects.toMatchObject({
      status_code: 404,
      message: "model 'qwen2.5' not found",
    });

    const statuses: string[] = [];
    for await (const line of await client.pull({ model: 'qwen2.5', stream: true })) {
      statuses.push(line.status);
      if (line.total) expect(line.completed).toBeLessThanOrEqual(line.total);
    }
    expect(statuses[0]).toBe('pulling manifest');
    expect(statuses.at(-1)).toBe('success');
    expect(sandbox.installed()).toContain('qwen2.5:latest');
    const unknown = client.pull({ model: 'no-such-model', stream: true }).then(async (lines) => {
      for await (const line of lines) void line;
    });
    await expect(unknown).rejects.toThrow('pull model manifest: file does not exist');
  });

  it('streams a chat reply that obeys format, then a done line with counts in nanoseconds', async () => {
    const chunks = [];
    const stream = await client.chat({
      model: 'llama3.2',
      messages: [{ role: 'user', content: `Extract:\n${prompt}` }],
      format,
      stream: true,
    });
    for await (const chunk of stream) chunks.push(chunk);
    const done = chunks.at(-1);
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks.slice(0, -1).every((chunk) => !chunk.done)).toBe(true);
    expect(done).toMatchObject({ done: true, done_reason: 'stop', model: 'llama3.2' });
    expect(done?.prompt_eval_count).toBeGreaterThan(10);
    expect(done?.eval_count).toBeGreaterThan(10);
    expect(done?.total_duration).toBeGreaterThan(done?.eval_duration ?? Infinity);
    const reply = JSON.parse(chunks.map((chunk) => chunk.message.content).join('')) as unknown;
    expect(reply).toEqual({
      items: [
        {
          id: 'a1',
          fields: { bedrooms: 3, pool: true, hoaMonthlyFee: 85, roof: null, features: [] },
        },
        {
          id: 'b2',
          fields: { bedrooms: null, pool: false, hoaMonthlyFee: null, roof: null, features: [] },
        },
      ],
    });
    const request = sandbox.requestsTo('/api/chat')[0];
    expect(request?.body).toMatchObject({ model: 'llama3.2', stream: true, format });
  });

  it("answers enrich-llm's lean format with every field a listing's remarks state, null for the rest", async () => {
    const remarks = [
      '5 bedroom, 3 bath home in desert view 85031. Pool, RV Gate, Covered Patio, Tile Floors,',
      'Ceiling Fans, Block Fence. Needs some TLC. Two-story floor plan. Kitchen updated in 2020.',
      '2-car garage. HOA $180/mo. Leased solar. Mountain views.',
    ].join(' ');
    const properties = [
      { id: 'p1', facts: { bedrooms: 5 }, description: remarks },
      {
        id: 'p2',
        description: 'Cozy condo. Move-in ready. No HOA. Owned solar. City lights views.',
      },
    ];
    const chat = await client.chat({
      model: 'llama3.2',
      messages: [{ role: 'user', content: `Properties:\n${JSON.stringify({ properties })}` }],
      format: replyFormat(ENRICHMENT_FIELD_NAMES),
      stream: false,
    });
    const [first, second] = (JSON.parse(chat.message.content) as { items: unknown[] }).items;
    expect(first).toEqual({
      id: 'p1',
      ...{ type: null, beds: 5, baths: 3, sqft: null, cond: 'fair', reno: true, renoYear: 2020 },
      ...{ stories: 2, pool: true, garage: 2, hoa: true, hoaFee: 180, roof: null, cooling: null },
      ...{ solar: true, solarLeased: true, views: ['mountain'], lot: ['rv-gate', 'fenced'] },
      features: ['covered patio', 'tile floors', 'ceiling fans'],
      flags: [],
      summary: '5 bedroom, 3 bath home in desert view 85031.',
      c: 0.9,
    });
    expect(second).toMatchObject({
      ...{ id: 'p2', type: 'condo', cond: 'good', hoa: false, hoaFee: null, solar: true },
      ...{ solarLeased: false, views: ['city-lights'], lot: [], features: [], reno: null },
    });
  });

  it('answers nulls for every field under the blank fault, still as valid JSON', async () => {
    sandbox.configure({ faults: [{ kind: 'blank' }] });
    const ask = () =>
      client.chat({ model: 'llama3.2', messages: [{ role: 'user', content: prompt }], format });
    const blank = JSON.parse((await ask()).message.content) as unknown;
    expect(blank).toEqual({
      items: ['a1', 'b2'].map((id) => ({
        id,
        fields: { bedrooms: null, pool: null, hoaMonthlyFee: null, roof: null, features: [] },
      })),
    });
    expect(JSON.parse((await ask()).message.content)).toHaveProperty('items.0.fields.bedrooms', 3);
  });

  it('answers without streaming, and through /api/generate', async () => {
    const chat = await client.chat({
      model: 'llama3.2:latest',
      messages: [{ role: 'user', content: prompt }],
      format,
    });
    expect(chat.done).toBe(true);
    expect(JSON.parse(chat.message.content)).toHaveProperty('items.0.id', 'a1');
    const generated = await client.generate({ model: 'llama3.2', prompt, format });
    expect(JSON.parse(generated.response ?? '')).toHaveProperty('items.1.id', 'b2');
    expect(generated.context.length).toBeGreaterThan(0);
  });

  it('fails the way Ollama fails', async () => {
    await expect(
      client.chat({ model: 'mistral', messages: [{ role: 'user', content: prompt }] }),
    ).rejects.toMatchObject({
      status_code: 404,
      message: 'model "mistral" not found, try pulling it first',
    });
    sandbox.configure({
      faults: [
        { kind: 'status', status: 500 },
        { kind: 'ignore-format' },
        { kind: 'invalid-json' },
        { kind: 'cut-stream' },
        { kind: 'duplicate-item' },
        { kind: 'override', id: 'b2', values: { bedrooms: 99 } },
      ],
    });
    const ask = () =>
      client.chat({ model: 'llama3.2', messages: [{ role: 'user', content: prompt }], format });
    await expect(ask()).rejects.toMatchObject({ status_code: 500 });
    expect((await ask()).message.content).toMatch(/^Sure!/);
    const truncated = (await ask()).message.content;
    expect(() => JSON.parse(truncated) as unknown).toThrow(SyntaxError);
    const cut = client
      .chat({ model: 'llama3.2', messages: [{ role: 'user', content: prompt }], stream: true })
      .then(async (stream) => {
        for await (const chunk of stream) void chunk;
      });
    await expect(cut).rejects.toThrow('Did not receive done or success response in stream.');
    const duplicated = JSON.parse((await ask()).message.content) as { items: { id: string }[] };
    expect(duplicated.items.map((item) => item.id)).toEqual(['a1', 'b2', 'a1']);
    const overridden = JSON.parse((await ask()).message.content) as {
      items: { fields: { bedrooms: number | null } }[];
    };
    expect(overridden.items.map((item) => item.fields.bedrooms)).toEqual([3, 99]);
    expect((await ask()).done).toBe(true);
    const notFound = await fetch(`${sandbox.url}/api/nothing`);
    expect([notFound.status, await notFound.text()]).toEqual([404, '404 page not found']);
  });

  it('generates at the configured token rate, streamed or not, and reports it as Ollama does', async () => {
    sandbox.configure({ tokensPerSecond: 200 });
    const messages = [{ role: 'user', content: prompt }];
    for (const stream of [true, false] as const) {
      const started = performance.now();
      const done = stream
        ? await client.chat({ model: 'llama3.2', messages, format, stream }).then(async (lines) => {
            let last;
            for await (const line of lines) last = line;
            return last;
          })
        : await client.chat({ model: 'llama3.2', messages, format, stream });
      const wallMs = performance.now() - started;
      expect(done).toMatchObject({ done: true, done_reason: 'stop' });
      const tokens = done?.eval_count ?? 0;
      expect(tokens).toBeGreaterThan(20);
      // eval_duration is what 200 tokens a second takes, and the reply really took that long.
      expect(done?.eval_duration).toBe(Math.round((tokens / 200) * 1e9));
      expect(wallMs).toBeGreaterThanOrEqual((tokens / 200) * 1000);
      expect(done?.total_duration).toBeGreaterThanOrEqual(done?.eval_duration ?? Infinity);
    }
  });

  it('stops at options.num_predict with done_reason length, as Ollama does', async () => {
    const full = await client.chat({
      model: 'llama3.2',
      messages: [{ role: 'user', content: prompt }],
      format,
    });
    const cut = await client.chat({
      model: 'llama3.2',
      messages: [{ role: 'user', content: prompt }],
      format,
      options: { num_predict: 10 },
    });
    expect(full.eval_count).toBeGreaterThan(10);
    expect(cut).toMatchObject({ done: true, done_reason: 'length', eval_count: 10 });
    expect(full.message.content.startsWith(cut.message.content)).toBe(true);
    expect(() => JSON.parse(cut.message.content) as unknown).toThrow(SyntaxError);
    const unlimited = await client.chat({
      model: 'llama3.2',
      messages: [{ role: 'user', content: prompt }],
      format,
      options: { num_predict: -1 },
    });
    expect(unlimited).toMatchObject({ done_reason: 'stop', eval_count: full.eval_count });
  });

  it('delays an answer and stops writing when the client goes away', async () => {
    sandbox.configure({ faults: [{ kind: 'delay', ms: 5000 }] });
    const started = performance.now();
    const response = fetch(`${sandbox.url}/api/chat`, {
      method: 'POST',
      body: JSON.stringify({ model: 'llama3.2', messages: [] }),
      signal: AbortSignal.timeout(200),
    });
    await expect(response).rejects.toThrow(/aborted|timeout/i);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
