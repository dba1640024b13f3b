// Prints the mutation score of one or more Stryker JSON reports, per file and in total: killed
// and timed-out mutants over all that compiled and ran (ignored ones, disabled in the source
// with a reason, do not count). With several reports, a file's results come from the last report
// that has it: a full run followed by a rerun of some files after their tests changed.
// Usage: node scripts/mutate-score.mjs [report.json ...] (default reports/mutation/mutation.json)
import { readFileSync } from 'node:fs';

const paths = process.argv.length > 2 ? process.argv.slice(2) : ['reports/mutation/mutation.json'];
const files = new Map();
for (const path of paths) {
  for (const [file, { mutants }] of Object.entries(JSON.parse(readFileSync(path, 'utf8')).files)) files.set(file, mutants);
}
const DETECTED = new Set(['Killed', 'Timeout']);
const NOT_COUNTED = new Set(['CompileError', 'RuntimeError', 'Ignored']);
let detected = 0;
let counted = 0;
for (const [file, mutants] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
  const valid = mutants.filter((m) => !NOT_COUNTED.has(m.status));
  const hit = valid.filter((m) => DETECTED.has(m.status)).length;
  detected += hit;
  counted += valid.length;
  const ignored = mutants.filter((m) => m.status === 'Ignored').length;
  process.stdout.write(`${file.padEnd(32)} ${((100 * hit) / Math.max(1, valid.length)).toFixed(1).padStart(5)}% (${hit}/${valid.length}, ${ignored} ignored)\n`);
}
process.stdout.write(`mutation score: ${((100 * detected) / Math.max(1, counted)).toFixed(2)}% (${detected}/${counted})\n`);
