import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Evaluator, Lexer, Parser, data } from '@actions/expressions';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// House rules for the workflows users run, beyond what actionlint checks.
const dir = '.github/workflows';
const files = (await readdir(dir)).filter((name) => name.endsWith('.yml'));
const workflows = await Promise.all(
  files.map(async (name) => {
    const text = await readFile(join(dir, name), 'utf8');
    return { name, text, doc: parse(text) as Workflow };
  }),
);

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface WorkflowJob {
  needs?: string | string[];
  permissions?: unknown;
  'timeout-minutes'?: unknown;
  steps?: Step[];
}
interface Workflow {
  on?: { schedule?: Array<{ cron: string }> };
  permissions?: unknown;
  jobs: Record<string, WorkflowJob>;
}

describe('workflows', () => {
  it('includes the nightly, reports, maintenance, watchdog and CI workflows', () => {
    expect(files.sort()).toEqual(
      expect.arrayContaining([
        'ci.yml',
        'data-collection.yml',
        'maintenance.yml',
        'reports.yml',
        'watchdog.yml',
      ]),
    );
  });

  it.each(workflows.map((w) => [w.name, w] as const))(
    '%s pins every third-party action to a full commit SHA with its version beside it',
    (_name, workflow) => {
      const uses = workflow.text
        .split('\n')
        .map((line) => /^\s*(?:-\s*)?uses:\s*(\S+)(.*)$/.exec(line))
        .filter((match) => match !== null);
      for (const [, target = '', rest = ''] of uses) {
        if (target.startsWith('./')) continue;
        expect(target, target).toMatch(/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40}$/);
        expect(rest, target).toMatch(/# v\d+\.\d+\.\d+/);
      }
    },
  );

  it.each(workflows.map((w) => [w.name, w] as const))(
    '%s gives every job a timeout and least privilege',
    (name, workflow) => {
      // Either the workflow grants nothing by default and each job asks for what it needs, or
      // (the project's CI) the whole workflow is read-only.
      const readOnly =
        JSON.stringify(workflow.doc.permissions) === JSON.stringify({ contents: 'read' });
      if (!readOnly) expect(workflow.doc.permissions, name).toEqual({});
      for (const [id, job] of Object.entries(workflow.doc.jobs)) {
        expect(job['timeout-minutes'], `${name} ${id}`).toBeDefined();
        if (!readOnly) expect(job.permissions, `${name} ${id}`).toBeDefined();
      }
    },
  );

  const crons = (workflow: { doc: Workflow }): string[] =>
    (workflow.doc.on?.schedule ?? []).map((entry) => entry.cron);

  it.each(workflows.filter((w) => crons(w).length > 0).map((w) => [w.name, w] as const))(
    '%s schedules nothing at minute 0, where GitHub delays and drops scheduled runs most',
    (name, workflow) => {
      for (const cron of crons(workflow)) {
        const minute = cron.split(/\s+/)[0] ?? '';
        expect(minute, `${name}: ${cron}`).toMatch(/^\d+$/);
        expect(Number(minute), `${name}: ${cron}`).toBeGreaterThan(0);
      }
      const minutes = crons(workflow).map((cron) => cron.split(/\s+/)[0]);
      expect(new Set(minutes).size, name).toBe(minutes.length);
      // A job that tells its schedules apart compares github.event.schedule with one of them.
      for (const [, cron] of workflow.text.matchAll(/github\.event\.schedule == '([^']+)'/g))
        expect(crons(workflow), name).toContain(cron);
    },
  );

  it('runs the nightly in the 03:00 hour in Phoenix (10:xx UTC, UTC-7 all year)', () => {
    const nightly = workflows.find((w) => w.name === 'data-collection.yml')!;
    expect(crons(nightly)).toHaveLength(1);
    expect(crons(nightly)[0]).toMatch(/^([1-9]|[1-5]\d) 10 \* \* \*$/);
  });

  it("tells the watchdog the nightly's cron, so it knows when a new fork's first night is due", async () => {
    const [nightly] = crons(workflows.find((w) => w.name === 'data-collection.yml')!);
    const watchdog = workflows.find((w) => w.name === 'watchdog.yml')!.doc.jobs.watch!;
    const step = watchdog.steps?.find((s) => s.uses === './actions/watchdog');
    expect(step?.with?.workflows).toBe('data-collection.yml');
    expect(step?.with?.schedule).toBe(nightly);
    const action = parse(await readFile('actions/watchdog/action.yml', 'utf8')) as {
      inputs: Record<string, { default?: string }>;
    };
    expect(action.inputs.schedule?.default).toBe(nightly);
  });

  it("gives each county shard a time budget well inside its job's timeout, overridable by a variable", () => {
    const county = workflows.find((w) => w.name === 'data-collection.yml')!.doc.jobs.county!;
    const step = county.steps?.find((s) => s.uses === './actions/collect-county');
    const budget = String(step?.with?.['time-budget-minutes']);
    expect(budget).toMatch(/vars\.COUNTY_TIME_BUDGET_MINUTES \|\| '\d+'/);
    // Checkout before it, and writing and uploading the shard after it, need time of their own.
    const minutes = Number(/'(\d+)'/.exec(budget)?.[1]);
    expect(minutes).toBeGreaterThan(0);
    expect(minutes).toBeLessThanOrEqual(Number(county['timeout-minutes']) - 5);
  });

  it('keeps secrets out of run: scripts (they go through env or action inputs)', () => {
    for (const workflow of workflows) {
      for (const [id, job] of Object.entries(workflow.doc.jobs)) {
        for (const step of job.steps ?? []) {
          expect(step.run ?? '', `${workflow.name} ${id}`).not.toMatch(/\$\{\{[^}]*secrets\./);
        }
      }
    }
  });
});

/** A `needs` entry: the job's result and, for some, its outputs. */
type Need = { result: string; outputs?: Record<string, string> };

/** Evaluates one expression (without `${{ }}`) with the `needs` context, as the runner would. */
function evaluateExpression(
  expression: string,
  needs: Record<string, Need>,
  steps: Record<string, unknown> = {},
): unknown {
  const tree = new Parser(new Lexer(expression).lex().tokens, ['needs', 'steps'], []).parse();
  const contexts = new data.Dictionary();
  contexts.add('needs', JSON.parse(JSON.stringify(needs), data.reviver) as data.ExpressionData);
  contexts.add('steps', JSON.parse(JSON.stringify(steps), data.reviver) as data.ExpressionData);
  const result = new Evaluator(tree, contexts, new Map()).evaluate();
  return JSON.parse(JSON.stringify(result, data.replacer)) as unknown;
}

/**
 * Evaluates a `with:` value: one `${{ expression }}` to its value, a template holding several to
 * the string the runner makes of it (null as '').
 */
function evaluate(
  text: string,
  needs: Record<string, Need>,
  steps: Record<string, unknown> = {},
): unknown {
  const whole = /^\$\{\{((?:(?!\}\})[\s\S])*)\}\}$/.exec(text.trim());
  if (whole) return evaluateExpression(whole[1] ?? '', needs, steps);
  if (!text.includes('${{')) return evaluateExpression(`'${text}'`, needs, steps);
  return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, expression: string) => {
    const value = evaluateExpression(expression, needs, steps);
    return value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  });
}

describe('the nightly incident job', () => {
  const nightly = workflows.find((w) => w.name === 'data-collection.yml')!.doc;
  const incident = nightly.jobs.incident!;
  const step = incident.steps?.find((s) => s.uses === './actions/open-incident-issue');
  const needs = [incident.needs ?? []].flat();
  const components = new Map(
    (typeof step?.with?.components === 'string' ? step.with.components : '')
      .split('\n')
      .map((line) => line.split(':').map((part) => part.trim()))
      .filter((parts): parts is [string, string] => parts.length === 2),
  );
  const actionOf = (job: string): string | undefined =>
    nightly.jobs[job]?.steps
      ?.map((s) => /^\.\/actions\/([\w-]+)$/.exec(s.uses ?? '')?.[1])
      .find((name) => name !== undefined);

  it('waits for every collecting job, and the report waits for it', () => {
    expect(needs.sort()).toEqual(
      Object.keys(nightly.jobs)
        .filter((id) => id !== 'incident' && id !== 'report')
        .sort(),
    );
    expect(nightly.jobs.report?.needs).toContain('incident');
    expect(String(step?.with?.night)).toBe('${{ toJSON(needs) }}');
  });

  // Each failure is filed under the component whose runbook applies, with the job's own message.
  it.each(needs)("files %s under the action it runs, with that step's error", (job) => {
    const action = actionOf(job);
    expect(action, job).toBeDefined();
    expect(components.get(job)).toBe(action === 'preflight' ? 'preflight' : action);
    const outputs = (nightly.jobs[job] as { outputs?: Record<string, string> }).outputs ?? {};
    const id = nightly.jobs[job]?.steps?.find((s) => s.uses === `./actions/${action}`) as
      { id?: string } | undefined;
    expect(outputs.error, job).toBe(`\${{ steps.${id?.id}.outputs.error }}`);
  });

  it('passes the preflight failed checks and healthy components', () => {
    const outputs = (nightly.jobs.plan as { outputs?: Record<string, string> }).outputs ?? {};
    expect(outputs.failures).toBe('${{ steps.plan.outputs.failures }}');
    expect(outputs.healthy).toBe('${{ steps.plan.outputs.healthy }}');
  });

  it('does not count enrichment as worked when the budget gate kept the LLM off or it fell back', () => {
    const outputs = (nightly.jobs.enrich as { outputs?: Record<string, string> }).outputs ?? {};
    const worked = (allowLlm: string, degraded: string): unknown =>
      evaluate(
        String(outputs.worked),
        { 'budget-gate': { result: 'success', outputs: { 'allow-llm': allowLlm } } },
        { enrich: { outputs: { degraded } } },
      );
    expect(worked('true', 'false')).toBe(true);
    expect(worked('false', 'false')).toBe(false);
    expect(worked('true', 'true')).toBe(false);
  });
});

/** Evaluates `${{ expression }}` with only the `github` context, as the runner would. */
function withGithub(text: string, github: unknown): unknown {
  const expression = /^\$\{\{([\s\S]*)\}\}$/.exec(text.trim())?.[1] ?? `'${text}'`;
  const tree = new Parser(new Lexer(expression).lex().tokens, ['github'], []).parse();
  const contexts = new data.Dictionary();
  contexts.add('github', JSON.parse(JSON.stringify(github), data.reviver) as data.ExpressionData);
  return JSON.parse(
    JSON.stringify(new Evaluator(tree, contexts, new Map()).evaluate(), data.replacer),
  );
}

describe('personal data in artifacts', () => {
  const steps = workflows.flatMap((workflow) =>
    Object.values(workflow.doc.jobs).flatMap((job) =>
      (job.steps ?? []).map((step) => ({ workflow: workflow.name, step })),
    ),
  );
  const using = (action: string) => steps.filter(({ step }) => step.uses === `./actions/${action}`);

  it('tells collect-county and maintain-db who can download the artifacts: public unless the event says private', () => {
    const writers = [...using('collect-county'), ...using('maintain-db')];
    expect(writers.length).toBeGreaterThanOrEqual(2);
    for (const { workflow, step } of writers) {
      const visibility = step.with?.['repository-visibility'];
      if (typeof visibility !== 'string') throw new Error(`${workflow}: no repository-visibility`);
      const at = `${workflow} ${step.uses}`;
      expect(withGithub(visibility, { event: { repository: { private: true } } }), at).toBe(
        'private',
      );
      expect(withGithub(visibility, { event: { repository: { private: false } } }), at).toBe(
        'public',
      );
      // An event without repository facts must not count as private.
      expect(withGithub(visibility, { event: {} }), at).toBe('public');
    }
  });

  it('passes the one passphrase secret to every action that seals, opens or encrypts personal data', () => {
    const inputs = [
      ...using('collect-county').map((s) => s.step.with?.['artifact-passphrase']),
      ...using('store-mongo').map((s) => s.step.with?.['artifact-passphrase']),
      ...using('maintain-db').map((s) => s.step.with?.['backup-passphrase']),
    ];
    expect(inputs.length).toBeGreaterThanOrEqual(3);
    for (const value of inputs) expect(value).toBe('${{ secrets.ARTIFACT_PASSPHRASE }}');
  });
});
