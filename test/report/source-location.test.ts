import { expect } from 'chai';
import { formatGithub } from '../../lib/report/github.js';
import { formatGitlab } from '../../lib/report/gitlab.js';
import { formatJunit } from '../../lib/report/junit.js';
import { formatMarkdown } from '../../lib/report/markdown.js';
import { formatSarif } from '../../lib/report/sarif.js';
import { formatText } from '../../lib/report/text.js';
import type { FormatContext } from '../../lib/report/types.js';
import type { Report } from '../../lib/types.js';
import { severalReport } from './sample-reports.js';

const PLAIN: FormatContext = { color: false };
/** A file name holding the characters each format escapes. */
const FILE = 'infra/a,b:c&<d> e.tf';
const located: Report = {
  ...severalReport,
  findings: severalReport.findings.map((finding, i) =>
    i === 0 ? { ...finding, location: { file: FILE, startLine: 12, endLine: 15, startColumn: 3, endColumn: 4 } } : finding,
  ),
};

describe('report formats: a finding with a source location', () => {
  it('github: file, line and endLine, escaped as properties', () => {
    const line = formatGithub(located, PLAIN).split('\n')[0]!;
    expect(line.startsWith('::error file=infra/a%2Cb%3Ac&<d> e.tf,line=12,endLine=15,title=')).to.equal(true);
  });

  it('sarif: the source as the physical location with its region; the plan as a related location', () => {
    const result = JSON.parse(formatSarif(located, PLAIN)).runs[0].results[0];
    expect(result.locations[0].physicalLocation).to.deep.equal({
      artifactLocation: { uri: 'infra/a%2Cb%3Ac%26%3Cd%3E%20e.tf' },
      region: { startLine: 12, endLine: 15, startColumn: 3, endColumn: 4 },
    });
    expect(result.relatedLocations).to.deep.equal([
      {
        id: 0,
        physicalLocation: { artifactLocation: { uri: 'plan.json' }, region: { startLine: 1 } },
        logicalLocations: [{ name: 'aws_iam_policy.admin', fullyQualifiedName: 'aws_iam_policy.admin', kind: 'resource' }],
        message: { text: 'The plan the finding was made on' },
      },
    ]);
    // The fingerprint does not depend on the location.
    const plain = JSON.parse(formatSarif(severalReport, PLAIN)).runs[0].results[0];
    expect(result.partialFingerprints).to.deep.equal(plain.partialFingerprints);
  });

  it('gitlab: location.path and lines.begin, the fingerprint unchanged', () => {
    const [issue] = JSON.parse(formatGitlab(located, PLAIN));
    const [plain] = JSON.parse(formatGitlab(severalReport, PLAIN));
    expect(issue.location).to.deep.equal({ path: FILE, lines: { begin: 12 } });
    expect(issue.fingerprint).to.equal(plain.fingerprint);
  });

  it('text and markdown: file:line', () => {
    expect(formatText(located, PLAIN)).to.include(`\n  written at ${FILE}:12\n`);
    expect(formatMarkdown(located, PLAIN)).to.include(`, written at \`${FILE}:12\``);
  });

  it('junit: the file attribute, XML-escaped', () => {
    expect(formatJunit(located, PLAIN)).to.include(' file="infra/a,b:c&amp;&lt;d&gt; e.tf">');
  });

  it('without a location, no format changes', () => {
    for (const format of [formatGithub, formatGitlab, formatJunit, formatMarkdown, formatSarif, formatText]) {
      expect(format({ ...severalReport, findings: [...severalReport.findings] }, PLAIN)).to.equal(format(severalReport, PLAIN));
    }
    expect(formatText(severalReport, PLAIN)).to.not.include('written at');
  });
});
