import { expect } from 'chai';
import path from 'node:path';
import { corpusDir } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';
import { corpusExpectations, corpusFiles, requireCorpus } from '../support/shared.js';

interface Expectation {
  readonly exit: number;
  readonly findings: Readonly<Record<string, string>>;
  readonly note?: string;
}

const expected = corpusExpectations<Expectation>();

describe('corpus: real plans and states give the expected verdicts', () => {
  before(function () {
    requireCorpus(this);
  });

  it('has an expectation for every corpus file and a file for every expectation', () => {
    const files = corpusFiles();
    expect(files).to.deep.equal(Object.keys(expected).sort());
  });

  for (const [file, expectation] of Object.entries(expected)) {
    it(`${file}: exit ${expectation.exit}, ${Object.keys(expectation.findings).length} finding(s)`, () => {
      const result = runCli(['--format', 'json', path.join(corpusDir, file)]);
      expect(result.stderr).to.not.match(/\n\s+at /);
      expect(result.status, result.stderr).to.equal(expectation.exit);
      const report = JSON.parse(result.stdout) as { findings: { address: string; scope: string }[] };
      const findings = Object.fromEntries(report.findings.map((f) => [f.address, f.scope]));
      expect(findings).to.deep.equal(expectation.findings);
    });
  }
});
