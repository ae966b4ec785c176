import { describe, expect, it } from 'vitest';
import {
  jobsToRerun,
  matrixResult,
  planJobs,
  readyJobs,
  runConclusion,
  type JobConclusion,
} from '../../../local/runner/plan.js';

const nightly = [
  { id: 'report', needs: ['store', 'plan'] },
  { id: 'plan', needs: [] },
  { id: 'county', needs: ['plan'] },
  { id: 'mls', needs: ['plan'] },
  { id: 'store', needs: ['county', 'mls'] },
  { id: 'watch', needs: [] },
];

describe('planJobs', () => {
  it('orders every job after the jobs it needs', () => {
    const order = planJobs(nightly).map((job) => job.id);
    for (const job of nightly) {
      for (const need of job.needs) expect(order.indexOf(need)).toBeLessThan(order.indexOf(job.id));
    }
    expect(order).toHaveLength(nightly.length);
  });

  it.each([
    [
      [{ id: 'store', needs: ['enrich'] }],
      'job store needs enrich, which the workflow does not define',
    ],
    [[{ id: 'a', needs: ['a'] }], 'jobs need each other in a cycle: a -> a'],
    [
      [
        { id: 'a', needs: ['c'] },
        { id: 'b', needs: ['a'] },
        { id: 'c', needs: ['b'] },
      ],
      'jobs need each other in a cycle: a -> c -> b -> a',
    ],
  ])('refuses a graph that can never run before anything starts (%#)', (jobs, message) => {
    expect(() => planJobs(jobs)).toThrow(message);
  });
});

describe('readyJobs', () => {
  it('starts the jobs whose needs have all ended', () => {
    const plan = planJobs(nightly);
    expect(readyJobs(plan, new Set()).map((job) => job.id)).toEqual(['plan', 'watch']);
    const ready = readyJobs(plan, new Set(['plan', 'watch', 'county']));
    expect(ready.map((job) => job.id)).toEqual(['mls']);
  });
});

describe('jobsToRerun', () => {
  it('re-runs failed and cancelled jobs and everything downstream of them, nothing else', () => {
    const previous: Record<string, JobConclusion> = {
      plan: 'success',
      county: 'cancelled',
      mls: 'success',
      store: 'skipped',
      report: 'failure',
      watch: 'success',
    };
    expect([...jobsToRerun(planJobs(nightly), previous)].sort()).toEqual([
      'county',
      'report',
      'store',
    ]);
  });

  it('runs a job the earlier attempt never reached', () => {
    const rerun = jobsToRerun(planJobs(nightly), { plan: 'success', watch: 'success' });
    expect([...rerun].sort()).toEqual(['county', 'mls', 'report', 'store']);
  });
});

describe('conclusions', () => {
  it.each([
    [['success', 'skipped'], 'success', 'success'],
    [['success', 'cancelled'], 'cancelled', 'cancelled'],
    [['cancelled', 'failure', 'success'], 'failure', 'failure'],
    [['skipped', 'skipped'], 'skipped', 'success'],
  ] as Array<[JobConclusion[], JobConclusion, string]>)(
    'a matrix of %j reads %s to later jobs; a run of them concludes %s',
    (results, matrix, run) => {
      expect(matrixResult(results)).toBe(matrix);
      expect(runConclusion(results)).toBe(run);
    },
  );
});
