import { STORAGE_WARN_SHARE } from './action-items.js';
import { meanApiLatencyMs } from './kpis.js';
import type { Report } from './report.js';
import { section, type Section } from './section-types.js';

const HOUR_MS = 3_600_000;

/** How long ago an incident opened: `5 h`, `3 d`. */
export function age(createdAt: string, now: string): string {
  const hours = Math.max(0, (Date.parse(now) - Date.parse(createdAt)) / HOUR_MS);
  return hours < 48 ? `${Math.floor(hours)} h` : `${Math.floor(hours / 24)} d`;
}

/** Open incident issues, most severe first, with links; or why they could not be read. */
export function incidentsSection(report: Report): Section {
  const { incidents, problem } = report.openIncidents;
  if (problem)
    return section('Open incidents', { lines: [`Open incidents could not be read: ${problem}`] });
  if (incidents.length === 0) return section('Open incidents', { lines: ['No open incidents.'] });
  return section('Open incidents', {
    tables: [
      {
        columns: ['Severity', 'Incident', 'Age'],
        rows: incidents.map((incident) => [
          {
            text: incident.severity ?? 'none',
            level:
              incident.severity === 'P0' || incident.severity === 'P1' ? 'critical' : 'warning',
          },
          { text: `#${incident.number} ${incident.title}`, url: incident.url },
          age(incident.createdAt, report.generatedAt),
        ]),
      },
    ],
  });
}

/** What the KPI table's uptime, cost per property and response time are measured over. */
export function kpiBasis(report: Report): string[] {
  const u = report.uptime;
  const uptime =
    u.share === null
      ? `Uptime n/a: ${u.reason ?? 'unknown'}`
      : `Uptime: ${u.up} of ${u.counted} nights completed (${u.from} to ${u.to})${u.downDays.length ? `; down: ${u.downDays.join(', ')}` : ''}`;
  const requests = report.runs.reduce((total, run) => total + run.apiRequests, 0);
  const latency = meanApiLatencyMs(report.runs);
  return [
    uptime,
    `Cost per property: ${report.costPerProperty.basis}`,
    latency === null
      ? 'County API response time n/a: no county request timings in the run-stats'
      : `County API response time: mean over ${requests.toLocaleString('en-US')} requests`,
  ];
}

/** Storage against the plan's limit, or why the database could not be read. */
export function databaseSection(report: Report): Section {
  const { problem, storage } = report.database;
  if (problem) return section('Database', { lines: [`Database could not be read: ${problem}`] });
  if (!storage) return section('Database', { lines: ['Storage not measured.'] });
  if (storage.usedMb === null || storage.share === null)
    return section('Database', {
      lines: [`Storage n/a: ${storage.problem ?? 'unknown'} (limit ${storage.limitMb} MB)`],
    });
  const flag =
    storage.share > STORAGE_WARN_SHARE
      ? ` — above ${STORAGE_WARN_SHARE * 100} %: lower the retention days or move to a larger plan`
      : '';
  return section('Database', {
    lines: [
      `Storage: ${storage.usedMb} MB of ${storage.limitMb} MB (${(storage.share * 100).toFixed(1)} %)${flag}`,
    ],
  });
}
