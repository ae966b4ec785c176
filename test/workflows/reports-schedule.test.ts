import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Evaluator, Lexer, Parser, data } from '@actions/expressions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// The guide: the weekly report on Mondays at 09:00 Phoenix time, the monthly on the month's
// first Monday. Phoenix keeps UTC-7 all year.
interface Step {
  id?: string;
  if?: string;
  run?: string;
  uses?: string;
}
interface ReportsWorkflow {
  on: { schedule: Array<{ cron: string }> };
  jobs: { report: { env: { KIND: string }; steps: Step[] } };
}

const reports = parse(await readFile('.github/workflows/reports.yml', 'utf8')) as ReportsWorkflow;
const [weekly = '', monthly = ''] = reports.on.schedule.map((entry) => entry.cron);
const job = reports.jobs.report;

/** The report kind a scheduled run of `cron` sends, as the runner evaluates `KIND`. */
function kindFor(cron: string): unknown {
  const expression = /^\$\{\{(.*)\}\}$/.exec(job.env.KIND.trim())?.[1] ?? '';
  const tree = new Parser(new Lexer(expression).lex().tokens, ['github', 'inputs'], []).parse();
  const contexts = new data.Dictionary();
  const github = { event_name: 'schedule', event: { schedule: cron } };
  contexts.add('github', JSON.parse(JSON.stringify(github), data.reviver) as data.ExpressionData);
  contexts.add('inputs', new data.Dictionary());
  const result = new Evaluator(tree, contexts, new Map()).evaluate();
  return JSON.parse(JSON.stringify(result, data.replacer)) as unknown;
}

describe('the report schedules', () => {
  it('fire on Mondays in the 09:00 hour in Phoenix (16:xx UTC), weekly first', () => {
    expect(weekly).toMatch(/^([1-9]|[1-5]\d) 16 \* \* 1$/);
    expect(monthly).toMatch(/^([1-9]|[1-5]\d) 16 \* \* 1$/);
    expect(kindFor(weekly)).toBe('weekly');
    expect(kindFor(monthly)).toBe('monthly');
  });

  it('guard every step of the monthly run by the first-Monday check', () => {
    const [when, ...rest] = job.steps;
    expect(when).toMatchObject({ id: 'when', if: `github.event.schedule == '${monthly}'` });
    for (const step of rest) expect(step.if, step.uses).toBe("steps.when.outputs.send != 'false'");
  });
});

describe('the first-Monday check', () => {
  const script = job.steps.find((step) => step.id === 'when')?.run ?? '';
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'first-monday-'));
    // `date` at a fixed instant: the real date command, so TZ still converts it to Phoenix time.
    const { stdout: real } = await promisify(execFile)('sh', ['-c', 'command -v date']);
    await writeFile(join(dir, 'date'), `#!/bin/sh\nexec ${real.trim()} -d "$FAKE_NOW" "$@"\n`);
    await chmod(join(dir, 'date'), 0o755);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  /** Runs the step's script at `now`; returns what it wrote to GITHUB_OUTPUT and its stdout. */
  async function runAt(now: string): Promise<{ output: string; stdout: string }> {
    const outputFile = join(dir, `output-${now}`);
    await writeFile(outputFile, '');
    const { stdout } = await promisify(execFile)('bash', ['-e', '-c', script], {
      env: { PATH: `${dir}:${process.env.PATH}`, FAKE_NOW: now, GITHUB_OUTPUT: outputFile },
    });
    return { output: await readFile(outputFile, 'utf8'), stdout };
  }

  it.each([
    ['2026-12-07T16:13:00Z', 'the 7th, the first Monday of December'],
    ['2027-02-01T16:13:00Z', 'Monday the 1st'],
    // Started seven hours late: the 8th in UTC, still the 7th in Phoenix.
    ['2026-12-08T06:59:00Z', 'a run delayed to 23:59 Phoenix time on the 7th'],
  ])('sends the monthly report at %s (%s)', async (now) => {
    expect(await runAt(now)).toEqual({ output: 'send=true\n', stdout: '' });
  });

  it.each([
    ['2026-12-14T16:13:00Z', 14],
    ['2026-12-28T16:13:00Z', 28],
    ['2027-03-08T16:13:00Z', 8],
  ])('skips it on a later Monday (%s) and says why', async (now, day) => {
    expect(await runAt(now)).toEqual({
      output: 'send=false\n',
      stdout: `::notice::Day ${day} of the month is past its first Monday: no monthly report today.\n`,
    });
  });
});
