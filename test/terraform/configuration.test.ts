import { expect } from 'chai';
import { expressionAt, indexConfiguration, isExpression } from '../../lib/terraform/configuration.js';
import { loadFixture } from './load-fixture.js';

describe('resolve: configuration index', () => {
  const configuration = loadFixture('extract/resolve', 'module-chains.plan.json').configuration;
  const index = indexConfiguration(configuration)!;

  it('indexes every module by its call path, with resources, calls and outputs by name', () => {
    expect([...index.modules.keys()]).to.deep.equal(['', 'keys', 'keys.primary', 'app', 'app.policy', 'team']);
    expect([...index.modules.get('team')!.resources.keys()]).to.deep.equal([
      'data.aws_iam_policy_document.this',
      'aws_iam_policy.this',
      'data.aws_iam_policy_document.per_env',
      'aws_iam_role_policy.per_env',
    ]);
    expect([...index.root.calls.keys()]).to.deep.equal(['keys', 'app', 'team']);
    expect(index.root.calls.get('team')!.forEachExpression).to.deep.equal({ references: ['var.teams'] });
    expect(index.modules.get('keys')!.outputs.get('key_arn')).to.deep.equal({
      name: 'key_arn',
      expression: { references: ['module.primary.arn', 'module.primary'] },
    });
    expect(index.modules.get('app.policy')!.resources.get('aws_iam_policy.this')!.countExpression).to.deep.equal({ constant_value: 1 });
  });

  it('has nothing to index without a root module', () => {
    expect(indexConfiguration(undefined)).to.equal(undefined);
    expect(indexConfiguration({ provider_config: {} })).to.equal(undefined);
  });

  it('tells expressions from nested blocks', () => {
    expect(isExpression({ references: ['var.a'] })).to.equal(true);
    expect(isExpression({ constant_value: 'x' })).to.equal(true);
    expect(isExpression({})).to.equal(true);
    expect(isExpression({ name: { constant_value: 'x' } })).to.equal(false);
    expect(isExpression([{ constant_value: 'x' }])).to.equal(false);
  });

  describe('expressionAt', () => {
    const expressions = {
      policy: { references: ['data.aws_iam_policy_document.d.json', 'data.aws_iam_policy_document.d'] },
      inline_policy: [{ name: { constant_value: 'a' }, policy: { constant_value: '{}' } }],
      policies: { references: ['local.policies'] },
      settings: [{ nested: [{ value: { constant_value: 1 } }] }],
    };
    const cases: [(string | number)[], unknown][] = [
      [['policy'], { expression: expressions.policy, whole: false }],
      [['inline_policy', 0, 'policy'], { expression: { constant_value: '{}' }, whole: false }],
      [['inline_policy', 1, 'policy'], undefined],
      [['policies', 3, 'policy_document'], { expression: { references: ['local.policies'] }, whole: true }],
      [['settings', 'nested', 'value'], { expression: { constant_value: 1 }, whole: false }],
      [['missing'], undefined],
      [['inline_policy'], undefined],
    ];
    for (const [path, expected] of cases) {
      it(`finds ${JSON.stringify(path)}`, () => expect(expressionAt(expressions, path)).to.deep.equal(expected));
    }
  });
});
