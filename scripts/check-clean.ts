import { execFileSync } from 'node:child_process';

/**
 * `tsx scripts/check-clean.ts <npm-script> <path>`: runs the npm script, then fails when the
 * working tree under <path> differs from what is committed, untracked files included.
 */
const [script, target] = process.argv.slice(2);
if (!script || !target) {
  console.error('usage: tsx scripts/check-clean.ts <npm-script> <path>');
  process.exit(2);
}
execFileSync('npm', ['run', '-s', script], { stdio: 'inherit' });
const changes = execFileSync(
  'git',
  ['status', '--porcelain', '--untracked-files=all', '--', target],
  {
    encoding: 'utf8',
  },
);
if (changes.trim() !== '') {
  console.error(`${target}/ is not current: 'npm run ${script}' changed these files:\n${changes}`);
  console.error(`Run 'npm run ${script}' and commit the result.`);
  process.exit(1);
}
console.log(`${target}/ is current`);
