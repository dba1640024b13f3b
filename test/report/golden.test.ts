/**
 * Golden files: every format of every sample report, byte for byte. Regenerate them after an
 * intended change with UPDATE_GOLDEN=1 (then review the diff):
 *
 *   npx tsc -p . ; UPDATE_GOLDEN=1 npx mocha 'dist/test/report/golden.test.js'
 */
import { expect } from 'chai';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatNames, loadFormatter, type FormatContext } from '../../lib/report/index.js';
import type { Report } from '../../lib/types.js';
import { fixture } from '../support/paths.js';
import { cleanReport, severalReport, warningsOnlyReport } from './sample-reports.js';

const GOLDEN_DIR = fixture('report', 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const EXTENSIONS: Readonly<Record<string, string>> = {
  text: 'txt',
  json: 'json',
  sarif: 'sarif.json',
  junit: 'junit.xml',
  markdown: 'md',
  github: 'github.txt',
  atlantis: 'atlantis.txt',
  gitlab: 'gitlab.json',
};

const REPORTS: Readonly<Record<string, Report>> = { several: severalReport, 'warnings-only': warningsOnlyReport, clean: cleanReport };
const PLAIN: FormatContext = { color: false };

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function checkGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN_DIR, name);
  if (UPDATE) {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  expect(existsSync(file), `${file} is missing: run with UPDATE_GOLDEN=1`).to.equal(true);
  expect(actual, `${name} differs from its golden file (UPDATE_GOLDEN=1 regenerates it)`).to.equal(readFileSync(file, 'utf8'));
}

describe('report formats: golden files', () => {
  it('has a golden extension for every format', () => {
    expect(Object.keys(EXTENSIONS)).to.deep.equal([...formatNames]);
  });

  for (const [reportName, report] of Object.entries(REPORTS)) {
    deepFreeze(report);
    for (const format of formatNames) {
      it(`${reportName}.${EXTENSIONS[format]}`, async () => {
        const formatter = await loadFormatter(format);
        const output = formatter(report, PLAIN);
        expect(formatter(report, PLAIN), 'same report, same bytes').to.equal(output);
        checkGolden(`${reportName}.${EXTENSIONS[format]}`, output);
      });
    }
  }

  it('several.color.txt: the text format in colour', async () => {
    const text = await loadFormatter('text');
    checkGolden('several.color.txt', text(severalReport, { color: true }));
  });
});
