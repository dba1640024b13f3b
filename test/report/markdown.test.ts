import { expect } from 'chai';
import { MARKDOWN_MAX_LENGTH, formatMarkdown } from '../../lib/report/markdown.js';
import { code, codeBlock, prose } from '../../lib/report/markdown-text.js';
import type { FormatContext } from '../../lib/report/types.js';
import { hostileReport } from './hostile-report.js';
import { cleanReport, hugeReport, severalReport, judged } from './sample-reports.js';

const PLAIN: FormatContext = { color: false };

function shownFindings(markdown: string): number {
  return (markdown.match(/^#### High: /gm) ?? []).length;
}

function shownUnevaluated(markdown: string): number {
  return (markdown.match(/^- `aws_iam_policy\.generated`|^- `module\.team\["t\d+"\]\.aws_iam_policy\.q/gm) ?? []).length;
}

describe('markdown format', () => {
  it('stays under 65,000 characters for a huge report, and counts what it left out', function () {
    this.timeout(60_000);
    const report = hugeReport(3000);
    const markdown = formatMarkdown(report, PLAIN);
    expect(MARKDOWN_MAX_LENGTH).to.equal(65_000);
    expect(markdown.length).to.be.below(65_000);
    expect(markdown.length, 'uses the room it has').to.be.above(60_000);
    const findings = shownFindings(markdown);
    expect(findings).to.be.greaterThan(10);
    const note =
      /_Not shown: (\d+) findings, (\d+) policies not evaluated\. This summary stops short of 65000 characters; the json and sarif reports list everything\._\n$/.exec(
        markdown,
      );
    expect(note, markdown.slice(-300)).to.not.equal(null);
    expect(findings + Number(note![1])).to.equal(3000);
    expect(shownUnevaluated(markdown) + Number(note![2])).to.equal(3000);
  });

  it('keeps under any limit it is given, cutting whole entries', () => {
    const report = hugeReport(40);
    for (let limit = 300; limit <= 60_000; limit += 1_337) {
      const markdown = formatMarkdown(report, { ...PLAIN, markdownMaxLength: limit });
      expect(markdown.length, `limit ${limit}`).to.be.below(limit);
    }
    const markdown = formatMarkdown(report, { ...PLAIN, markdownMaxLength: 10_000 });
    const note = /_Not shown: (\d+) findings, (\d+) policies not evaluated\./.exec(markdown)!;
    expect(shownFindings(markdown) + Number(note[1])).to.equal(40);
    expect(markdown).to.not.match(/#### High: [^\n]*\n(?![\s\S]*\n- Scope)/, 'no finding is cut after its heading');
  });

  it('shows everything, with no note, when it fits', () => {
    const markdown = formatMarkdown(severalReport, PLAIN);
    expect(markdown).to.not.contain('Not shown');
    expect((markdown.match(/^#### /gm) ?? []).length).to.equal(4);
  });

  it('gives the fix as HCL in a collapsed hcl block, and the Security Hub control beside the rule', () => {
    const [admin] = severalReport.findings;
    const fixHcl = { form: 'jsonencode' as const, replaces: 'policy', text: 'policy = jsonencode({\n  Statement = []\n})' };
    const markdown = formatMarkdown({ ...cleanReport, findings: [{ ...admin!, fixHcl }] }, PLAIN);
    expect(markdown).to.contain(
      '<details><summary>Fix as HCL (if policy is written with jsonencode, replace it with this; then the placeholder key ARNs with the real ones)</summary>\n\n```hcl\npolicy = jsonencode({\n  Statement = []\n})\n```\n\n</details>',
    );
    expect(markdown).to.contain('rule `kms-decrypt-all-keys` (Security Hub KMS.1)');
  });

  it('opens with the verdict and the summary table', () => {
    const lines = formatMarkdown(severalReport, PLAIN).split('\n');
    expect(lines.slice(0, 7)).to.deep.equal([
      '## kmsguard',
      '',
      '**Failed**: 2 findings at or above medium, 1 policy that could not be evaluated.',
      '',
      '| Documents | Policies judged | High | Medium | Low | Suppressed | Not evaluated | Skipped |',
      '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      '| 2 | 5 | 2 | 1 | 1 | 1 | 2 | 1 |',
    ]);
    expect(formatMarkdown(judged(severalReport, { failOn: 'never' }), PLAIN).split('\n')[2]).to.equal('**Failed**: 1 policy that could not be evaluated.');
  });

  it('lets no plan text open markup: hostile text stays inside code or escaped', () => {
    const markdown = formatMarkdown(hostileReport(), PLAIN);
    expect(markdown).to.not.match(/\u001b|\u0000|\r/);
    let fenced = false;
    for (const line of markdown.split('\n')) {
      if (/^`{3,}/.test(line)) fenced = !fenced;
      if (fenced) continue;
      const outsideCode = line.replace(/(`+)[\s\S]*?\1/g, '');
      expect(outsideCode, line).to.not.match(/(?<!\\)<(?!\/?(details|summary)>)/);
      expect(outsideCode, line).to.not.match(/(?<!\\)@team/);
    }
  });

  describe('escaping helpers', () => {
    const codeTable: [string, string][] = [
      ['plain', '`plain`'],
      ['a`b', '``a`b``'],
      ['``x', '``` ``x ```'],
      ['x`', '`` x` ``'],
      ['line\nbreak', '`line\\u000abreak`'],
      ['', '` `'],
    ];
    for (const [input, expected] of codeTable) {
      it(`code(${JSON.stringify(input)})`, () => expect(code(input)).to.equal(expected));
    }
    it('codeBlock uses a fence longer than any backtick run inside', () => {
      expect(codeBlock('[1]', 'json')).to.equal('```json\n[1]\n```');
      expect(codeBlock('a ```` b')).to.equal('`````\na ```` b\n`````');
    });
    it('prose escapes what could start markup inside a line', () => {
      expect(prose('<b>*x* _y_ [l](u) `c` | ~s~ & $m$ \\ ok.')).to.equal('\\<b\\>\\*x\\* \\_y\\_ \\[l\\](u) \\`c\\` \\| \\~s\\~ \\& \\$m\\$ \\\\ ok.');
    });
    it('prose breaks what GitHub links after rendering with a zero-width space', () => {
      const table: [string, string][] = [
        ['@me @org/team', '@\u200bme @\u200borg/team'],
        ['#1 org/repo#2', '#\u200b1 org/repo#\u200b2'],
        ['user@example.com', 'user@\u200bexample.com'],
        ['http://evil.example https://e.x HTTP://E.X', 'http\u200b://evil.example https\u200b://e.x HTTP\u200b://E.X'],
        ['www.evil.example WWW.e.x awww.x', 'www\u200b.evil.example WWW\u200b.e.x awww.x'],
        ['##[error]x', '#\u200b#\u200b\\[error\\]x'],
      ];
      for (const [input, expected] of table) expect(prose(input), input).to.equal(expected);
    });
    it('code and codeBlock make their text printable and never overflow on many backtick runs', () => {
      expect(code('##[error] \u202e')).to.equal('`#\u200b#[error] \\u202e`');
      expect(codeBlock('a\n##[error]\n\u009b')).to.equal('```\na\n#\u200b#[error]\n\\u009b\n```');
      const runs = 'a`'.repeat(300_000);
      expect(code(runs) === `\`\` ${runs} \`\``, 'a fence of two around single backticks').to.equal(true);
      expect(codeBlock(runs).startsWith('```\n')).to.equal(true);
    });
  });
});
