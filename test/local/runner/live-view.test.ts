import { describe, expect, it } from 'vitest';
import { liveReporter, renderLiveBlock } from '../../../local/runner/live-view.js';
import { plainReporter } from '../../../local/runner/report.js';

describe('the live view', () => {
  it('shows each job with its state, time, and the step it is on or failed at', () => {
    const lines = renderLiveBlock(
      [
        { label: 'plan', status: 'success', startedAt: 0, ms: 2100 },
        {
          label: 'county (85031)',
          status: 'running',
          startedAt: 1000,
          step: 'Collect',
          stepStartedAt: 4000,
        },
        { label: 'mls (85031)', status: 'failure', startedAt: 0, ms: 5000, failedStep: 'Scrape' },
        { label: 'enrich', status: 'skipped', startedAt: 0 },
      ],
      13_500,
      100,
    );
    expect(lines).toEqual([
      ' \u2713 plan              2.1s',
      ' \u25cf county (85031)   12.5s  Collect (9.5s)',
      ' \u2717 mls (85031)       5.0s  failed at: Scrape',
      ' - enrich                  skipped',
      ' 1 running, 3 done',
    ]);
    expect(
      renderLiveBlock([{ label: 'x'.repeat(60), status: 'running', startedAt: 0 }], 0, 30)[0],
    ).toHaveLength(29);
  });

  it('redraws the block in place and prints failed steps and messages above it', () => {
    let screen = '';
    let clock = 0;
    const reporter = liveReporter(
      { write: (text) => (screen += text), columns: 80 },
      {
        now: () => clock,
        refreshMs: 60_000,
      },
    );
    reporter.event({ type: 'job-started', key: 'plan', label: 'plan' });
    clock = 1500;
    reporter.event({ type: 'step-started', key: 'plan', step: 'Plan the run' });
    reporter.event({
      type: 'step-finished',
      key: 'plan',
      step: 'Plan the run',
      outcome: 'failure',
      ms: 900,
      tail: ['no ZIP codes'],
    });
    reporter.event({
      type: 'job-finished',
      key: 'plan',
      label: 'plan',
      result: 'failure',
      ms: 1500,
    });
    reporter.close();
    reporter.message('workflow data-collection: failure in 1.5s');
    // Each redraw moves up over the previous block (2 lines) and clears it.
    expect(screen).toContain('\x1b[2A\x1b[0J');
    expect(screen).toContain('  - [plan] Plan the run: failure in 0.9s\n      | no ZIP codes\n');
    expect(screen).toContain(' \u2717 plan        1.5s  failed at: Plan the run\n');
    expect(screen.endsWith('workflow data-collection: failure in 1.5s\n')).toBe(true);
  });

  it('draws whole lines on a terminal that reports no width', () => {
    let screen = '';
    const reporter = liveReporter(
      { write: (text) => (screen += text), columns: 0 },
      {
        now: () => 0,
        refreshMs: 60_000,
      },
    );
    reporter.event({ type: 'job-started', key: 'plan', label: 'plan' });
    reporter.event({
      type: 'job-finished',
      key: 'plan',
      label: 'plan',
      result: 'success',
      ms: 2100,
    });
    reporter.close();
    expect(screen).toContain(' \u2713 plan        2.1s\n');
  });

  it('prints one line per event when not on a terminal', () => {
    const lines: string[] = [];
    const reporter = plainReporter((line) => lines.push(line));
    reporter.event({ type: 'job-started', key: 'store', label: 'store' });
    reporter.event({ type: 'step-started', key: 'store', step: 'Store' });
    reporter.event({
      type: 'step-finished',
      key: 'store',
      step: 'Cache',
      outcome: 'success',
      ms: 0,
      note: 'no cache for ollama-Linux-llama3.2',
    });
    reporter.event({
      type: 'step-finished',
      key: 'store',
      step: 'Store',
      outcome: 'success',
      ms: 2345,
    });
    reporter.event({
      type: 'job-finished',
      key: 'store',
      label: 'store',
      result: 'success',
      ms: 2500,
    });
    expect(lines).toEqual([
      'job store: started',
      '  - [store] Cache: success in 0.0s (no cache for ollama-Linux-llama3.2)',
      '  - [store] Store: success in 2.3s',
      'job store: success in 2.5s',
    ]);
  });
});
