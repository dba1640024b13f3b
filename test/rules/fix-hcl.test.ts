/**
 * A fix as HCL: the fixed document as an aws_iam_policy_document block or a jsonencode
 * expression, exactly; nothing where the form cannot hold the document.
 */
import { expect } from 'chai';
import type { Operation } from 'fast-json-patch';
import { hclFix, withHclFixes } from '../../lib/rules/fix-hcl.js';
import type { Finding } from '../../lib/types.js';

const DOCUMENT = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'Tagged',
      Effect: 'Allow',
      NotAction: ['iam:*', 'kms:Decrypt'],
      Resource: '*',
      Condition: { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' }, Bool: { 'aws:SecureTransport': true } },
    },
    { Effect: 'Deny', Action: 'kms:CreateGrant', NotResource: ['arn:aws:kms:us-east-1:111122223333:key/a"b\\c'] },
  ],
};
const FIX: Operation[] = [
  {
    op: 'add',
    path: '/Statement/2',
    value: { Sid: 'Scoped', Effect: 'Allow', Action: ['kms:Decrypt'], Resource: ['arn:aws:kms:REGION:ACCOUNT_ID:key/KEY_ID'] },
  },
];

describe('fix as HCL', () => {
  it('writes an aws_iam_policy_document block: escapes, policy variables as $${, conditions as blocks', () => {
    const fix = hclFix(DOCUMENT, FIX, { form: 'aws_iam_policy_document', block: 'module.app.data.aws_iam_policy_document.app' });
    expect(fix).to.deep.equal({
      form: 'aws_iam_policy_document',
      replaces: 'module.app.data.aws_iam_policy_document.app',
      text: [
        'data "aws_iam_policy_document" "app" {',
        '  version = "2012-10-17"',
        '',
        '  statement {',
        '    sid         = "Tagged"',
        '    effect      = "Allow"',
        '    not_actions = ["iam:*", "kms:Decrypt"]',
        '    resources   = ["*"]',
        '',
        '    condition {',
        '      test     = "StringEquals"',
        '      variable = "aws:ResourceTag/team"',
        '      values   = ["$${aws:PrincipalTag/team}"]',
        '    }',
        '',
        '    condition {',
        '      test     = "Bool"',
        '      variable = "aws:SecureTransport"',
        '      values   = ["true"]',
        '    }',
        '  }',
        '',
        '  statement {',
        '    effect        = "Deny"',
        '    actions       = ["kms:CreateGrant"]',
        '    not_resources = ["arn:aws:kms:us-east-1:111122223333:key/a\\"b\\\\c"]',
        '  }',
        '',
        '  statement {',
        '    sid       = "Scoped"',
        '    effect    = "Allow"',
        '    actions   = ["kms:Decrypt"]',
        '    resources = ["arn:aws:kms:REGION:ACCOUNT_ID:key/KEY_ID"]',
        '  }',
        '}',
      ].join('\n'),
    });
  });

  it('writes jsonencode: keys that are not identifiers quoted, long string lists one item per line', () => {
    const long = Array.from({ length: 6 }, (_, i) => `kms:SomeLongActionName${i}`);
    const fix = hclFix({ Statement: { Effect: 'Allow', Action: long, Resource: '*', Condition: { Null: { 'aws:ResourceTag/x': 'false' } } } }, [], {
      form: 'jsonencode',
      attribute: 'policy',
    });
    expect(fix?.text).to.equal(
      [
        'policy = jsonencode({',
        '  Statement = {',
        '    Effect    = "Allow"',
        '    Action    = [',
        ...long.map((a) => `      "${a}",`),
        '    ]',
        '    Resource  = "*"',
        '    Condition = {',
        '      Null = {',
        '        "aws:ResourceTag/x" = "false"',
        '      }',
        '    }',
        '  }',
        '})',
      ].join('\n'),
    );
  });

  it('gives no data source block for what it cannot say, and nothing for a patch that does not apply', () => {
    const block = { form: 'aws_iam_policy_document', block: 'data.aws_iam_policy_document.d' } as const;
    expect(hclFix({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' }] }, [], block)).to.equal(undefined);
    expect(hclFix({ Statement: [{ Effect: 'Allow', Action: [1], Resource: '*' }] }, [], block)).to.equal(undefined);
    expect(hclFix({ Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*', Condition: { StringEquals: { k: [{ a: 1 }] } } }] }, [], block)).to.equal(
      undefined,
    );
    expect(hclFix(DOCUMENT, [{ op: 'remove', path: '/Statement/9' }], block)).to.equal(undefined);
    expect(hclFix('not a document', [], block)).to.equal(undefined);
  });

  it('asks how the policy is written only when a finding has a fix, and leaves the original document alone', () => {
    const finding = { ruleId: 'kms-decrypt-all-keys' } as Finding;
    let asked = 0;
    const writing = () => {
      asked += 1;
      return { form: 'jsonencode', attribute: 'policy' } as const;
    };
    expect(withHclFixes([finding], DOCUMENT, writing)).to.deep.equal([finding]);
    expect(asked).to.equal(0);
    const [fixed] = withHclFixes([{ ...finding, fix: FIX }], DOCUMENT, writing);
    expect(asked).to.equal(1);
    expect(fixed!.fixHcl?.form).to.equal('jsonencode');
    expect(DOCUMENT.Statement).to.have.length(2);
  });
});
