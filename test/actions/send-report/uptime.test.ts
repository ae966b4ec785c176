import { describe, expect, it } from 'vitest';
import { measureUptime } from '../../../actions/send-report/src/uptime.js';
import type { NightRun, WorkflowHistory } from '../../../actions/send-report/src/workflow-runs.js';

/** A run created at 04:00 Phoenix (11:00 UTC) on `day`. */
const night = (day: string, conclusion: string | null, id = `r-${day}`): NightRun => ({
  id,
  createdAt: `${day}T11:00:00Z`,
  status: conclusion === null ? 'in_progress' : 'completed',
  conclusion,
});

const history = (runs: NightRun[], ranBefore = false): WorkflowHistory => ({
  workflow: 'data-collection.yml',
  runs,
  ranBefore,
  problem: undefined,
});

const window = { today: '2026-11-28', days: 7, ownRunId: 'tonight', ownRunUp: true };

describe('uptime: share of scheduled nights that completed', () => {
  it('counts a missed night and a failed night as down, from the first run on', () => {
    const uptime = measureUptime(
      history([
        night('2026-11-24', 'success'),
        night('2026-11-25', 'failure'),
        night('2026-11-27', 'success'),
        night('2026-11-28', 'success'),
      ]),
      window,
    );
    // The 22nd and 23rd came before the workflow's first run; the 26th had no run at all.
    expect(uptime).toMatchObject({ up: 3, counted: 5, downDays: ['2026-11-25', '2026-11-26'] });
    expect(uptime.share).toBeCloseTo(0.6);
  });

  it("counts every day of the window when the workflow ran before it, and a rerun's success", () => {
    const uptime = measureUptime(
      history(
        [
          ...['22', '23', '24', '25', '26', '27', '28'].map((d) =>
            night(`2026-11-${d}`, 'success'),
          ),
          night('2026-11-25', 'failure', 'first-try'),
        ],
        true,
      ),
      window,
    );
    expect(uptime).toMatchObject({ up: 7, counted: 7, share: 1, from: '2026-11-22' });
  });

  it("takes tonight's own, still running night from its jobs, and skips today before any run ended", () => {
    const runs = [night('2026-11-27', 'success'), night('2026-11-28', null, 'tonight')];
    expect(measureUptime(history(runs, true), window).downDays).toEqual([
      '2026-11-22',
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
    ]);
    const failedTonight = measureUptime(history(runs, true), { ...window, ownRunUp: false });
    expect(failedTonight.downDays).toContain('2026-11-28');
    const weekly = measureUptime(history([night('2026-11-27', 'success')]), {
      ...window,
      ownRunId: 'weekly-report',
    });
    expect(weekly).toMatchObject({ up: 1, counted: 1 });
  });

  it('counts tonight from its jobs when GitHub does not list the running night yet', () => {
    const tonight = { ...window, ownRunIsTonight: true, ownRunUp: false };
    expect(measureUptime(history([night('2026-11-27', 'success')]), tonight)).toMatchObject({
      up: 1,
      counted: 2,
      downDays: ['2026-11-28'],
    });
    expect(measureUptime(history([]), { ...tonight, ownRunUp: true })).toMatchObject({
      up: 1,
      counted: 1,
      share: 1,
    });
  });

  it('has no value, with the reason, when the runs could not be read or there are none', () => {
    const unread = measureUptime({ ...history([]), problem: 'no github-token was given' }, window);
    expect(unread.share).toBeNull();
    expect(unread.reason).toBe('runs of data-collection.yml not read: no github-token was given');
    expect(measureUptime(history([]), window).reason).toBe(
      'data-collection.yml has no runs in the period',
    );
  });
});
