import { coverageSection } from './coverage-section.js';
import { count } from './format.js';
import type { Report } from './report.js';
import { databaseSection, incidentsSection, kpiBasis } from './operator-sections.js';
import { costSection, executive, marketSection } from './section-parts.js';
import { section, type Section } from './section-types.js';

export type { Cell, Section, Table } from './section-types.js';

/** The report's sections in reading order. */
export function reportSections(report: Report): Section[] {
  const sections: Section[] = [executive(report)];
  sections.push(incidentsSection(report));
  sections.push(
    section('KPIs against targets', {
      lines: kpiBasis(report),
      tables: [
        {
          columns: ['KPI', 'Value', 'Target', 'Alert levels', 'Level'],
          rows: report.kpis.map((k) => [
            k.name,
            { text: k.value, level: k.level },
            k.target,
            k.alerts,
            { text: k.level, level: k.level },
          ]),
        },
      ],
    }),
  );
  if (report.comparison.length)
    sections.push(
      section(
        report.kind === 'weekly'
          ? 'Week over week'
          : report.kind === 'monthly'
            ? 'Month over month'
            : 'Day over day',
        {
          tables: [
            {
              columns: ['Metric', 'This period', 'Previous period', 'Change'],
              rows: report.comparison.map((r) => [r.metric, r.current, r.previous, r.change]),
            },
          ],
          charts: ['collected-per-run'],
        },
      ),
    );
  sections.push(
    section('Properties by ZIP', {
      lines: report.byZip.length ? [] : ['No collection figures by ZIP.'],
      tables: report.byZip.length
        ? [
            {
              columns: ['ZIP', 'County', 'Listings', 'Total'],
              rows: report.byZip.map((r) => [r.zip, count(r.county), count(r.mls), count(r.total)]),
            },
          ]
        : [],
      charts: ['collected-by-zip'],
    }),
  );
  sections.push(coverageSection(report.coverage));
  sections.push(
    section('Errors and how they were resolved', {
      lines: report.errors.length ? [] : ['No errors.'],
      tables: report.errors.length
        ? [
            {
              columns: ['Class', 'Errors', 'Resolution'],
              rows: report.errors.map((e) => [e.errorClass, count(e.count), e.resolution]),
            },
          ]
        : [],
    }),
  );
  sections.push(costSection(report));
  sections.push(
    section('Data quality', {
      lines: report.quality.length ? [] : ['No quality figures (store-mongo did not report).'],
      tables: report.quality.length
        ? [{ columns: ['Measure', 'Value'], rows: report.quality.map((q) => [q.measure, q.value]) }]
        : [],
    }),
  );
  sections.push(databaseSection(report));
  const market = marketSection(report);
  if (market) sections.push(market);
  sections.push(
    section('Action items', {
      lines: report.actionItems.length ? [] : ['Nothing needs attention.'],
      tables: report.actionItems.length
        ? [
            {
              columns: ['Item'],
              rows: report.actionItems.map((i) => [i.url ? { text: i.text, url: i.url } : i.text]),
            },
          ]
        : [],
    }),
  );
  if (report.notes.length) sections.push(section('Notes', { lines: report.notes }));
  return sections;
}
