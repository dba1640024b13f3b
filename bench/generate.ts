/**
 * Synthetic `terraform show -json` plans of any size, for the benchmark and for tests of the
 * fast input path.
 *
 * The plan looks like a large organisation's: groups of team modules called with `for_each`,
 * each team calling a service module with `for_each`; a resource mix where about one resource
 * change in seven holds identity policies (roles with inline policies, role/user/group
 * policies, managed policies; the corpus of real plans averages one in six), beside KMS keys
 * with key policies, buckets with bucket policies, queues, lambdas, tables, alarms, DNS
 * records, parameters, security groups and policy attachments; updates,
 * replacements, deletions and no-ops whose objects also sit in `prior_state`; data sources read
 * during planning (`prior_state`) and at apply (`["read"]`); a `configuration` block for every
 * module; long policy strings, escaped quotes, braces, brackets and unicode escapes inside strings.
 *
 * Everything is a pure function of the seed and the instance index, so the same spec always
 * gives the same bytes, and each section can be written in a streaming pass without holding the
 * plan in memory. The generator also returns what a correct checker must report about the
 * policies it planted.
 */
import type { Scope } from '../lib/iam/types.js';

export type JsonObject = { [key: string]: unknown };

/** Top-level key orders: Terraform's, or the resources first / last to test readers that assume an order. */
export type SectionOrder = 'terraform' | 'changes-first' | 'changes-last';

export interface PlanSpec {
  /** About how many bytes the plan should have (the result is within a few percent, never below a minimal plan). */
  readonly targetBytes: number;
  readonly seed?: number;
  readonly order?: SectionOrder;
  /** Indentation for JSON.stringify of each item (Terraform writes none). */
  readonly indent?: number;
  /**
   * Put a policy with a finding as the very first and the very last resource change, and one
   * whose strings are full of escapes, braces and brackets.
   */
  readonly edgePolicies?: boolean;
  /** Share of judged policies that have a finding (default 0.04). */
  readonly findingShare?: number;
}

/** What a correct check must say about the policies in the plan. */
export interface PlanExpectation {
  /** `address policyPath` -> scope, for every finding. */
  readonly findings: Record<string, Scope>;
  /** Known policies on resources that exist after apply (judged: clean or finding). */
  readonly knownPolicies: number;
  /** Policies not known until apply (their documents grant no KMS action). */
  readonly unknownPolicies: number;
  /** Resource changes written. */
  readonly resourceChanges: number;
  readonly moduleInstances: number;
}

export interface Sink {
  write(chunk: string): void;
}

const REGION = 'us-east-1';
const ACCOUNT = '111122223333';
const PROVIDER = 'registry.terraform.io/hashicorp/aws';
const TEAMS_PER_GROUP = 8;
const SERVICES = ['api', 'worker', 'batch "nightly" {v2}'];

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

/** mulberry32: a tiny seeded PRNG, plenty for test data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mix(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    h = Math.imul(h ^ (part & 0xffff), 0x01000193);
    h = Math.imul(h ^ (part >>> 16), 0x01000193);
  }
  return h >>> 0;
}

class Random {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = prng(seed);
  }
  float(): number {
    return this.next();
  }
  int(max: number): number {
    return Math.floor(this.next() * max);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  hex(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += '0123456789abcdef'[this.int(16)];
    return out;
  }
  uuid(): string {
    return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-8${this.hex(3)}-${this.hex(12)}`;
  }
  words(count: number): string {
    const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet', 'kilo', 'lima'];
    const out: string[] = [];
    for (let i = 0; i < count; i++) out.push(this.pick(words));
    return out.join(' ');
  }
}

// ---------------------------------------------------------------------------------------------
// Policies

/** Strings that stress readers: escaped quotes and backslashes, braces, brackets, unicode escapes, raw UTF-8. */
export const TRICKY_STRINGS: readonly string[] = [
  'say "hello" {to} [everyone]',
  '}]},{"address":"aws_iam_policy.fake","type":"aws_iam_policy"',
  'back\\slash \\" not a quote end \\\\',
  'caf\u00e9 \u65e5\u672c \u{1f511} \u2028 line\u2029sep',
  '{"Statement":[{"Effect":"Allow","Action":"kms:*","Resource":"*"}]}',
  'tab\tnew\nline\rret \u0000 nul \u001f unit',
  '\\u0022 looks like an escape',
  ']]]]}}}}"""',
];

type PolicyKind = 'clean' | Scope | 'cancelled';

interface PolicyDocument {
  Version: string;
  Statement: JsonObject[];
}

function arnOf(service: string, resource: string): string {
  return `arn:aws:${service}:${REGION}:${ACCOUNT}:${resource}`;
}

function cleanStatements(random: Random, count: number, name: string): JsonObject[] {
  const statements: JsonObject[] = [];
  for (let i = 0; i < count; i++) {
    const sid = `S${i}${name.replace(/[^A-Za-z0-9]/g, '')}`.slice(0, 60);
    switch (random.int(6)) {
      case 0:
        statements.push({
          Sid: sid,
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject', 's3:ListBucket'],
          Resource: [`arn:aws:s3:::${name}-data-${random.hex(6)}`, `arn:aws:s3:::${name}-data-${random.hex(6)}/*`],
        });
        break;
      case 1:
        statements.push({
          Sid: sid,
          Effect: 'Allow',
          Action: ['kms:Decrypt', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
          Resource: arnOf('kms', `key/${random.uuid()}`),
        });
        break;
      case 2:
        statements.push({ Sid: sid, Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' });
        break;
      case 3:
        statements.push({
          Sid: sid,
          Effect: 'Allow',
          Action: ['kms:Decrypt'],
          Resource: arnOf('kms', `alias/${name}`),
        });
        break;
      case 4:
        statements.push({
          Sid: sid,
          Effect: 'Allow',
          Action: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem'],
          Resource: arnOf('dynamodb', `table/${name}-${random.hex(4)}`),
          Condition: { StringEquals: { 'aws:PrincipalTag/note': random.pick(TRICKY_STRINGS) } },
        });
        break;
      default:
        statements.push({
          Sid: sid,
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: arnOf('logs', `log-group:/aws/${name}/${random.words(2).replace(/ /g, '-')}:*`),
        });
    }
  }
  return statements;
}

function findingStatement(kind: Scope, random: Random): JsonObject {
  switch (kind) {
    case 'all-keys':
      return random.chance(0.5)
        ? { Sid: 'DecryptEverything', Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }
        : { Sid: 'AllButIam', Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' };
    case 'account-keys':
      return { Sid: 'AnyRegion', Effect: 'Allow', Action: ['kms:Decrypt'], Resource: `arn:aws:kms:*:${ACCOUNT}:key/*` };
    case 'region-keys':
      return { Sid: 'AnyKeyHere', Effect: 'Allow', Action: 'kms:ReEncryptFrom', Resource: `arn:aws:kms:${REGION}:${ACCOUNT}:key/*` };
  }
}

function policyDocument(kind: PolicyKind, random: Random, name: string, statements: number): PolicyDocument {
  const body = cleanStatements(random, statements, name);
  if (kind === 'cancelled') {
    body.push({ Sid: 'Wide', Effect: 'Allow', Action: 'kms:*', Resource: '*' });
    body.push({ Sid: 'ButNot', Effect: 'Deny', Action: 'kms:*', Resource: '*' });
  } else if (kind !== 'clean') {
    body.splice(random.int(body.length + 1), 0, findingStatement(kind, random));
  }
  return { Version: '2012-10-17', Statement: body };
}

function policyText(document: PolicyDocument, random: Random): string {
  // Terraform keeps what the configuration wrote: jsonencode (compact) or a heredoc (indented).
  return random.chance(0.7) ? JSON.stringify(document) : `${JSON.stringify(document, null, 2)}\n`;
}

/** A key policy: a resource policy (never judged) that a string-matching checker would flag. */
function keyPolicy(random: Random): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Id: `key-policy-${random.hex(6)}`,
    Statement: [
      { Sid: 'Root', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' },
      { Sid: 'Use', Effect: 'Allow', Principal: { AWS: '*' }, Action: ['kms:Decrypt', 'kms:Encrypt'], Resource: '*' },
    ],
  });
}

function assumeRolePolicy(): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
  });
}

// ---------------------------------------------------------------------------------------------
// Resources

type Action = 'create' | 'update' | 'no-op' | 'delete' | 'replace' | 'read';

interface PlannedPolicy {
  /** Attribute path, as kmsguard reports it. */
  readonly path: string;
  readonly kind: PolicyKind | 'unknown';
}

interface Resource {
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly index?: number | string;
  readonly action: Action;
  readonly before: JsonObject | null;
  readonly after: JsonObject | null;
  readonly afterUnknown: JsonObject;
  readonly afterSensitive: JsonObject;
  readonly policies: readonly PlannedPolicy[];
  /** In prior_state as a data source read during planning (not in resource_changes). */
  readonly priorDataOnly?: boolean;
}

function tags(random: Random, team: string): JsonObject {
  const out: JsonObject = { team, environment: random.pick(['prod', 'staging', 'dev']), cost_center: `cc-${random.int(9999)}` };
  if (random.chance(0.3)) out['note'] = random.pick(TRICKY_STRINGS);
  if (random.chance(0.2)) out['owner "quoted"'] = random.words(3);
  return out;
}

function actionFor(random: Random): Action {
  const r = random.float();
  if (r < 0.55) return 'create';
  if (r < 0.72) return 'no-op';
  if (r < 0.86) return 'update';
  if (r < 0.94) return 'replace';
  return 'delete';
}

function changeValues(action: Action, values: JsonObject, previous: JsonObject): { before: JsonObject | null; after: JsonObject | null } {
  switch (action) {
    case 'create':
    case 'read':
      return { before: null, after: values };
    case 'no-op':
      return { before: values, after: values };
    case 'update':
    case 'replace':
      return { before: previous, after: values };
    case 'delete':
      return { before: values, after: null };
  }
}

class ResourceFactory {
  constructor(
    private readonly random: Random,
    private readonly team: string,
    private readonly findingShare: number,
  ) {}

  private policyKind(): PolicyKind {
    const r = this.random.float();
    if (r >= this.findingShare) return this.random.chance(0.02) ? 'cancelled' : 'clean';
    const scopes: Scope[] = ['all-keys', 'all-keys', 'account-keys', 'region-keys'];
    return this.random.pick(scopes);
  }

  private managed(
    type: string,
    name: string,
    values: JsonObject,
    previous: JsonObject,
    unknown: JsonObject,
    policies: PlannedPolicy[],
    index?: number | string,
  ): Resource {
    const action = actionFor(this.random);
    const { before, after } = changeValues(action, values, previous);
    const afterUnknown = action === 'create' || action === 'replace' ? unknown : {};
    return {
      mode: 'managed',
      type,
      name,
      ...(index !== undefined ? { index } : {}),
      action,
      before,
      after,
      afterUnknown: after === null ? {} : afterUnknown,
      afterSensitive: {},
      policies: action === 'delete' ? [] : policies,
    };
  }

  iamPolicy(name: string): Resource {
    const kind = this.policyKind();
    const statements = 4 + this.random.int(28);
    const policy = policyText(policyDocument(kind, this.random, name, statements), this.random);
    const previous = policyText(policyDocument('clean', this.random, name, statements), this.random);
    const base = {
      name: `${this.team}-${name}`,
      path: '/',
      description: `Policy for ${this.team} ${this.random.words(4)}`,
      tags: tags(this.random, this.team),
    };
    return this.managed(
      'aws_iam_policy',
      name,
      { ...base, policy, arn: `arn:aws:iam::${ACCOUNT}:policy/${this.team}-${name}`, id: `arn:aws:iam::${ACCOUNT}:policy/${this.team}-${name}` },
      { ...base, policy: previous, arn: `arn:aws:iam::${ACCOUNT}:policy/${this.team}-${name}`, id: `arn:aws:iam::${ACCOUNT}:policy/${this.team}-${name}` },
      { arn: true, id: true, policy_id: true, tags_all: true },
      [{ path: 'policy', kind }],
    );
  }

  /** A role with `inlinePolicies` inline policy blocks (a module's instances all write the same blocks). */
  role(name: string, inlinePolicies: number): Resource {
    const inline: JsonObject[] = [];
    const policies: PlannedPolicy[] = [];
    for (let i = 0; i < inlinePolicies; i++) {
      const kind = this.policyKind();
      inline.push({ name: `${name}-inline-${i}`, policy: policyText(policyDocument(kind, this.random, `${name}${i}`, 2 + this.random.int(8)), this.random) });
      policies.push({ path: `inline_policy[${i}].policy`, kind });
    }
    const values = {
      name: `${this.team}-${name}`,
      assume_role_policy: assumeRolePolicy(),
      description: this.random.words(6),
      force_detach_policies: false,
      inline_policy: inline,
      managed_policy_arns: [`arn:aws:iam::${ACCOUNT}:policy/${this.team}-managed`],
      max_session_duration: 3600,
      path: '/service/',
      permissions_boundary: null,
      tags: tags(this.random, this.team),
      arn: `arn:aws:iam::${ACCOUNT}:role/service/${this.team}-${name}`,
    };
    return this.managed(
      'aws_iam_role',
      name,
      values,
      { ...values, inline_policy: inline.map((e) => ({ ...e })) },
      { arn: true, id: true, unique_id: true, create_date: true },
      policies,
    );
  }

  rolePolicy(name: string, index: string): Resource {
    const kind = this.policyKind();
    const policy = policyText(policyDocument(kind, this.random, name, 2 + this.random.int(12)), this.random);
    const values = { name: `${this.team}-${name}-${index}`, role: `${this.team}-app`, policy };
    return this.managed('aws_iam_role_policy', name, values, values, { id: true }, [{ path: 'policy', kind }], index);
  }

  /** A role policy whose document is read at apply from a data source that grants only S3. */
  unknownRolePolicy(name: string): Resource[] {
    const document: Resource = {
      mode: 'data',
      type: 'aws_iam_policy_document',
      name,
      action: 'read',
      before: null,
      after: { statement: [{ actions: ['s3:GetObject'], effect: 'Allow', resources: null }] },
      afterUnknown: { id: true, json: true, minified_json: true, statement: [{ resources: true }] },
      afterSensitive: {},
      policies: [],
    };
    const policy: Resource = {
      mode: 'managed',
      type: 'aws_iam_role_policy',
      name,
      action: 'create',
      before: null,
      after: { name: `${this.team}-${name}`, role: `${this.team}-app`, name_prefix: null },
      afterUnknown: { id: true, policy: true },
      afterSensitive: {},
      policies: [{ path: 'policy', kind: 'unknown' }],
    };
    return [document, policy];
  }

  userOrGroupPolicy(type: 'aws_iam_user_policy' | 'aws_iam_group_policy', name: string): Resource {
    const kind = this.policyKind();
    const policy = policyText(policyDocument(kind, this.random, name, 1 + this.random.int(5)), this.random);
    const target = type === 'aws_iam_user_policy' ? { user: `${this.team}-ci` } : { group: `${this.team}-admins` };
    const values = { name: `${this.team}-${name}`, policy, ...target };
    return this.managed(type, name, values, values, { id: true }, [{ path: 'policy', kind }]);
  }

  kmsKey(name: string): Resource {
    const values = {
      description: `Key for ${this.team}`,
      customer_master_key_spec: 'SYMMETRIC_DEFAULT',
      deletion_window_in_days: 30,
      enable_key_rotation: true,
      is_enabled: true,
      key_usage: 'ENCRYPT_DECRYPT',
      multi_region: false,
      policy: keyPolicy(this.random),
      tags: tags(this.random, this.team),
      arn: arnOf('kms', `key/${this.random.uuid()}`),
    };
    return this.managed('aws_kms_key', name, values, values, { arn: true, id: true, key_id: true }, []);
  }

  bucket(name: string): Resource[] {
    const bucket = `${this.team}-${name}-${this.random.hex(8)}`;
    const values = {
      bucket,
      force_destroy: false,
      object_lock_enabled: false,
      tags: tags(this.random, this.team),
      arn: `arn:aws:s3:::${bucket}`,
      region: REGION,
      server_side_encryption_configuration: [
        { rule: [{ apply_server_side_encryption_by_default: [{ kms_master_key_id: '', sse_algorithm: 'aws:kms' }], bucket_key_enabled: true }] },
      ],
    };
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Sid: 'Public', Effect: 'Allow', Principal: '*', Action: ['s3:GetObject', 'kms:Decrypt'], Resource: `arn:aws:s3:::${bucket}/*` }],
    });
    return [
      this.managed('aws_s3_bucket', name, values, values, { id: true, bucket_domain_name: true, hosted_zone_id: true }, []),
      this.managed('aws_s3_bucket_policy', name, { bucket, policy }, { bucket, policy }, { id: true }, []),
    ];
  }

  securityGroup(name: string): Resource {
    const ingress: JsonObject[] = [];
    const rules = 4 + this.random.int(16);
    for (let i = 0; i < rules; i++) {
      const port = 1000 + this.random.int(60000);
      ingress.push({
        cidr_blocks: [`10.${this.random.int(255)}.${this.random.int(255)}.0/24`],
        description: this.random.chance(0.2) ? this.random.pick(TRICKY_STRINGS) : `rule ${i} ${this.random.words(2)}`,
        from_port: port,
        to_port: port,
        protocol: 'tcp',
        ipv6_cidr_blocks: [],
        prefix_list_ids: [],
        security_groups: [],
        self: false,
      });
    }
    const values = {
      name: `${this.team}-${name}`,
      description: 'Managed by Terraform',
      ingress,
      egress: [ingress[0]],
      revoke_rules_on_delete: false,
      tags: tags(this.random, this.team),
      vpc_id: `vpc-${this.random.hex(17)}`,
    };
    return this.managed('aws_security_group', name, values, values, { arn: true, id: true, owner_id: true }, []);
  }

  lambda(name: string, index: string): Resource {
    const variables: JsonObject = {};
    const count = 5 + this.random.int(25);
    for (let i = 0; i < count; i++)
      variables[`VAR_${i}_${this.random.hex(4).toUpperCase()}`] = this.random.chance(0.1)
        ? this.random.pick(TRICKY_STRINGS)
        : this.random.words(1 + this.random.int(12));
    const values = {
      function_name: `${this.team}-${index}`,
      handler: 'index.handler',
      runtime: 'nodejs20.x',
      memory_size: 128 * (1 + this.random.int(8)),
      timeout: 30,
      environment: [{ variables }],
      role: `arn:aws:iam::${ACCOUNT}:role/service/${this.team}-app`,
      tags: tags(this.random, this.team),
      source_code_hash: this.random.hex(44),
      layers: [],
      publish: false,
    };
    return this.managed(
      'aws_lambda_function',
      name,
      values,
      values,
      { arn: true, invoke_arn: true, last_modified: true, qualified_arn: true, version: true },
      [],
      index,
    );
  }

  queue(name: string, index: string): Resource {
    const queue = `${this.team}-${index.replace(/[^a-z0-9]/g, '')}`;
    const values = {
      name: queue,
      delay_seconds: 0,
      message_retention_seconds: 345600,
      kms_master_key_id: 'alias/aws/sqs',
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: arnOf('sqs', queue) }],
      }),
      tags: tags(this.random, this.team),
    };
    return this.managed('aws_sqs_queue', name, values, values, { arn: true, id: true, url: true }, [], index);
  }

  logGroup(name: string, index: string): Resource {
    const values = {
      name: `/aws/lambda/${this.team}-${index}`,
      retention_in_days: 30,
      kms_key_id: null,
      skip_destroy: false,
      tags: tags(this.random, this.team),
    };
    return this.managed('aws_cloudwatch_log_group', name, values, values, { arn: true, id: true }, [], index);
  }

  parameter(name: string, index: string): Resource {
    const values = {
      name: `/${this.team}/${index}/config`,
      type: 'SecureString',
      tier: 'Standard',
      data_type: 'text',
      description: `Settings for ${index}`,
      key_id: 'alias/aws/ssm',
      overwrite: null,
      tags: tags(this.random, this.team),
    };
    const resource = this.managed('aws_ssm_parameter', name, values, values, { arn: true, id: true, version: true, value: true }, [], index);
    return { ...resource, afterSensitive: { value: true } };
  }

  alarm(name: string, index: string): Resource {
    const values = {
      alarm_name: `${this.team}-${index}-errors`,
      comparison_operator: 'GreaterThanThreshold',
      evaluation_periods: 2,
      metric_name: 'Errors',
      namespace: 'AWS/Lambda',
      period: 300,
      statistic: 'Sum',
      threshold: this.random.int(50),
      alarm_description: this.random.words(8),
      dimensions: { FunctionName: `${this.team}-${index}` },
      alarm_actions: [arnOf('sns', `${this.team}-alerts`)],
      ok_actions: [],
      insufficient_data_actions: [],
      treat_missing_data: 'missing',
      tags: tags(this.random, this.team),
    };
    return this.managed('aws_cloudwatch_metric_alarm', name, values, values, { arn: true, id: true }, [], index);
  }

  table(name: string, index: string): Resource {
    const attributes = [
      { name: 'pk', type: 'S' },
      { name: 'sk', type: 'S' },
    ];
    const indexes = Array.from({ length: 1 + this.random.int(4) }, (_, i) => ({
      name: `gsi${i}`,
      hash_key: 'sk',
      range_key: 'pk',
      projection_type: 'ALL',
      non_key_attributes: [],
      read_capacity: 0,
      write_capacity: 0,
    }));
    const values = {
      name: `${this.team}-${index.replace(/[^a-z0-9]/g, '')}`,
      billing_mode: 'PAY_PER_REQUEST',
      hash_key: 'pk',
      range_key: 'sk',
      attribute: attributes,
      global_secondary_index: indexes,
      point_in_time_recovery: [{ enabled: true }],
      server_side_encryption: [{ enabled: true, kms_key_arn: arnOf('kms', `key/${this.random.uuid()}`) }],
      ttl: [{ attribute_name: 'expires', enabled: true }],
      tags: tags(this.random, this.team),
    };
    return this.managed('aws_dynamodb_table', name, values, values, { arn: true, id: true, stream_arn: true }, [], index);
  }

  attachment(name: string, index?: string): Resource {
    const values = {
      role: `${this.team}-app`,
      policy_arn: `arn:aws:iam::aws:policy/${this.random.pick(['ReadOnlyAccess', 'service-role/AWSLambdaBasicExecutionRole', 'CloudWatchAgentServerPolicy'])}`,
    };
    return this.managed('aws_iam_role_policy_attachment', name, values, values, { id: true }, [], index);
  }

  record(name: string, index: number): Resource {
    const values = {
      zone_id: `Z${this.random.hex(12).toUpperCase()}`,
      name: `${this.team}-${index}.internal.example.com`,
      type: this.random.pick(['A', 'CNAME', 'TXT']),
      ttl: 300,
      records: [`10.${this.random.int(255)}.${this.random.int(255)}.${this.random.int(255)}`],
      allow_overwrite: null,
      health_check_id: null,
      set_identifier: null,
    };
    return this.managed('aws_route53_record', name, values, values, { fqdn: true, id: true }, [], index);
  }

  /** Read during planning: only in prior_state. */
  plannedDocument(name: string): Resource {
    const json = JSON.stringify(policyDocument('clean', this.random, name, 3));
    return {
      mode: 'data',
      type: 'aws_iam_policy_document',
      name,
      action: 'read',
      before: null,
      after: {
        id: String(this.random.int(1e9)),
        json,
        minified_json: json,
        statement: [{ actions: ['s3:GetObject'], effect: 'Allow', resources: ['*'], sid: '' }],
        version: '2012-10-17',
      },
      afterUnknown: {},
      afterSensitive: {},
      policies: [],
      priorDataOnly: true,
    };
  }
}

/** Resources of one team module instance (at `team`), and of its service module instances. */
/**
 * Resources of one team module instance and of its service module instances. `everything`:
 * every optional resource too (instances have them by chance; the module's configuration
 * writes all of them, with `count`).
 */
function teamResources(
  seed: number,
  group: number,
  teamIndex: number,
  findingShare: number,
  everything = false,
): { team: Resource[]; services: Array<[string, Resource[]]> } {
  const random = new Random(mix(seed, group, teamIndex));
  const teamName = `team-${group}-${teamIndex}`;
  const factory = new ResourceFactory(random, teamName, findingShare);
  // What the group's module writes is the same for all its instances.
  const inlinePolicies = 1 + new Random(mix(seed, group, 0x1a7e)).int(2);
  const team: Resource[] = [
    factory.role('app', inlinePolicies),
    factory.iamPolicy('managed'),
    factory.kmsKey('data'),
    ...factory.bucket('artifacts'),
    factory.securityGroup('app'),
    factory.plannedDocument('shared'),
    factory.attachment('read_only'),
    factory.attachment('logs'),
    factory.record('this', 0),
    factory.record('this', 1),
    factory.record('this', 2),
  ];
  if (random.chance(0.3) || everything) team.push(factory.userOrGroupPolicy('aws_iam_user_policy', 'ci'));
  if (random.chance(0.2) || everything) team.push(factory.userOrGroupPolicy('aws_iam_group_policy', 'admins'));
  if (random.chance(0.15) || everything) team.push(...factory.unknownRolePolicy('late'));
  const services: Array<[string, Resource[]]> = [];
  const serviceCount = 1 + random.int(SERVICES.length);
  for (let s = 0; s < serviceCount; s++) {
    const key = SERVICES[s]!;
    const resources = [
      factory.lambda('this', key),
      factory.queue('this', key),
      factory.logGroup('this', key),
      factory.parameter('this', key),
      factory.alarm('errors', key),
      factory.attachment('this', key),
    ];
    if (random.chance(0.5) || everything) resources.push(factory.table('this', key));
    if (random.chance(0.5) || everything) resources.push(factory.rolePolicy('this', key));
    services.push([key, resources]);
  }
  return { team, services };
}

// ---------------------------------------------------------------------------------------------
// Addresses and JSON shapes

function instanceKey(key: number | string): string {
  return typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(key)}]`;
}

function resourceAddress(moduleAddress: string | undefined, resource: Pick<Resource, 'mode' | 'type' | 'name' | 'index'>): string {
  const local = `${resource.mode === 'data' ? 'data.' : ''}${resource.type}.${resource.name}${resource.index !== undefined ? instanceKey(resource.index) : ''}`;
  return moduleAddress === undefined ? local : `${moduleAddress}.${local}`;
}

function teamModuleAddress(group: number, teamIndex: number): string {
  return `module.team_${group}${instanceKey(`team-${teamIndex}`)}`;
}

function changeActions(action: Action): string[] {
  switch (action) {
    case 'replace':
      return ['delete', 'create'];
    default:
      return [action];
  }
}

function resourceChange(moduleAddress: string | undefined, resource: Resource): JsonObject {
  return {
    address: resourceAddress(moduleAddress, resource),
    ...(moduleAddress !== undefined ? { module_address: moduleAddress } : {}),
    mode: resource.mode,
    type: resource.type,
    name: resource.name,
    ...(resource.index !== undefined ? { index: resource.index } : {}),
    provider_name: PROVIDER,
    change: {
      actions: changeActions(resource.action),
      before: resource.before,
      after: resource.after,
      after_unknown: resource.afterUnknown,
      before_sensitive: resource.before === null ? false : {},
      after_sensitive: resource.after === null ? false : resource.afterSensitive,
    },
    ...(resource.action === 'replace' ? { action_reason: 'replace_because_cannot_update' } : {}),
  };
}

function moduleResource(moduleAddress: string | undefined, resource: Resource, values: JsonObject): JsonObject {
  return {
    address: resourceAddress(moduleAddress, resource),
    mode: resource.mode,
    type: resource.type,
    name: resource.name,
    ...(resource.index !== undefined ? { index: resource.index } : {}),
    provider_name: PROVIDER,
    schema_version: 0,
    values,
    sensitive_values: {},
  };
}

/**
 * How the configuration writes one argument, as `terraform show -json` shows it: nested blocks
 * (lists of objects such as `inline_policy` or `ingress`) as lists of argument maps, long
 * strings (policy documents) as references to where they come from, other values as constants.
 */
function configExpression(key: string, value: unknown, resourceName: string): unknown {
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'object' && v !== null && !Array.isArray(v))) {
    return value.map((block) => {
      const written: JsonObject = {};
      for (const [name, inner] of Object.entries(block as JsonObject)) {
        if (inner !== null) written[name] = configExpression(name, inner, resourceName);
      }
      return written;
    });
  }
  if (typeof value === 'string' && value.length >= 200) return { references: [`local.${key}_${resourceName}`] };
  return { constant_value: value };
}

function configResource(resource: Resource): JsonObject {
  const expressions: JsonObject = {};
  // The module's block, written once for all instances: a deleted sample instance still shows it.
  const values = resource.after ?? resource.before;
  if (values !== null) {
    for (const [key, value] of Object.entries(values)) {
      // Computed attributes, and arguments left unset, are not written.
      if (key === 'arn' || key === 'id' || value === null) continue;
      expressions[key] = configExpression(key, value, resource.name);
    }
  }
  if (resource.type === 'aws_iam_role_policy' && resource.policies[0]?.kind === 'unknown') {
    expressions['policy'] = { references: [`data.aws_iam_policy_document.${resource.name}.json`, `data.aws_iam_policy_document.${resource.name}`] };
  }
  if (resource.type === 'aws_iam_policy_document' && resource.action === 'read' && !resource.priorDataOnly) {
    expressions['statement'] = [
      {
        actions: { constant_value: ['s3:GetObject'] },
        effect: { constant_value: 'Allow' },
        resources: { references: ['aws_s3_bucket.artifacts.arn', 'aws_s3_bucket.artifacts'] },
      },
    ];
  }
  return {
    address: `${resource.mode === 'data' ? 'data.' : ''}${resource.type}.${resource.name}`,
    mode: resource.mode,
    type: resource.type,
    name: resource.name,
    provider_config_key: 'aws',
    expressions,
    schema_version: 0,
    ...(resource.index !== undefined ? { for_each_expression: { references: ['var.services'] } } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Root resources, including the edge policies

function edgePolicy(name: string, scope: Scope, tricky: boolean): Resource {
  const random = new Random(mix(7, name.length));
  const document = policyDocument(scope, random, name, 3);
  if (tricky) {
    document.Statement.push({
      Sid: 'Tricky',
      Effect: 'Allow',
      Action: ['s3:GetObject'],
      Resource: 'arn:aws:s3:::tricky/*',
      Condition: { StringLike: { 'aws:PrincipalTag/a': [...TRICKY_STRINGS] } },
    });
  }
  const values = { name, path: '/', policy: JSON.stringify(document), description: TRICKY_STRINGS.join(' | '), tags: { '{"k"}': '[v]', 'q"uote': '\\' } };
  return {
    mode: 'managed',
    type: 'aws_iam_policy',
    name,
    action: 'create',
    before: null,
    after: values,
    afterUnknown: { arn: true, id: true },
    afterSensitive: {},
    policies: [{ path: 'policy', kind: scope }],
  };
}

function rootResources(spec: PlanSpec, position: 'first' | 'last'): Resource[] {
  if (!spec.edgePolicies) return [];
  return position === 'first'
    ? [edgePolicy('edge_first', 'all-keys', false), edgePolicy('edge_tricky', 'account-keys', true)]
    : [edgePolicy('edge_last', 'region-keys', false)];
}

// ---------------------------------------------------------------------------------------------
// Writing

/** Buffers small writes; `flush` hands them to the sink in large pieces. */
class Writer {
  private parts: string[] = [];
  private pending = 0;
  bytes = 0;
  constructor(private readonly sink: Sink) {}
  write(text: string): void {
    this.parts.push(text);
    this.pending += text.length;
    this.bytes += Buffer.byteLength(text);
    if (this.pending >= 1 << 20) this.flush();
  }
  flush(): void {
    if (this.parts.length === 0) return;
    this.sink.write(this.parts.join(''));
    this.parts = [];
    this.pending = 0;
  }
}

interface Layout {
  readonly groups: number;
  /** Teams in the last group (others have TEAMS_PER_GROUP). */
  readonly lastGroupTeams: number;
}

function teamsIn(layout: Layout, group: number): number {
  return group === layout.groups - 1 ? layout.lastGroupTeams : TEAMS_PER_GROUP;
}

class PlanWriter {
  private readonly seed: number;
  private readonly indent: number | undefined;
  private readonly share: number;
  readonly expectation: { findings: Record<string, Scope>; knownPolicies: number; unknownPolicies: number; resourceChanges: number; moduleInstances: number } =
    {
      findings: {},
      knownPolicies: 0,
      unknownPolicies: 0,
      resourceChanges: 0,
      moduleInstances: 0,
    };

  constructor(
    private readonly out: Writer,
    private readonly spec: PlanSpec,
    private readonly layout: Layout,
  ) {
    this.seed = spec.seed ?? 1;
    this.indent = spec.indent;
    this.share = spec.findingShare ?? 0.04;
  }

  private json(value: unknown): string {
    return JSON.stringify(value, null, this.indent);
  }

  private list<T>(items: Iterable<T>, write: (item: T) => void): void {
    this.out.write('[');
    let first = true;
    for (const item of items) {
      if (!first) this.out.write(',');
      first = false;
      write(item);
    }
    this.out.write(']');
  }

  private *teams(): Generator<{ group: number; teamIndex: number; address: string; resources: ReturnType<typeof teamResources> }> {
    for (let group = 0; group < this.layout.groups; group++) {
      for (let teamIndex = 0; teamIndex < teamsIn(this.layout, group); teamIndex++) {
        yield { group, teamIndex, address: teamModuleAddress(group, teamIndex), resources: teamResources(this.seed, group, teamIndex, this.share) };
      }
    }
  }

  private *allChanges(): Generator<[string | undefined, Resource]> {
    for (const r of rootResources(this.spec, 'first')) yield [undefined, r];
    for (const team of this.teams()) {
      for (const r of team.resources.team) if (!r.priorDataOnly) yield [team.address, r];
      for (const [key, resources] of team.resources.services) for (const r of resources) yield [`${team.address}.module.svc${instanceKey(key)}`, r];
    }
    for (const r of rootResources(this.spec, 'last')) yield [undefined, r];
  }

  private record(moduleAddress: string | undefined, resource: Resource): void {
    this.expectation.resourceChanges += 1;
    const address = resourceAddress(moduleAddress, resource);
    for (const policy of resource.policies) {
      if (policy.kind === 'unknown') {
        this.expectation.unknownPolicies += 1;
        continue;
      }
      this.expectation.knownPolicies += 1;
      if (policy.kind !== 'clean' && policy.kind !== 'cancelled') this.expectation.findings[`${address} ${policy.path}`] = policy.kind;
    }
  }

  resourceChanges(): void {
    this.list(this.allChanges(), ([moduleAddress, resource]) => {
      this.record(moduleAddress, resource);
      this.out.write(this.json(resourceChange(moduleAddress, resource)));
    });
    this.expectation.moduleInstances = 0;
    for (const team of this.teams()) this.expectation.moduleInstances += 1 + team.resources.services.length;
  }

  /** planned_values (after apply) or prior_state (before the plan) module trees. */
  private moduleTree(which: 'planned' | 'prior'): void {
    const include = (r: Resource): JsonObject | undefined => {
      if (which === 'planned') return r.mode === 'managed' && r.after !== null ? r.after : undefined;
      if (r.priorDataOnly) return r.after ?? undefined;
      return r.mode === 'managed' && r.before !== null ? r.before : undefined;
    };
    const resources = (moduleAddress: string | undefined, list: readonly Resource[]): void => {
      const entries: string[] = [];
      for (const r of list) {
        const values = include(r);
        if (values !== undefined) entries.push(this.json(moduleResource(moduleAddress, r, values)));
      }
      this.out.write(`"resources":[${entries.join(',')}]`);
    };
    this.out.write('{');
    resources(undefined, [...rootResources(this.spec, 'first'), ...rootResources(this.spec, 'last')]);
    this.out.write(',"child_modules":');
    this.list(this.teams(), (team) => {
      this.out.write(`{"address":${JSON.stringify(team.address)},`);
      resources(team.address, team.resources.team);
      this.out.write(',"child_modules":');
      this.list(team.resources.services, ([key, list]) => {
        const address = `${team.address}.module.svc${instanceKey(key)}`;
        this.out.write(`{"address":${JSON.stringify(address)},`);
        resources(address, list);
        this.out.write('}');
      });
      this.out.write('}');
    });
    this.out.write('}');
  }

  plannedValues(): void {
    this.out.write('{"outputs":{"summary":{"sensitive":false,"value":"see \\"resources\\" {below}"}},"root_module":');
    this.moduleTree('planned');
    this.out.write('}');
  }

  priorState(): void {
    this.out.write('{"format_version":"1.0","terraform_version":"1.9.5","values":{"outputs":{},"root_module":');
    this.moduleTree('prior');
    this.out.write('}}');
  }

  configuration(): void {
    const provider = { aws: { name: 'aws', full_name: PROVIDER, version_constraint: '~> 5.0', expressions: { region: { constant_value: REGION } } } };
    this.out.write(`{"provider_config":${this.json(provider)},"root_module":{"resources":`);
    this.out.write(this.json([...rootResources(this.spec, 'first'), ...rootResources(this.spec, 'last')].map(configResource)));
    this.out.write(',"module_calls":{');
    for (let group = 0; group < this.layout.groups; group++) {
      // Every team of a group runs the same module: its first team's resources stand for it.
      const sample = teamResources(this.seed, group, 0, this.share, true);
      const services = sample.services[0]![1];
      const call = {
        source: `./modules/team-${group % 5}`,
        for_each_expression: { references: [`var.teams_${group}`] },
        expressions: { name: { references: ['each.key'] }, tags: { references: ['local.tags'] } },
        module: {
          resources: sample.team.map(configResource),
          module_calls: {
            svc: {
              source: '../service',
              for_each_expression: { references: ['var.services'] },
              expressions: { team: { references: ['var.name'] } },
              module: { resources: services.map(configResource), variables: { team: { description: 'Owning team' } } },
            },
          },
          variables: { name: { description: 'Team name' }, tags: { default: { managed_by: 'terraform' } } },
        },
      };
      this.out.write(`${group > 0 ? ',' : ''}${JSON.stringify(`team_${group}`)}:${this.json(call)}`);
    }
    this.out.write('}}}');
  }
}

function writeSections(writer: Writer, plan: PlanWriter, order: SectionOrder): void {
  const sections: Array<[string, () => void]> = [
    ['format_version', () => writer.write('"1.2"')],
    ['terraform_version', () => writer.write('"1.9.5"')],
    ['variables', () => writer.write(`{"region":{"value":"${REGION}"},"services":{"value":${JSON.stringify(SERVICES)}}}`)],
    ['planned_values', () => plan.plannedValues()],
    ['resource_changes', () => plan.resourceChanges()],
    [
      'output_changes',
      () => writer.write('{"summary":{"actions":["no-op"],"before":"x","after":"x","after_unknown":false,"before_sensitive":false,"after_sensitive":false}}'),
    ],
    ['prior_state', () => plan.priorState()],
    ['configuration', () => plan.configuration()],
    ['relevant_attributes', () => writer.write('[{"resource":"aws_iam_role.app","attribute":["arn"]}]')],
    ['timestamp', () => writer.write('"2024-05-01T12:00:00Z"')],
    ['applyable', () => writer.write('true')],
    ['complete', () => writer.write('true')],
    ['errored', () => writer.write('false')],
  ];
  if (order !== 'terraform') {
    const changes = sections.splice(
      sections.findIndex(([key]) => key === 'resource_changes'),
      1,
    )[0]!;
    if (order === 'changes-first') sections.unshift(changes);
    else sections.push(changes);
  }
  writer.write('{');
  sections.forEach(([key, write], i) => {
    writer.write(`${i > 0 ? ',' : ''}"${key}":`);
    write();
  });
  writer.write('}\n');
}

function layoutFor(teams: number): Layout {
  const groups = Math.max(1, Math.ceil(teams / TEAMS_PER_GROUP));
  return { groups, lastGroupTeams: teams - (groups - 1) * TEAMS_PER_GROUP };
}

class CountingSink implements Sink {
  bytes = 0;
  write(chunk: string): void {
    this.bytes += Buffer.byteLength(chunk);
  }
}

function planBytes(spec: PlanSpec, teams: number): number {
  const sink = new CountingSink();
  const writer = new Writer(sink);
  writeSections(writer, new PlanWriter(writer, spec, layoutFor(teams)), spec.order ?? 'terraform');
  writer.flush();
  return sink.bytes;
}

/** How many team instances give about `targetBytes` (none for a tiny plan): measured on small plans, then scaled. */
export function teamsFor(spec: PlanSpec): number {
  const one = planBytes(spec, 1);
  if (spec.targetBytes < one) return 0;
  const sample = 64;
  const perTeam = (planBytes(spec, sample) - one) / (sample - 1);
  return Math.max(1, Math.round((spec.targetBytes - one) / perTeam) + 1);
}

/** Writes the plan to `sink` and returns what a correct check must report. */
export function writePlan(sink: Sink, spec: PlanSpec): PlanExpectation & { readonly bytes: number } {
  const writer = new Writer(sink);
  const plan = new PlanWriter(writer, spec, layoutFor(teamsFor(spec)));
  writeSections(writer, plan, spec.order ?? 'terraform');
  writer.flush();
  return { ...plan.expectation, bytes: writer.bytes };
}

/** The whole plan as a string (for small plans in tests). */
export function planText(spec: PlanSpec): { text: string; expectation: PlanExpectation } {
  const parts: string[] = [];
  const expectation = writePlan({ write: (chunk) => parts.push(chunk) }, spec);
  return { text: parts.join(''), expectation };
}
