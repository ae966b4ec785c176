import { existsSync } from 'node:fs';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Checkpoint, recordLine } from '../../../actions/collect-county/src/checkpoint.js';
import { CountyApi } from '../../../actions/collect-county/src/county-api.js';
import { JsonLine } from '../../../shared/io/ndjson-writer.js';
import { readStageOutput, writeStageOutput } from '../../../shared/io/stage-output.js';
import { memoryLogger } from '../../../shared/logger.js';
import { countyParcelSchema, type CountyParcel } from '../../../shared/model/county-parcel.js';
import { startCountySandbox, type CountySandbox } from '../../../local/sandbox/county/server.js';

describe('the collector checkpoint', () => {
  let sandbox: CountySandbox;
  let root: string;
  const fetched: Array<{ parcel: CountyParcel; body: string }> = [];

  beforeAll(async () => {
    sandbox = await startCountySandbox({ parcelsPerZip: 3, seed: 'checkpoint' });
    root = await mkdtemp(join(tmpdir(), 'checkpoint-'));
    const api = new CountyApi({
      baseUrl: sandbox.url,
      token: sandbox.token,
      requestsPerHour: 0,
      logger: memoryLogger(),
    });
    await api.searchPage('85031', 1);
    for (let index = 0; index < 3; index += 1) {
      const apn = sandbox.directory('85031').parcel(index).apn;
      fetched.push(await api.parcelWithBody(apn, '85031'));
    }
  });
  afterAll(async () => {
    await sandbox.close();
    await rm(root, { recursive: true, force: true });
  });

  it('writes the response text as the raw payload, the same record as serialising it', () => {
    const [{ parcel, body }] = fetched as [{ parcel: CountyParcel; body: string }];
    const line = recordLine(parcel, body);
    // The county escapes slashes; the text kept as served still reads back to the same record.
    expect(body).toContain('\\/');
    expect(line.endsWith(`,"raw":${body}}`)).toBe(true);
    expect(JSON.parse(line)).toEqual(JSON.parse(JSON.stringify(parcel)));
    expect(Object.keys(JSON.parse(line) as object)).toEqual(Object.keys(parcel));
    // Text over several lines would break the NDJSON file: the record is serialised instead.
    const pretty = JSON.stringify(parcel.raw, null, 2);
    expect(recordLine(parcel, pretty)).toBe(JSON.stringify(parcel));
    expect(recordLine(parcel)).toBe(JSON.stringify(parcel));
  });

  it('keeps every append across a close, drops a line a kill cut short, and removes its folder', async () => {
    const path = join(root, 'shard', 'checkpoint.ndjson');
    const first = await Checkpoint.open(path);
    for (const { parcel, body } of fetched.slice(0, 2)) {
      expect(await first.append(parcel, body)).toBe(true);
    }
    expect(await first.append(fetched[0]!.parcel)).toBe(false);
    await first.close();
    await appendFile(path, '{"schemaVersion":1,"apn":"102-10-9');

    const second = await Checkpoint.open(path);
    expect(second.size).toBe(2);
    expect(second.has(fetched[1]!.parcel.apn)).toBe(true);
    await second.append(fetched[2]!.parcel, fetched[2]!.body);
    await second.close();
    const lines: string[] = [];
    for await (const line of second.lines()) lines.push(line.json);
    expect(lines.map((line) => (JSON.parse(line) as CountyParcel).apn)).toEqual(
      fetched.map(({ parcel }) => parcel.apn),
    );
    expect((await readFile(path, 'utf8')).split('\n')).toHaveLength(4);

    await second.remove();
    expect(existsSync(join(root, 'shard'))).toBe(false);
  });

  it('copies its lines into a stage folder as they are, and refuses a line that is not one line', async () => {
    const info = {
      runId: '1',
      stage: 'collect-county',
      shard: '85031',
      recordType: 'county-parcel',
      recordSchemaVersion: 1,
      gzip: true,
    } as const;
    const lines = fetched.map(({ parcel, body }) => new JsonLine(recordLine(parcel, body)));
    const manifest = await writeStageOutput(join(root, 'stage'), info, lines);
    expect(manifest.recordCount).toBe(3);
    const stage = await readStageOutput(join(root, 'stage'), { schema: countyParcelSchema });
    const read: CountyParcel[] = [];
    for await (const parcel of stage.records) read.push(parcel);
    expect(read).toEqual(fetched.map(({ parcel }) => parcel));

    const broken = [new JsonLine(JSON.stringify(fetched[0]!.parcel, null, 1))];
    await expect(writeStageOutput(join(root, 'broken'), info, broken)).rejects.toThrow(
      'a JsonLine must hold one line of JSON',
    );
  });
});
