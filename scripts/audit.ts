import { spawnSync } from 'node:child_process';
import { SEVERITIES, judgeAudit, type Finding, type Severity } from './audit-verdict.js';

/**
 * `tsx scripts/audit.ts`: fails CI when a production dependency has a known vulnerability at or
 * above AUDIT_LEVEL (default `low`, so every advisory counts). When the advisory service cannot
 * be asked (offline, or a registry mirror without the audit endpoint) it says so and passes:
 * an audit that cannot run proves nothing either way. Extra arguments go to `npm audit`.
 */
const level = (process.env.AUDIT_LEVEL ?? 'low') as Severity;
if (!SEVERITIES.includes(level)) {
  console.error(`AUDIT_LEVEL must be one of ${SEVERITIES.join(', ')}; got '${level}'`);
  process.exit(2);
}
const run = spawnSync('npm', ['audit', '--omit=dev', '--json', ...process.argv.slice(2)], {
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
const verdict = judgeAudit(run.stdout, level);
const line = (finding: Finding): string =>
  `  ${finding.name} (${finding.severity}): ${finding.titles.join('; ') || 'see npm audit'}`;

if (verdict.kind === 'unavailable') {
  console.log(`audit: could not run (${verdict.reason}); production dependencies not checked`);
  process.exit(0);
}
for (const finding of verdict.below) console.log(`audit: below ${level}:\n${line(finding)}`);
if (verdict.kind === 'clean') {
  console.log(`audit: no production dependency has a known vulnerability at ${level} or above`);
  process.exit(0);
}
console.error(`audit: vulnerable production dependencies (level ${level} or above):`);
for (const finding of verdict.findings) console.error(line(finding));
console.error('Update them (npm update <name>, or a newer pin) and commit package-lock.json.');
process.exit(1);
