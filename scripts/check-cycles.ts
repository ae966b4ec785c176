/**
 * `tsx scripts/check-cycles.ts [dir...]`: exits 1, naming the files, when TypeScript sources
 * import each other in a cycle (type-only imports count too). Without arguments it checks the
 * project's sources: actions/, shared/, local/, scripts/ and test/.
 */
import path from 'node:path';
import { findCyclesUnder } from './import-cycles.js';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const dirs = (args.length ? args : ['actions', 'shared', 'local', 'scripts', 'test']).map((dir) =>
  path.resolve(root, dir),
);
const cycles = findCyclesUnder(dirs);
const show = (file: string): string => {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') ? file : relative;
};
if (cycles.length === 0) {
  console.log(`no import cycles under ${dirs.map(show).join(', ')}`);
} else {
  console.error(`${cycles.length} import cycle(s); move what both sides need into its own file:`);
  for (const cycle of cycles) {
    console.error(`  ${cycle.path.map(show).join(' -> ')}`);
    if (cycle.files.length > cycle.path.length - 1) {
      console.error(`    (tangled with: ${cycle.files.map(show).join(', ')})`);
    }
  }
  process.exitCode = 1;
}
