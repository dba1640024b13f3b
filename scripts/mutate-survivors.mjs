// Lists the mutants that survived the last mutation run (reports/mutation/mutation.json), one
// line each: file:line:column, status, mutator, the source line and its replacement.
// Usage: node scripts/mutate-survivors.mjs [path-substring]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const report = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'reports', 'mutation', 'mutation.json');
const only = process.argv[2];
const { files } = JSON.parse(readFileSync(report, 'utf8'));
for (const [file, { source, mutants }] of Object.entries(files)) {
  if (only !== undefined && !file.includes(only)) continue;
  const lines = source.split('\n');
  for (const m of mutants) {
    if (m.status !== 'Survived' && m.status !== 'NoCoverage') continue;
    const { line, column } = m.location.start;
    const replacement = (m.replacement ?? '').replace(/\s+/g, ' ');
    process.stdout.write(`${file}:${line}:${column} ${m.status} ${m.mutatorName}: ${lines[line - 1].trim()} ==> ${replacement}\n`);
  }
}
