import { expect } from 'chai';
import { groupReferences, parseModuleAddress, parseTraversal, type Reference } from '../../lib/terraform/references.js';

/** A reference as `text -> subject + remaining`, compactly. */
function summary(reference: Reference): string {
  const remaining = reference.remaining.map((step) => (step.kind === 'name' ? `.${step.name}` : `[${JSON.stringify(step.key)}]`)).join('');
  return `${reference.text} = ${JSON.stringify(reference.subject)}${remaining}`;
}

describe('resolve: Terraform references', () => {
  describe('parseTraversal', () => {
    const cases: [string, unknown][] = [
      [
        'aws_kms_key.main.arn',
        [
          { kind: 'name', name: 'aws_kms_key' },
          { kind: 'name', name: 'main' },
          { kind: 'name', name: 'arn' },
        ],
      ],
      [
        'module.a["x"].out',
        [
          { kind: 'name', name: 'module' },
          { kind: 'name', name: 'a' },
          { kind: 'index', key: 'x' },
          { kind: 'name', name: 'out' },
        ],
      ],
      [
        'data.t.n[0]',
        [
          { kind: 'name', name: 'data' },
          { kind: 'name', name: 't' },
          { kind: 'name', name: 'n' },
          { kind: 'index', key: 0 },
        ],
      ],
      [
        'module.a["x.y[0]"]',
        [
          { kind: 'name', name: 'module' },
          { kind: 'name', name: 'a' },
          { kind: 'index', key: 'x.y[0]' },
        ],
      ],
      [
        'module.a["q\\"uote"]',
        [
          { kind: 'name', name: 'module' },
          { kind: 'name', name: 'a' },
          { kind: 'index', key: 'q"uote' },
        ],
      ],
      [
        'module.a["$${x}"]',
        [
          { kind: 'name', name: 'module' },
          { kind: 'name', name: 'a' },
          { kind: 'index', key: '${x}' },
        ],
      ],
      [
        'module.a["\\U0001F600"]',
        [
          { kind: 'name', name: 'module' },
          { kind: 'name', name: 'a' },
          { kind: 'index', key: '\u{1F600}' },
        ],
      ],
      [
        'my-resource.name-with-dash',
        [
          { kind: 'name', name: 'my-resource' },
          { kind: 'name', name: 'name-with-dash' },
        ],
      ],
    ];
    for (const [text, steps] of cases) {
      it(`parses ${text}`, () => expect(parseTraversal(text)).to.deep.equal(steps));
    }
    for (const text of ['', 'a..b', 'a[', 'a[x]', 'a["x"', '.a', 'a.1b', 'a["\\U00110000"]']) {
      it(`rejects ${JSON.stringify(text)}`, () => expect(parseTraversal(text)).to.equal(undefined));
    }
  });

  describe('groupReferences', () => {
    it('groups the references Terraform 1.x lists for one expression (taken from a real plan)', () => {
      // `terraform show -json` of terraform_data.user.input in a configuration using each form.
      const list = [
        'terraform_data.key[0].output',
        'terraform_data.key[0]',
        'terraform_data.key',
        'terraform_data.key',
        'count.index',
        'module.m.out',
        'module.m',
        'module.f["a"].out',
        'module.f["a"]',
        'var.root',
        'terraform_data.one.output',
        'terraform_data.one',
        'terraform_data.one.output',
        'terraform_data.one',
      ];
      expect(groupReferences(list).map(summary)).to.deep.equal([
        'terraform_data.key[0].output = {"kind":"resource","mode":"managed","type":"terraform_data","name":"key","key":0}.output',
        'terraform_data.key = {"kind":"resource","mode":"managed","type":"terraform_data","name":"key"}',
        'count.index = {"kind":"named","namespace":"count","name":"index"}',
        'module.m.out = {"kind":"module-output","call":"m","output":"out"}',
        'module.f["a"].out = {"kind":"module-output","call":"f","key":"a","output":"out"}',
        'var.root = {"kind":"named","namespace":"var","name":"root"}',
        'terraform_data.one.output = {"kind":"resource","mode":"managed","type":"terraform_data","name":"one"}.output',
        'terraform_data.one.output = {"kind":"resource","mode":"managed","type":"terraform_data","name":"one"}.output',
      ]);
    });

    it('passes over what is not a list of strings (hostile or damaged plans) without throwing', () => {
      expect(groupReferences(null)).to.deep.equal([]);
      expect(groupReferences('var.x')).to.deep.equal([]);
      expect(groupReferences({ length: 3 })).to.deep.equal([]);
      expect(groupReferences([null, 7, { a: 1 }, 'var.root']).map(summary)).to.deep.equal(['var.root = {"kind":"named","namespace":"var","name":"root"}']);
    });

    it('reads data sources, nested attributes, variables with attributes and whole modules', () => {
      const list = [
        'data.aws_iam_policy_document.d[0].json',
        'data.aws_iam_policy_document.d[0]',
        'data.aws_iam_policy_document.d',
        'var.config.key_arn',
        'var.config',
        'module.keys',
        'local.names[1]',
        'local.names',
        'each.value',
      ];
      expect(groupReferences(list).map(summary)).to.deep.equal([
        'data.aws_iam_policy_document.d[0].json = {"kind":"resource","mode":"data","type":"aws_iam_policy_document","name":"d","key":0}.json',
        'var.config.key_arn = {"kind":"named","namespace":"var","name":"config"}.key_arn',
        'module.keys = {"kind":"module","call":"keys"}',
        'local.names[1] = {"kind":"named","namespace":"local","name":"names"}[1]',
        'each.value = {"kind":"named","namespace":"each","name":"value"}',
      ]);
    });

    it('reads the subject-only lists of Terraform 0.12-0.13', () => {
      expect(groupReferences(['data.aws_iam_policy_document.example', 'aws_s3_bucket.example']).map((r) => r.text)).to.deep.equal([
        'data.aws_iam_policy_document.example',
        'aws_s3_bucket.example',
      ]);
    });

    it('drops strings that are not references', () => {
      expect(groupReferences(['not a reference', 'var', 'module', 'data.x', 'aws_kms_key.k.arn']).map((r) => r.text)).to.deep.equal(['aws_kms_key.k.arn']);
    });
  });

  describe('module addresses', () => {
    it('parses module instance paths', () => {
      expect(parseModuleAddress(undefined)).to.deep.equal([]);
      expect(parseModuleAddress('module.a["x"].module.b[0].module.c')).to.deep.equal([{ name: 'a', key: 'x' }, { name: 'b', key: 0 }, { name: 'c' }]);
      expect(parseModuleAddress('module.a.aws_iam_policy.p')).to.equal(undefined);
    });
  });
});
