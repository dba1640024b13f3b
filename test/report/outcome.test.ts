import { expect } from 'chai';
import path from 'node:path';
import { check } from '../../lib/check.js';
import { formatNames, loadFormatter } from '../../lib/report/index.js';
import type { FormatContext } from '../../lib/report/types.js';
import type { JudgedWith } from '../../lib/types.js';
import { examplesDir } from '../support/paths.js';

const insecure = path.join(examplesDir, 'seed', 'insecure', 'plan.json');
const unknown = path.join(examplesDir, 'situations', 'unknown-until-apply', 'plan.json');

describe('what fails the run: decided once, by the check', () => {
  it('records the options the report was judged with, the defaults when none are given', async () => {
    expect((await check(insecure)).summary.judgedWith).to.deep.equal({ failOn: 'medium', onlyNew: false, strict: false });
    expect((await check(insecure, { failOn: 'never', onlyNew: true, strict: true })).summary.judgedWith).to.deep.equal({
      failOn: 'never',
      onlyNew: true,
      strict: true,
    });
  });

  const cases: [string, string, Partial<JudgedWith>, boolean][] = [
    ['a high finding under the defaults', insecure, {}, false],
    ['a high finding under --fail-on never', insecure, { failOn: 'never' }, true],
    ['a policy not known until apply, not strict', unknown, {}, true],
    ['a policy not known until apply under --strict', unknown, { strict: true }, false],
  ];
  for (const [name, plan, options, passed] of cases) {
    it(`the text summary line agrees with summary.passed: ${name}`, async () => {
      const report = await check(plan, options);
      expect(report.summary.passed).to.equal(passed);
      const text = (await loadFormatter('text'))(report, { color: false });
      expect(text.trimEnd().split('\n').at(-1)).to.match(passed ? /: passed$/ : /: FAILED \(/);
    });
  }

  it('a formatter cannot be told other options than those the report was judged with', async () => {
    const report = await check(insecure);
    // Options a library caller might still pass beside the context: the report decides.
    const stale = { color: false, failOn: 'never', strict: true } as FormatContext;
    for (const name of formatNames) {
      const format = await loadFormatter(name);
      expect(format(report, stale), name).to.equal(format(report, { color: false }));
    }
    const text = (await loadFormatter('text'))(report, stale);
    expect(text.trimEnd().split('\n').at(-1)).to.match(/: FAILED \(2 failing findings\)$/);
  });
});
