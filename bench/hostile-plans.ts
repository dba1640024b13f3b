/**
 * Hostile `terraform show -json` plans: the shapes a pull request can write to make a checker
 * run long or run out of memory. Each is a pure function of its parameters (a seeded generator
 * picks the pattern characters), so the same case always gives the same bytes.
 */
import { prng as random, type JsonObject } from './generate.js';

const LETTERS = 'abcdefhlmnpqrstuvwxyz';
const DIGITS = '0123456789';

/** `*c*c*...*` with `count` characters from `alphabet`. */
function starred(next: () => number, alphabet: string, count: number): string {
  let text = '*';
  for (let i = 0; i < count; i++) text += `${alphabet[Math.floor(next() * alphabet.length)]}*`;
  return text;
}

/**
 * Key ARN patterns full of `*` between scattered characters, like
 * `arn:aws*:kms:*a*h*b*:*1*3*:key/*f*l*`: each `*` may run across `:` and `/`, so a set of them
 * needs exponentially many automaton states.
 */
export function starPatterns(count: number, seed = 1, fields: readonly [number, number, number] = [3, 2, 2]): string[] {
  const next = random(seed);
  const [region, account, key] = fields;
  return Array.from(
    { length: count },
    () => `arn:aws*:kms:${starred(next, LETTERS, region)}:${starred(next, DIGITS, account)}:key/${starred(next, LETTERS, key)}`,
  );
}

function resource(address: string, type: string, name: string, values: JsonObject): JsonObject {
  return { address, mode: 'managed', type, name, provider_name: 'registry.terraform.io/hashicorp/aws', schema_version: 0, values, sensitive_values: {} };
}

function change(address: string, type: string, name: string, after: JsonObject, afterUnknown: JsonObject = {}): JsonObject {
  return {
    address,
    mode: 'managed',
    type,
    name,
    provider_name: 'registry.terraform.io/hashicorp/aws',
    change: { actions: ['create'], before: null, after, after_unknown: afterUnknown, before_sensitive: false, after_sensitive: {} },
  };
}

/** A plan whose only resources are `aws_iam_policy` resources with these policy texts (or unknown, for undefined). */
export function policiesPlan(policies: readonly (string | undefined)[]): JsonObject {
  const resources = policies.map((policy, i) => {
    const name = `p${i}`;
    return { name, address: `aws_iam_policy.${name}`, policy };
  });
  return {
    format_version: '1.2',
    terraform_version: '1.12.1',
    planned_values: {
      root_module: {
        resources: resources.map(({ name, address, policy }) => resource(address, 'aws_iam_policy', name, policy === undefined ? { name } : { name, policy })),
      },
    },
    resource_changes: resources.map(({ name, address, policy }) =>
      policy === undefined ? change(address, 'aws_iam_policy', name, { name }, { policy: true }) : change(address, 'aws_iam_policy', name, { name, policy }),
    ),
    configuration: {
      provider_config: { aws: { name: 'aws', full_name: 'registry.terraform.io/hashicorp/aws', expressions: { region: { constant_value: 'eu-west-1' } } } },
      root_module: {},
    },
    complete: true,
    errored: false,
  };
}

/** A policy document's text from its statements. */
export function policyText(statements: readonly JsonObject[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/**
 * The deferred-wide-grant example altered: its `aws_iam_policy_document` holds `allows` Allow
 * statements of `kms:Decrypt` whose Resource is known only after apply, beside one Deny of
 * `kms:*` whose Resource holds `patterns` star patterns.
 */
export function deferredWideGrantPlan(example: JsonObject, allows: number, patterns: readonly string[]): JsonObject {
  const plan = structuredClone(example);
  const statements = [
    ...Array.from({ length: allows }, (_, i) => ({ ...statementBase(), sid: `Grant${i}`, actions: ['kms:Decrypt'], resources: [null] })),
    { ...statementBase(), sid: 'DenyPatterns', effect: 'Deny', actions: ['kms:*'], resources: [...patterns] },
  ];
  const unknown = [...Array.from({ length: allows }, () => ({ ...maskBase(), resources: [true] })), { ...maskBase(), resources: patterns.map(() => false) }];
  const known = [...Array.from({ length: allows }, () => ({ ...maskBase(), resources: [false] })), { ...maskBase(), resources: patterns.map(() => false) }];
  const isDocument = (r: JsonObject) => r['type'] === 'aws_iam_policy_document';
  const planned = ((plan['planned_values'] as JsonObject)['root_module'] as JsonObject)['resources'] as JsonObject[];
  for (const r of planned.filter(isDocument)) {
    (r['values'] as JsonObject)['statement'] = structuredClone(statements);
    r['sensitive_values'] = { statement: structuredClone(known) };
  }
  for (const r of (plan['resource_changes'] as JsonObject[]).filter(isDocument)) {
    const c = r['change'] as JsonObject;
    (c['after'] as JsonObject)['statement'] = structuredClone(statements);
    (c['after_unknown'] as JsonObject)['statement'] = structuredClone(unknown);
    c['after_sensitive'] = { statement: structuredClone(known) };
  }
  return plan;
}

function statementBase(): JsonObject {
  return { condition: [], effect: null, not_actions: null, not_principals: [], not_resources: null, principals: [] };
}

function maskBase(): JsonObject {
  return { actions: [false], condition: [], not_principals: [], principals: [] };
}

/** JSON nested `depth` arrays deep inside a policy document's Statement (as text). */
export function deeplyNestedPolicy(depth: number): string {
  return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"aws:x":${'['.repeat(depth)}${']'.repeat(depth)}}}}]}`;
}

/** A plan whose JSON itself is nested `depth` deep inside a policy object value. */
export function deeplyNestedPlanText(depth: number): string {
  const plan = policiesPlan([policyText([{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:eu-west-1:111122223333:key/k' }])]);
  const text = JSON.stringify(plan);
  const marker = '"name":"p0"';
  return text.replace(marker, `${marker},"tags":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);
}

/** One `aws_iam_policy` whose policy text is `policy`, as plan text (for policies too large to clone as objects). */
export function onePolicyPlanText(policy: string): string {
  return JSON.stringify(policiesPlan([policy]));
}

/** Allow `kms:Decrypt` on `*`, beside a Deny whose Resource holds these patterns. */
export function denyPatternsPolicy(patterns: readonly string[]): string {
  return policyText([
    { Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' },
    { Effect: 'Deny', Action: 'kms:*', Resource: [...patterns] },
  ]);
}

/** Key ARN patterns with a run of `length` `?` in each field, the runs of different lengths. */
export function questionMarkPatterns(count: number, length: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const run = '?'.repeat(length + i);
    return `arn:aws:kms:*${run}:*:key/${run}*`;
  });
}

const VARIABLES = [
  'aws:username',
  'aws:userid',
  'aws:PrincipalAccount',
  'aws:SourceAccount',
  'aws:PrincipalTag/team',
  'aws:RequestedRegion',
  'aws:PrincipalOrgID',
  'aws:SourceVpc',
];

/** Resource patterns made of policy variables (`${aws:username}` ...) between wildcards, in an Allow and a Deny. */
export function variablesPolicy(count: number, seed = 1): string {
  const next = random(seed);
  const variable = () => `\${${VARIABLES[Math.floor(next() * VARIABLES.length)]}${Math.floor(next() * 50)}}`;
  const arn = () => `arn:aws:kms:*${variable()}*:${variable()}${variable()}:key/${variable()}*${variable()}*`;
  return policyText([
    { Effect: 'Allow', Action: 'kms:Decrypt', Resource: Array.from({ length: count }, arn) },
    { Effect: 'Deny', Action: 'kms:Decrypt', Resource: Array.from({ length: count }, arn) },
  ]);
}

/**
 * `${aws:PrincipalAccount}` beside `count` accounts a Deny keeps: the policy is judged once per
 * account it writes (and for accounts it does not).
 */
export function principalAccountPolicy(count: number): string {
  const accounts = Array.from({ length: count }, (_, i) => `arn:aws:kms:*:${String(100000000000 + i * 7919)}:key/*`);
  return policyText([
    { Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:*:${aws:PrincipalAccount}:key/*' },
    { Effect: 'Deny', Action: 'kms:Decrypt', NotResource: accounts },
  ]);
}

/** `count` Allow statements, each on its own wildcard key pattern, and one Deny. */
export function manyStatementsPolicy(count: number): string {
  const statements: JsonObject[] = Array.from({ length: count }, (_, i) => ({
    Sid: `S${i}`,
    Effect: 'Allow',
    Action: 'kms:Decrypt',
    Resource: `arn:aws:kms:us-east-1:111122223333:key/k${i}*`,
  }));
  statements.push({ Effect: 'Deny', Action: 'kms:*', NotResource: 'arn:aws:kms:us-east-1:111122223333:key/*' });
  return policyText(statements);
}

/** A policy whose one Resource string is about `bytes` long: `*` between scattered characters. */
export function longStringPolicy(bytes: number): string {
  const next = random(3);
  let pattern = 'arn:aws:kms:*:*:key/';
  const parts: string[] = [pattern];
  let length = pattern.length;
  while (length < bytes) {
    const piece = `${LETTERS[Math.floor(next() * LETTERS.length)]}*`;
    parts.push(piece);
    length += piece.length;
  }
  pattern = parts.join('');
  return denyPatternsPolicy([pattern]);
}
