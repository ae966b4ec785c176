import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * `npm run bench [name...]`: runs each `test/bench/<name>.bench.ts` in its own process, one after
 * another so they do not compete for the two cores. Each prints its results as ratios against a
 * baseline measured in the same run; nothing here asserts a time.
 */
const dir = import.meta.dirname;
const wanted = process.argv.slice(2);
const benches = readdirSync(dir)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => wanted.length === 0 || wanted.includes(file.replace(/\.bench\.ts$/, '')))
  .sort();
if (benches.length === 0) {
  console.error(`no benchmarks match ${wanted.join(', ') || '*'} in ${dir}`);
  process.exit(1);
}
for (const file of benches) {
  console.log(`\n## ${file}`);
  execFileSync(process.execPath, ['--import', 'tsx', path.join(dir, file)], { stdio: 'inherit' });
}
