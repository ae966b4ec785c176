import { describe, expect, it } from 'vitest';
import { assessBudget } from '../../../actions/check-budget/src/budget.js';
import type { CheckBudgetResult } from '../../../actions/check-budget/src/check-budget.js';
import { DEFAULT_POLICY } from '../../../actions/check-budget/src/levels.js';
import { budgetBar, budgetSummary, dollars } from '../../../actions/check-budget/src/summary.js';
import { entry, testCard } from './cards.js';

function result(overrides: Partial<CheckBudgetResult>): CheckBudgetResult {
  const status = assessBudget({
    budget: 25,
    entries: [entry('1', '2026-11-02', 24)],
    card: testCard(),
    policy: DEFAULT_POLICY,
    now: new Date('2026-11-02T10:00:00Z'),
  });
  return {
    stage: 'record',
    dryRun: false,
    status,
    reason: '',
    run: undefined,
    runCost: 0,
    costPerProperty: 0,
    propertyCount: 0,
    rateCardVersion: 'v1',
    ledger: undefined,
    recorded: 0,
    artifact: null,
    ...overrides,
  };
}

describe('budget summary', () => {
  it('shows dollars below a cent to four places', () => {
    expect([0, 0.0042, 0.01, 12.345].map(dollars)).toEqual(['$0.00', '$0.0042', '$0.01', '$12.35']);
  });

  it('draws a bar of twenty cells, full when over budget', () => {
    expect(budgetBar(0)).toBe('░'.repeat(20));
    expect(budgetBar(0.5)).toBe(`${'█'.repeat(10)}${'░'.repeat(10)}`);
    expect(budgetBar(1.6)).toBe('█'.repeat(20));
  });

  it('shows the gates and keeps rate-card text from breaking the table', () => {
    const markdown = budgetSummary(
      result({
        runCost: 0.05,
        run: {
          lines: [
            {
              service: 'github-actions',
              item: 'GPU | <script>alert(1)</script>',
              unit: 'minute',
              quantity: 5,
              price: 0.01,
              per: 1,
              cost: 0.05,
            },
          ],
          usageRecords: 0,
          artifacts: [],
          missingArtifacts: [],
          jobs: 1,
          jobsProblem: undefined,
        },
      }),
    );
    expect(markdown).toContain('## Budget: critical');
    expect(markdown).toContain('- Scraping: **off**; LLM enrichment: **off**');
    expect(markdown).toContain(
      '| github-actions | GPU \\| \\<script\\>alert(1)\\</script\\> | 5 minute | $0.01 per minute | $0.05 |',
    );
    expect(markdown).not.toContain('<script>');
  });
});
