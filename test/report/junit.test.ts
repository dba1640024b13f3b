import { expect } from 'chai';
import { formatJunit } from '../../lib/report/junit.js';
import type { FormatContext } from '../../lib/report/types.js';
import { escapeXmlAttribute, escapeXmlLines, escapeXmlText } from '../../lib/report/xml.js';
import type { JudgedWith, Report } from '../../lib/types.js';
import { HOSTILE, hostileReport } from './hostile-report.js';
import { cleanReport, hugeReport, judged, severalReport, warningsOnlyReport } from './sample-reports.js';
import { allElements, parseXml, type XmlElement } from './xml-check.js';

const PLAIN: FormatContext = { color: false };

function junit(report: Report, context: FormatContext = PLAIN): XmlElement {
  return parseXml(formatJunit(report, context));
}

function verdictOf(testcase: XmlElement): string {
  return testcase.children[0]?.name ?? 'passed';
}

function testcases(root: XmlElement): XmlElement[] {
  return allElements(root).filter((e) => e.name === 'testcase');
}

describe('junit format', () => {
  for (const [name, report] of Object.entries({
    several: severalReport,
    'warnings-only': warningsOnlyReport,
    clean: cleanReport,
    huge: hugeReport(30),
    hostile: hostileReport(),
  })) {
    it(`is well-formed XML for the ${name} report, with counts that add up`, () => {
      const root = junit(report);
      expect(root.name).to.equal('testsuites');
      const suites = root.children;
      for (const suite of [root, ...suites]) {
        const cases = testcases(suite);
        expect(Number(suite.attributes.tests)).to.equal(cases.length);
        for (const kind of ['failure', 'error', 'skipped'] as const) {
          const attribute = kind === 'failure' ? 'failures' : kind === 'error' ? 'errors' : 'skipped';
          expect(Number(suite.attributes[attribute]), `${suite.attributes.name} ${attribute}`).to.equal(cases.filter((c) => verdictOf(c) === kind).length);
        }
      }
    });
  }

  it('has one testcase per policy met, in report order, one suite per document', () => {
    const root = junit(severalReport);
    expect(root.children.map((s) => s.attributes.name)).to.deep.equal(['plan.json', 'stacks/legacy plan.json (document 2)']);
    expect(testcases(root).map((c) => [c.attributes.classname, c.attributes.name, verdictOf(c)])).to.deep.equal([
      ['kmsguard.aws_iam_policy', 'aws_iam_policy.admin (policy)', 'failure'],
      ['kmsguard.aws_iam_policy', 'aws_iam_policy.readonly (policy)', 'passed'],
      ['kmsguard.aws_iam_role_policy', 'module.app["blue"].aws_iam_role_policy.reader (policy)', 'failure'],
      ['kmsguard.aws_iam_role', 'aws_iam_role.worker (inline_policy[0].policy)', 'skipped'],
      ['kmsguard.aws_iam_role', 'aws_iam_role.worker (inline_policy[1].policy)', 'system-out'],
      ['kmsguard.aws_iam_policy', 'aws_iam_policy.generated (policy)', 'skipped'],
      ['kmsguard.aws_iam_group_policy', 'aws_iam_group_policy.broken (policy)', 'error'],
      ['kmsguard.aws_iam_user_policy', 'module.legacy.aws_iam_user_policy.ops[0] (policy)', 'skipped'],
    ]);
  });

  it("gives a failure the finding's rule, a short message and the whole explanation", () => {
    const failure = testcases(junit(severalReport))[0]!.children[0]!;
    expect(failure.attributes).to.deep.equal({
      type: 'kms-decrypt-all-keys',
      message: 'high (all-keys): allows kms:Decrypt, kms:ReEncryptFrom on KMS keys in accounts the policy does not name',
    });
    expect(failure.text.split('\n')).to.include('why: statement 0 "AllowKms" (/Statement/0): Action "kms:*", Resource "*"');
  });

  it('follows the fail threshold and strictness', () => {
    const verdicts = (options: Partial<JudgedWith>) => testcases(junit(judged(severalReport, options), PLAIN)).map(verdictOf);
    expect(verdicts({ failOn: 'high' })).to.deep.equal(['failure', 'passed', 'system-out', 'skipped', 'system-out', 'skipped', 'error', 'skipped']);
    expect(verdicts({ failOn: 'low', strict: true })).to.deep.equal(['failure', 'passed', 'failure', 'skipped', 'failure', 'error', 'error', 'skipped']);
    expect(verdicts({ failOn: 'medium', onlyNew: true })).to.deep.equal([
      'failure',
      'passed',
      'system-out',
      'skipped',
      'system-out',
      'skipped',
      'error',
      'skipped',
    ]);
  });

  it('keeps testcase names unique within a suite', () => {
    const finding = severalReport.findings[0]!;
    const policy = severalReport.policies[0]!;
    const root = junit({ ...cleanReport, findings: [finding, finding], policies: [policy, policy, policy] });
    expect(testcases(root).map((c) => [c.attributes.name, verdictOf(c)])).to.deep.equal([
      ['aws_iam_policy.admin (policy)', 'failure'],
      ['aws_iam_policy.admin (policy) #2', 'failure'],
      ['aws_iam_policy.admin (policy) #3', 'error'],
    ]);
    expect(testcases(root)[2]!.children[0]!.attributes.type).to.equal('inconsistent-report');
  });

  it('still lists entries the policy list does not name: findings, then unevaluated, then skipped, per document', () => {
    const root = junit({ ...severalReport, policies: [] });
    expect(testcases(root).map((c) => [c.attributes.name, verdictOf(c)])).to.deep.equal([
      ['aws_iam_policy.admin (policy)', 'failure'],
      ['module.app["blue"].aws_iam_role_policy.reader (policy)', 'failure'],
      ['aws_iam_role.worker (inline_policy[1].policy)', 'system-out'],
      ['aws_iam_policy.generated (policy)', 'skipped'],
      ['aws_iam_group_policy.broken (policy)', 'error'],
      ['aws_iam_role.worker (inline_policy[0].policy)', 'skipped'],
      ['module.legacy.aws_iam_user_policy.ops[0] (policy)', 'skipped'],
    ]);
  });

  it('carries hostile text through escaping: decoded values equal the input, XML-illegal characters spelled out', () => {
    const root = junit(hostileReport());
    const spelled = HOSTILE.replace('\u0000', '\\u0000')
      .replace('\u0007', '\\u0007')
      .replace(/\u001b/g, '\\u001b')
      .replace('\ud800', '\\ud800');
    const [finding, suppressed, unevaluated, skipped] = testcases(root);
    expect(finding!.attributes.name).to.equal(`module.m["${spelled}"].aws_iam_policy.p (inline_policy[0].policy${spelled})`);
    expect(suppressed!.children[0]!.attributes.message).to.equal(`suppressed: ${spelled}`);
    expect(unevaluated!.children[0]!.attributes.message).to.equal(`not evaluated (invalid): ${spelled}`);
    expect(skipped!.children[0]!.attributes.message).to.equal(`not judged: ${spelled}`);
    expect(finding!.children[0]!.text).to.contain(`condition keys ${spelled} (ignored`);
    const input = testcases(root).at(-1)!;
    expect(input.attributes.name).to.equal('read input');
    expect(input.children[0]!.attributes.message).to.equal(spelled);
  });

  it('keeps plan text to its own line: a line break inside a value is a character reference', () => {
    const xml = formatJunit(hostileReport('a\n::error::forged\n##[error]old'), PLAIN);
    for (const line of xml.split('\n')) {
      expect(line.trimStart().startsWith('::'), line).to.equal(false);
      expect(line).to.not.contain('##[');
    }
    expect(escapeXmlLines(['one', 'two\nthree', '::x'])).to.equal('one\ntwo&#10;three\n&#58;:x');
  });

  describe('escaping', () => {
    const table: [string, string, string][] = [
      ['a & b', 'a &amp; b', 'a &amp; b'],
      ['<x>', '&lt;x&gt;', '&lt;x&gt;'],
      ['"q" \'a\'', '"q" \'a\'', '&quot;q&quot; &apos;a&apos;'],
      ['l1\nl2\tt\rr', 'l1&#10;l2\tt&#13;r', 'l1&#10;l2&#9;t&#13;r'],
      ['\u0085\u2028\u2029\u009b', '&#133;&#8232;&#8233;&#155;', '&#133;&#8232;&#8233;&#155;'],
      ['\u202eevil\u202c \u2066x\u2069', '&#8238;evil&#8236; &#8294;x&#8297;', '&#8238;evil&#8236; &#8294;x&#8297;'],
      ['##[error]x ###[', '&#35;#[error]x #&#35;#[', '&#35;#[error]x #&#35;#['],
      ['::error::x', '&#58;:error::x', '&#58;:error::x'],
      ['  ::warning::x a::b', '  &#58;:warning::x a::b', '  &#58;:warning::x a::b'],
      [']]>', ']]&gt;', ']]&gt;'],
      ['\u0000\u0008\u000b\u001f', '\\u0000\\u0008\\u000b\\u001f', '\\u0000\\u0008\\u000b\\u001f'],
      ['\ufffe\uffff', '\\ufffe\\uffff', '\\ufffe\\uffff'],
      ['\ud800x\udc00', '\\ud800x\\udc00', '\\ud800x\\udc00'],
      ['\ud83d\ude00 kept', '\ud83d\ude00 kept', '\ud83d\ude00 kept'],
    ];
    for (const [input, text, attribute] of table) {
      it(`escapes ${JSON.stringify(input)}`, () => {
        expect(escapeXmlText(input)).to.equal(text);
        expect(escapeXmlAttribute(input)).to.equal(attribute);
      });
    }
  });

  describe('the well-formedness check itself', () => {
    const bad = [
      '<a>',
      '<a></b>',
      '<a x=1/>',
      '<a>&foo;</a>',
      '<a>\u0001</a>',
      '<a/><b/>',
      '<a x="1" x="2"/>',
      '<a>a < b</a>',
      '<a>a & b</a>',
      '<a x="<"/>',
      '<a x="&#1;"/>',
    ];
    for (const xml of bad) {
      it(`rejects ${JSON.stringify(xml)}`, () => {
        expect(() => parseXml(xml)).to.throw();
      });
    }
    it('decodes entities and character references', () => {
      expect(parseXml('<?xml version="1.0"?>\n<a x="&quot;&#10;&#x41;">t&amp;&lt;<b/></a>')).to.deep.equal({
        name: 'a',
        attributes: { x: '"\nA' },
        children: [{ name: 'b', attributes: {}, children: [], text: '' }],
        text: 't&<',
      });
    });
  });
});
