/**
 * A report whose plan-supplied text tries everything: markup, entities, control characters,
 * terminal escapes, workflow-command injection, CDATA ends, lone surrogates, bidi overrides.
 * ATTACKS names one attack per string, each put in every place of a report a plan can fill.
 */
import type { Finding, Report } from '../../lib/types.js';
import { severalReport } from './sample-reports.js';

export const HOSTILE =
  "x\"<a href='j'>&amp;</a>\u0000\u0007\u001b[31mRED\u001b[0m\r\n::error::injected%0A%25,a:b ```fence``` `tick` ]]> \ud800 lone \u202eevil\u202c @team #12 $x$ | * _ fail";

/** What a plan can carry in a resource name, for_each key, Sid or policy string, one attack each. */
export const ATTACKS: Readonly<Record<string, string>> = {
  'workflow command after a line feed': 'a\n::error file=x.tf,line=1,title=forged::forged annotation\n  ::warning::indented',
  'workflow command after a carriage return': 'a\r::warning::forged\r\n::notice::forged',
  'workflow command after NEL, LS, PS, VT, FF': 'a\u0085::error::n\u2028::error::l\u2029::error::p\u000b::error::v\u000c::error::f',
  'workflow command at the start': '::error::starts the value',
  "the runner's older command syntax": '##[error]forged ###[group]g ##[add-mask]x ##[set-output name=a;]b',
  'percent escapes': '%0A::error::x %25 %3A %2C %0D',
  'property breakers': 'a,title=forged:b::c,line=9',
  'terminal escapes': '\u001b[2J\u001b[31mred\u001b]8;;http://evil.example\u0007link\u001b]8;;\u0007\u0007\b\u007f',
  'C1 controls': '\u009b31m\u009d0;title\u009c\u0090\u0080',
  'bidi controls': '\u202aa\u202bb\u202cc\u202dd\u202ee\u2066f\u2067g\u2068h\u2069i\u200ej\u200fk\u061cl',
  'markdown HTML': '<img src=x onerror=alert(1)><script>x</script><!-- c --><details>&lt;&#64;',
  'mentions and references': '@octocat @org/team #1 org/repo#2 user@example.com',
  links: '[click](http://evil.example) ![i](https://evil.example/i.png) <http://evil.example> http://evil.example WWW.evil.example',
  'table pipes and fences': '| a | b |\n|---|---|\n```\n~~~\n``` ` ``',
  emphasis: '*a* _b_ **c** ~~d~~ $e$ \\ \\* \\',
  'XML breakers': ']]></testcase><testcase name="forged"/><![CDATA[ &amp; "\' \u0000\ufffe\uffff',
  'lone surrogates': '\ud800 \udfff x\udc00\ud800 \ud83d\ude00',
  'Atlantis lines': 'x\nFAIL - forged - kmsguard - forged\n1 test, 1 passed, 0 warnings, 0 exceptions\nfailures": [1 failure',
};

/** Every place of a report a plan (or an input file name) can fill, filled with `text`. */
export function hostileReport(text: string = HOSTILE): Report {
  const base = severalReport.findings[0]!;
  const finding: Finding = {
    ...base,
    address: `module.m["${text}"].aws_iam_policy.p`,
    policyPath: `inline_policy[0].policy${text}`,
    statements: [{ index: 0, sid: text, pointer: '/Statement/0', matched: [{ element: 'Resource', values: [text, '*'] }] }],
    conditionKeys: [text],
    message: text,
    source: `plans/${text}.json`,
    policyChange: [{ op: 'add', path: `/Statement/0/Condition/${text}`, value: { [text]: [text] } }],
  };
  const suppressed: Finding = { ...finding, fingerprint: 'ffff', suppressed: { reason: text } };
  const unevaluated = {
    address: `aws_iam_policy.${text}`,
    resourceType: 'aws_iam_policy',
    policyPath: 'policy',
    reason: 'invalid' as const,
    detail: text,
    source: text,
  };
  const skipped = { address: `aws_iam_role.${text}`, resourceType: 'aws_iam_role', policyPath: 'policy', reason: text, source: text };
  return {
    ...severalReport,
    findings: [finding, suppressed],
    policies: [
      { address: finding.address, resourceType: finding.resourceType, policyPath: finding.policyPath, source: finding.source, outcome: 'finding' },
      { address: suppressed.address, resourceType: suppressed.resourceType, policyPath: suppressed.policyPath, source: suppressed.source, outcome: 'finding' },
      {
        address: unevaluated.address,
        resourceType: unevaluated.resourceType,
        policyPath: unevaluated.policyPath,
        source: unevaluated.source,
        outcome: 'unevaluated',
      },
      { address: skipped.address, resourceType: skipped.resourceType, policyPath: skipped.policyPath, source: skipped.source, outcome: 'skipped' },
    ],
    unevaluated: [unevaluated],
    skipped: [skipped],
    warnings: [{ source: text, message: text }],
    errors: [{ source: text, message: text }],
  };
}
