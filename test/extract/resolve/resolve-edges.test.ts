import { expect } from 'chai';
import { parsePolicy } from '../../../lib/iam/index.js';
import type { ResourceInstance } from '../../../lib/terraform/types.js';
import { oneKey, planDocument, resolve, unknown } from './load.js';

/** An `aws_iam_policy` whose policy is not known until apply. */
function policy(name: string, extra: Partial<ResourceInstance> = {}): ResourceInstance {
  return {
    address: `aws_iam_policy.${name}`,
    mode: 'managed',
    type: 'aws_iam_policy',
    name,
    actions: ['create'],
    after: { name },
    afterUnknown: { arn: true, policy: true },
    before: null,
    ...extra,
  };
}

type Statement = Record<string, unknown>;

/** A deferred `aws_iam_policy_document` (statements as the plan's `after`, and their masks). */
function deferred(
  name: string,
  statements: Statement[] | null,
  masks: unknown,
  after: Record<string, unknown> = {},
  mask: Record<string, unknown> = {},
): ResourceInstance {
  return {
    address: `data.aws_iam_policy_document.${name}`,
    mode: 'data',
    type: 'aws_iam_policy_document',
    name,
    actions: ['read'],
    after: { statement: statements, version: null, source_policy_documents: null, override_policy_documents: null, ...after },
    afterUnknown: { id: true, json: true, statement: masks, ...mask },
    before: null,
  };
}

function statement(fields: Statement): Statement {
  return {
    actions: null,
    not_actions: null,
    resources: null,
    not_resources: null,
    condition: [],
    effect: null,
    sid: null,
    principals: [],
    not_principals: [],
    ...fields,
  };
}

function configuration(resources: Record<string, unknown>[], extra: Record<string, unknown> = {}): unknown {
  return { root_module: { resources, ...extra } };
}

function config(address: string, expressions: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const data = address.startsWith('data.');
  const [type, name] = (data ? address.slice(5) : address).split('.');
  return { address, mode: data ? 'data' : 'managed', type, name, expressions, ...extra };
}

const usesDocument = (name: string) => ({
  references: [`data.aws_iam_policy_document.${name}.json`, `data.aws_iam_policy_document.${name}`],
});

describe('resolve: edge cases on documents built in the test', () => {
  it('returns the text of a document read during planning (prior_state)', () => {
    const json = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}]}';
    const read: ResourceInstance = {
      address: 'data.aws_iam_policy_document.read',
      mode: 'data',
      type: 'aws_iam_policy_document',
      name: 'read',
      actions: [],
      after: { json, statement: [] },
      before: null,
    };
    const document = planDocument(
      [policy('p')],
      configuration([config('aws_iam_policy.p', { policy: usesDocument('read') }), config('data.aws_iam_policy_document.read', {})]),
      [read],
    );
    expect(resolve(document, 'aws_iam_policy.p', ['policy'])).to.deep.equal({ kind: 'text', text: json });
  });

  it('ignores the last value in prior_state of a data source read again at apply', () => {
    const stale = { ...deferred('d', null, null), actions: [], after: { json: '{"Statement":[]}' }, afterUnknown: undefined } as ResourceInstance;
    const data = deferred('d', [statement({ actions: ['kms:Decrypt'], resources: [null] })], [{ resources: [true] }]);
    const document = planDocument([policy('p'), data], configuration([config('aws_iam_policy.p', { policy: usesDocument('d') })]), [stale]);
    expect(resolve(document, 'aws_iam_policy.p', ['policy']))
      .to.have.property('model')
      .that.deep.equals({
        statements: [
          {
            index: 0,
            pointer: '/Statement/0',
            effect: 'Allow',
            action: ['kms:Decrypt'],
            resource: [unknown('data.aws_iam_policy_document.d statement[0].resources[0]')],
          },
        ],
      });
  });

  it('says only "not known until apply" without a configuration, or when the resource is not in it', () => {
    expect(resolve(planDocument([policy('p')]), 'aws_iam_policy.p', ['policy'])).to.deep.equal({
      kind: 'unknown',
      detail: 'policy is not known until apply',
    });
    expect(resolve(planDocument([policy('p')], configuration([])), 'aws_iam_policy.p', ['policy'])).to.deep.equal({
      kind: 'unknown',
      detail: 'policy is not known until apply',
    });
  });

  it('names local values, which the plan does not hold', () => {
    const document = planDocument([policy('p')], configuration([config('aws_iam_policy.p', { policy: { references: ['local.policy'] } })]));
    expect(resolve(document, 'aws_iam_policy.p', ['policy'])).to.deep.equal({
      kind: 'unknown',
      detail: 'policy is not known until apply (built from local.policy)',
    });
  });

  it('gives every instance of a data source referenced without a key as an alternative', () => {
    const instances = ['s3:GetObject', 'kms:Decrypt'].map((action, index) => ({
      ...deferred('d', [statement({ actions: [action], resources: [null] })], [{ resources: [true] }]),
      address: `data.aws_iam_policy_document.d[${index}]`,
      index,
    }));
    const document = planDocument(
      [policy('p'), ...instances],
      configuration([
        config('aws_iam_policy.p', { policy: usesDocument('d') }),
        config('data.aws_iam_policy_document.d', {}, { count_expression: { constant_value: 2 } }),
      ]),
    );
    const model = (action: string, index: number) => ({
      statements: [
        {
          index: 0,
          pointer: '/Statement/0',
          effect: 'Allow',
          action: [action],
          resource: [unknown(`data.aws_iam_policy_document.d[${index}] statement[0].resources[0]`)],
        },
      ],
    });
    expect(resolve(document, 'aws_iam_policy.p', ['policy'])).to.deep.equal({
      kind: 'unknown',
      detail:
        'policy is not known until apply (built from data.aws_iam_policy_document.d.json): ' +
        'one of data.aws_iam_policy_document.d[0], data.aws_iam_policy_document.d[1], and the plan does not say which',
      alternatives: [model('s3:GetObject', 0), model('kms:Decrypt', 1)],
    });
  });

  describe('which instance `data.x[count.index]` or `data.x[each.key]` names', () => {
    /** Policies with the given keys (and actions) using `data.d[<indexer>]`, documents with the given keys. */
    function plan(policyKeys: [string | number, string[]][], documentKeys: (string | number)[], indexer: string) {
      const key = (k: string | number) => (typeof k === 'number' ? `[${k}]` : `["${k}"]`);
      const policies = policyKeys.map(([k, actions]) => ({ ...policy('p'), address: `aws_iam_policy.p${key(k)}`, index: k, actions }));
      const documents = documentKeys.map((k) => ({
        ...deferred('d', [statement({ actions: ['kms:Decrypt'], resources: [null] })], [{ resources: [true] }]),
        address: `data.aws_iam_policy_document.d${key(k)}`,
        index: k,
      }));
      return planDocument(
        [...policies, ...documents],
        configuration([
          config('aws_iam_policy.p', { policy: { references: ['data.aws_iam_policy_document.d', indexer] } }),
          config('data.aws_iam_policy_document.d', {}),
        ]),
      );
    }
    const names = (value: unknown) => {
      const detail = (value as { detail: string }).detail;
      return 'alternatives' in (value as object) ? detail.slice(detail.indexOf('one of ')) : detail;
    };

    it("is the instance with the resource's own key when the data source has exactly the resource's keys", () => {
      const counted = plan(
        [
          [0, ['create']],
          [1, ['create']],
        ],
        [0, 1],
        'count.index',
      );
      expect(names(resolve(counted, 'aws_iam_policy.p[1]', ['policy']))).to.equal(
        'policy is rendered at apply by data.aws_iam_policy_document.d[1]; not known until apply: data.aws_iam_policy_document.d[1] statement[0].resources[0]',
      );
      const keyed = plan(
        [
          ['a', ['create']],
          ['b', ['update']],
        ],
        ['b', 'a'],
        'each.key',
      );
      expect(names(resolve(keyed, 'aws_iam_policy.p["a"]', ['policy']))).to.equal(
        'policy is rendered at apply by data.aws_iam_policy_document.d["a"]; not known until apply: data.aws_iam_policy_document.d["a"] statement[0].resources[0]',
      );
    });

    it('leaves out resource instances the plan deletes when comparing keys', () => {
      const shrinking = plan(
        [
          [0, ['no-op']],
          [1, ['create']],
          [2, ['delete']],
        ],
        [0, 1],
        'count.index',
      );
      expect(names(resolve(shrinking, 'aws_iam_policy.p[0]', ['policy']))).to.equal(
        'policy is rendered at apply by data.aws_iam_policy_document.d[0]; not known until apply: data.aws_iam_policy_document.d[0] statement[0].resources[0]',
      );
    });

    const ambiguous: [string, ReturnType<typeof plan>, string, string][] = [
      [
        'more documents than resources (`data.x[count.index + 1]`)',
        plan([[0, ['create']]], [0, 1], 'count.index'),
        'aws_iam_policy.p[0]',
        'one of data.aws_iam_policy_document.d[0], data.aws_iam_policy_document.d[1], and the plan does not say which',
      ],
      [
        'other document keys (`data.x["${each.key}-open"]`)',
        plan([['app', ['create']]], ['app', 'app-open'], 'each.key'),
        'aws_iam_policy.p["app"]',
        'one of data.aws_iam_policy_document.d["app"], data.aws_iam_policy_document.d["app-open"], and the plan does not say which',
      ],
      [
        'fewer documents than resources',
        plan(
          [
            [0, ['create']],
            [1, ['create']],
            [2, ['create']],
          ],
          [0, 1],
          'count.index',
        ),
        'aws_iam_policy.p[0]',
        'one of data.aws_iam_policy_document.d[0], data.aws_iam_policy_document.d[1], and the plan does not say which',
      ],
      [
        "an index that is not the resource's own (`data.x[var.i]`)",
        plan(
          [
            [0, ['create']],
            [1, ['create']],
          ],
          [0, 1],
          'var.i',
        ),
        'aws_iam_policy.p[0]',
        'one of data.aws_iam_policy_document.d[0], data.aws_iam_policy_document.d[1], and the plan does not say which',
      ],
    ];
    for (const [label, document, address, expected] of ambiguous) {
      it(`is any instance with ${label}`, () => expect(names(resolve(document, address, ['policy']))).to.equal(expected));
    }
  });

  it('says plainly unknown when one candidate document cannot be judged, naming why', () => {
    const read = (index: number, json: string): ResourceInstance => ({
      address: `data.aws_iam_policy_document.d[${index}]`,
      mode: 'data',
      type: 'aws_iam_policy_document',
      name: 'd',
      index,
      actions: [],
      after: { json, statement: [] },
      before: null,
    });
    const valid = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}';
    const documentWith = (second: ResourceInstance[], prior: ResourceInstance[]) =>
      planDocument([policy('p'), ...second], configuration([config('aws_iam_policy.p', { policy: usesDocument('d') })]), [read(0, valid), ...prior]);
    const base =
      'policy is not known until apply (built from data.aws_iam_policy_document.d.json): ' +
      'one of data.aws_iam_policy_document.d[0], data.aws_iam_policy_document.d[1], and the plan does not say which';

    const invalid = parsePolicy('{"Statement": [{"Effect": "Allow"}]}');
    expect(resolve(documentWith([], [read(1, '{"Statement": [{"Effect": "Allow"}]}')]), 'aws_iam_policy.p', ['policy'])).to.deep.equal({
      kind: 'unknown',
      detail: `${base}; data.aws_iam_policy_document.d[1] is not a readable policy: ${'error' in invalid ? invalid.error.message : ''}`,
    });
    const unread = { ...deferred('d', null, null), address: 'data.aws_iam_policy_document.d[1]', index: 1, after: null };
    expect(resolve(documentWith([unread], []), 'aws_iam_policy.p', ['policy'])).to.deep.equal({
      kind: 'unknown',
      detail: `${base}; data.aws_iam_policy_document.d[1] is not known until apply`,
    });
    const parsed = parsePolicy(valid);
    expect(resolve(documentWith([], [read(1, valid)]), 'aws_iam_policy.p', ['policy'])).to.deep.equal({
      kind: 'unknown',
      detail: base,
      alternatives: 'error' in parsed ? [] : [parsed.policy, parsed.policy],
    });
  });

  it('turns &{...} into ${...} in resources and condition values, as the provider does for version 2012-10-17', () => {
    const data = deferred(
      'd',
      [
        statement({
          actions: ['s3:GetObject'],
          resources: ['arn:aws:s3:::home/&{aws:username}/*', null],
          condition: [{ test: 'StringLike', variable: 's3:prefix', values: ['&{aws:username}/'] }],
        }),
      ],
      [{ resources: [false, true], condition: [{ values: [false] }] }],
    );
    const document = planDocument([policy('p'), data], configuration([config('aws_iam_policy.p', { policy: usesDocument('d') })]));
    const value = resolve(document, 'aws_iam_policy.p', ['policy']);
    expect(value)
      .to.have.property('model')
      .that.deep.equals({
        statements: [
          {
            index: 0,
            pointer: '/Statement/0',
            effect: 'Allow',
            action: ['s3:GetObject'],
            resource: ['arn:aws:s3:::home/${aws:username}/*', unknown('data.aws_iam_policy_document.d statement[0].resources[1]')],
            condition: [{ operator: 'StringLike', key: 's3:prefix', values: ['${aws:username}/'] }],
          },
        ],
      });
  });

  it('makes every statement with a Sid uncertain when a statement with an unknown Sid joins them', () => {
    const source = JSON.stringify({
      Statement: [
        { Sid: 'A', Effect: 'Deny', Action: 'kms:*', Resource: '*' },
        { Effect: 'Allow', Action: 's3:*', Resource: '*' },
      ],
    });
    const data = deferred('d', [statement({ sid: null, actions: ['kms:Decrypt'], resources: ['*'] })], [{ sid: true }], { source_policy_documents: [source] });
    const document = planDocument(
      [policy('p'), data],
      configuration([
        config('aws_iam_policy.p', { policy: usesDocument('d') }),
        config('data.aws_iam_policy_document.d', { statement: [{ sid: { references: ['random_pet.sid.id', 'random_pet.sid'] } }] }, {}),
      ]),
    );
    const sid = 'data.aws_iam_policy_document.d statement[0].sid (random_pet.sid.id)';
    expect(resolve(document, 'aws_iam_policy.p', ['policy'])).to.deep.equal({
      kind: 'unknown',
      detail: `policy is rendered at apply by data.aws_iam_policy_document.d; not known until apply: statement "A" may be replaced by data.aws_iam_policy_document.d (${sid})`,
      model: {
        statements: [
          {
            index: 0,
            pointer: '/Statement/0',
            effect: unknown(`statement "A" may be replaced by data.aws_iam_policy_document.d (${sid})`),
            sid: 'A',
            action: ['kms:*'],
            resource: ['*'],
          },
          { index: 1, pointer: '/Statement/1', effect: 'Allow', action: ['s3:*'], resource: ['*'] },
          { index: 2, pointer: '/Statement/2', effect: 'Allow', action: ['kms:Decrypt'], resource: ['*'] },
        ],
      },
    });
  });

  it('replaces in place the first statement with the same Sid, and appends the others', () => {
    const source = JSON.stringify({
      Statement: [
        { Sid: 'Keep', Effect: 'Allow', Action: 'logs:*', Resource: '*' },
        { Sid: 'Swap', Effect: 'Allow', Action: 'kms:*', Resource: '*' },
      ],
    });
    const override = JSON.stringify({ Statement: { Sid: 'Swap', Effect: 'Deny', Action: 'kms:*', Resource: '*' } });
    const data = deferred('d', [statement({ sid: 'Own', actions: ['sqs:*'], resources: [null] })], [{ resources: [true] }], {
      source_policy_documents: [source],
      override_policy_documents: [override],
    });
    const document = planDocument([policy('p'), data], configuration([config('aws_iam_policy.p', { policy: usesDocument('d') })]));
    expect(resolve(document, 'aws_iam_policy.p', ['policy']))
      .to.have.property('model')
      .that.deep.equals({
        statements: [
          { index: 0, pointer: '/Statement/0', effect: 'Allow', sid: 'Keep', action: ['logs:*'], resource: ['*'] },
          { index: 1, pointer: '/Statement/1', effect: 'Deny', sid: 'Swap', action: ['kms:*'], resource: ['*'] },
          {
            index: 2,
            pointer: '/Statement/2',
            effect: 'Allow',
            sid: 'Own',
            action: ['sqs:*'],
            resource: [unknown('data.aws_iam_policy_document.d statement[0].resources[0]')],
          },
        ],
      });
  });

  it('reports a document the provider would render invalid', () => {
    const data = deferred('d', [statement({ resources: [null] })], [{ resources: [true] }]);
    const document = planDocument([policy('p'), data], configuration([config('aws_iam_policy.p', { policy: usesDocument('d') })]));
    expect(resolve(document, 'aws_iam_policy.p', ['policy'])).to.deep.equal({
      kind: 'unknown',
      detail:
        'policy is not known until apply: data.aws_iam_policy_document.d would not render a valid policy: Statement 0 (/Statement/0) has neither Action nor NotAction.',
    });
  });

  const wrongTypes: [string, Statement[] | string, string][] = [
    ['statement blocks that are not a list', 'kms:*', 'data.aws_iam_policy_document.d statement is not a list of blocks'],
    [
      'actions that are not a list',
      [statement({ actions: 'kms:*', resources: ['*'] })],
      'data.aws_iam_policy_document.d statement[0].actions is not a list of strings',
    ],
    [
      'an action that is not a string',
      [statement({ actions: ['kms:*', 42], resources: ['*'] })],
      'data.aws_iam_policy_document.d statement[0].actions[1] is not a string',
    ],
    [
      'resources given as an object',
      [statement({ actions: ['kms:*'], resources: { arn: '*' } })],
      'data.aws_iam_policy_document.d statement[0].resources is not a list of strings',
    ],
    [
      'a Sid that is not a string',
      [statement({ sid: 7, actions: ['kms:*'], resources: ['*'] })],
      'data.aws_iam_policy_document.d statement[0].sid is not a string',
    ],
    [
      'condition blocks that are not a list',
      [statement({ actions: ['kms:*'], resources: ['*'], condition: { test: 'Bool' } })],
      'data.aws_iam_policy_document.d statement[0].condition is not a list of blocks',
    ],
    [
      'condition values that are not strings',
      [statement({ actions: ['kms:*'], resources: ['*'], condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: [true] }] })],
      'data.aws_iam_policy_document.d statement[0].condition[0].values[0] is not a string',
    ],
  ];
  for (const [what, statements, detail] of wrongTypes) {
    it(`reads ${what} (which Terraform never writes) as unknown, never as a document without them`, () => {
      const data = deferred('d', statements as Statement[], []);
      const document = planDocument([policy('p'), data], configuration([config('aws_iam_policy.p', { policy: usesDocument('d') })]));
      expect(resolve(document, 'aws_iam_policy.p', ['policy'])).to.deep.equal({ kind: 'unknown', detail: `policy is not known until apply: ${detail}` });
    });
  }

  it('reads statement: null (how Terraform writes no statement blocks) as no statements of its own', () => {
    const source = '{"Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}]}';
    const data = deferred('d', null, [], { source_policy_documents: [source] });
    const document = planDocument([policy('p'), data], configuration([config('aws_iam_policy.p', { policy: usesDocument('d') })]));
    const resolved = resolve(document, 'aws_iam_policy.p', ['policy']);
    expect(resolved.kind).to.equal('unknown');
    expect((resolved as { model?: unknown }).model).to.deep.include({
      statements: [{ index: 0, pointer: '/Statement/0', effect: 'Allow', action: ['kms:Decrypt'], resource: ['*'] }],
    });
  });

  it('stops at documents that include themselves', () => {
    const a = deferred(
      'a',
      [statement({ actions: ['s3:*'], resources: ['*'] })],
      [{}],
      { source_policy_documents: [null] },
      { source_policy_documents: [true] },
    );
    const b = deferred(
      'b',
      [statement({ actions: ['kms:*'], resources: ['*'] })],
      [{}],
      { source_policy_documents: [null] },
      { source_policy_documents: [true] },
    );
    const document = planDocument(
      [policy('p'), a, b],
      configuration([
        config('aws_iam_policy.p', { policy: usesDocument('a') }),
        config('data.aws_iam_policy_document.a', { source_policy_documents: usesDocument('b') }),
        config('data.aws_iam_policy_document.b', { source_policy_documents: usesDocument('a') }),
      ]),
    );
    expect(resolve(document, 'aws_iam_policy.p', ['policy']))
      .to.have.property('model')
      .that.deep.equals({
        statements: [
          { index: 0, pointer: '/Statement/0', effect: 'Allow', action: ['kms:*'], resource: ['*'] },
          { index: 1, pointer: '/Statement/1', effect: 'Allow', action: ['s3:*'], resource: ['*'] },
        ],
        unknownStatements: unknown('data.aws_iam_policy_document.a is not known until apply'),
      });
  });

  it('reads whole lists, whole statements and whole source lists not known until apply', () => {
    const data = deferred('d', [statement({ actions: ['kms:Decrypt'] }), statement({})], [{ resources: true }, true], {}, { source_policy_documents: true });
    const document = planDocument(
      [policy('p'), data],
      configuration([
        config('aws_iam_policy.p', { policy: usesDocument('d') }),
        config('data.aws_iam_policy_document.d', {
          source_policy_documents: { references: ['var.sources'] },
          statement: [
            {
              actions: { constant_value: ['kms:Decrypt'] },
              resources: { references: ['aws_kms_replica_key.r.arn', 'aws_kms_replica_key.r', 'data.aws_kms_key.k.arn', 'data.aws_kms_key.k'] },
            },
            {},
          ],
        }),
      ]),
    );
    const whole = unknown('data.aws_iam_policy_document.d statement[1]');
    expect(resolve(document, 'aws_iam_policy.p', ['policy']))
      .to.have.property('model')
      .that.deep.equals({
        statements: [
          {
            index: 0,
            pointer: '/Statement/0',
            effect: 'Allow',
            action: ['kms:Decrypt'],
            resource: oneKey('aws_kms_replica_key.r.arn, data.aws_kms_key.k.arn'),
          },
          { index: 1, pointer: '/Statement/1', effect: whole, action: whole, resource: whole, condition: whole },
        ],
        unknownStatements: unknown('data.aws_iam_policy_document.d source_policy_documents (var.sources)'),
      });
  });

  it('knows what can match at most one key: a key ARN, an alias ARN, a whole key or alias object; nothing else', () => {
    const cases: [string[], boolean][] = [
      [['aws_kms_key.k.arn', 'aws_kms_key.k'], true],
      [['aws_kms_external_key.k.arn', 'aws_kms_external_key.k'], true],
      [['aws_kms_replica_external_key.k.arn', 'aws_kms_replica_external_key.k'], true],
      [['aws_kms_alias.a.target_key_arn', 'aws_kms_alias.a'], true],
      [['data.aws_kms_alias.a.target_key_arn', 'data.aws_kms_alias.a'], true],
      [['aws_kms_key.k[0].arn', 'aws_kms_key.k[0]', 'aws_kms_key.k'], true],
      // An alias's own ARN authorises nothing: it matches no key.
      [['aws_kms_alias.a.arn', 'aws_kms_alias.a'], true],
      [['data.aws_kms_alias.a.arn', 'data.aws_kms_alias.a'], true],
      // The whole object: what Terraform 0.12 to 1.0 write for `aws_kms_key.k.arn`, and later
      // versions after an index not known when planning (`aws_kms_key.k[count.index].arn`).
      [['aws_kms_key.k'], true],
      [['aws_kms_key.k[1]', 'aws_kms_key.k'], true],
      [['aws_kms_key.k', 'count.index'], true],
      [['aws_kms_replica_key.k'], true],
      [['aws_kms_external_key.k'], true],
      [['aws_kms_replica_external_key.k'], true],
      [['data.aws_kms_key.k'], true],
      [['aws_kms_alias.a'], true],
      [['data.aws_kms_alias.a'], true],
      // Other attributes are named in full by the versions that name attributes: not an ARN.
      [['aws_kms_key.k.key_id', 'aws_kms_key.k'], false],
      [['aws_kms_key.k.policy', 'aws_kms_key.k'], false],
      [['aws_kms_alias.a.target_key_id', 'aws_kms_alias.a'], false],
      [['data.aws_kms_key.k.id', 'data.aws_kms_key.k'], false],
      [['aws_kms_key.k.tags.arn', 'aws_kms_key.k.tags', 'aws_kms_key.k'], false],
      [['aws_kms_grant.g'], false],
      [['aws_kms_ciphertext.c'], false],
      [['data.aws_kms_secrets.s'], false],
      [['aws_s3_bucket.b'], false],
      [['aws_kms_key.k', 'aws_s3_bucket.b'], false],
      // Root variables are known when planning: the unknown part is the key's ARN.
      [['var.use_main', 'aws_kms_key.k.arn', 'aws_kms_key.k'], true],
      [['aws_kms_key.k.arn', 'aws_kms_key.k', 'aws_s3_bucket.b.arn', 'aws_s3_bucket.b'], false],
      [['local.key_arn'], false],
      [['count.index'], false],
    ];
    for (const [references, isOneKey] of cases) {
      const data = deferred('d', [statement({ actions: ['kms:Decrypt'], resources: [null] })], [{ resources: [true] }]);
      const document = planDocument(
        [policy('p'), data],
        configuration([
          config('aws_iam_policy.p', { policy: usesDocument('d') }),
          config('data.aws_iam_policy_document.d', { statement: [{ resources: { references } }] }),
        ]),
      );
      const value = resolve(document, 'aws_iam_policy.p', ['policy']) as unknown as { model: { statements: { resource: unknown[] }[] } };
      const item = value.model.statements[0]!.resource[0] as { oneKey?: boolean };
      expect(item.oneKey === true, references.join(' ')).to.equal(isOneKey);
    }
  });

  it('follows each.value to the for_each expression', () => {
    const data = deferred('d', [statement({ actions: ['kms:Decrypt'], resources: [null] })], [{ resources: [true] }]);
    const document = planDocument(
      [
        { ...policy('p'), address: 'aws_iam_policy.p["a"]', index: 'a' },
        { ...data, address: 'data.aws_iam_policy_document.d["a"]', index: 'a' },
      ],
      configuration([
        config(
          'aws_iam_policy.p',
          { policy: { references: ['data.aws_iam_policy_document.d', 'each.key'] } },
          { for_each_expression: { references: ['var.names'] } },
        ),
        config(
          'data.aws_iam_policy_document.d',
          { statement: [{ resources: { references: ['each.value'] } }] },
          {
            for_each_expression: { references: ['aws_kms_key.a.arn', 'aws_kms_key.a', 'aws_kms_key.b.arn', 'aws_kms_key.b'] },
          },
        ),
      ]),
    );
    expect(resolve(document, 'aws_iam_policy.p["a"]', ['policy']))
      .to.have.property('model')
      .that.deep.equals({
        statements: [{ index: 0, pointer: '/Statement/0', effect: 'Allow', action: ['kms:Decrypt'], resource: [oneKey('each.value')] }],
      });
  });
});
