/**
 * The IAM policy language as kmsguard models it. No Terraform knowledge lives here.
 */

/** How widely a policy grants a blocked action, widest first. */
export type Scope = 'all-keys' | 'account-keys' | 'region-keys';

/** Every scope, widest first: the one order of scopes that evaluation, rules and reports read. */
export const SCOPES: readonly Scope[] = ['all-keys', 'account-keys', 'region-keys'];

/** Whether scope `a` reaches more keys than scope `b`. */
export function widerScope(a: Scope, b: Scope): boolean {
  return SCOPES.indexOf(a) < SCOPES.indexOf(b);
}

/**
 * A value not known until apply. `oneKey` marks a value known to be the ARN of exactly one
 * KMS key (e.g. `aws_kms_key.main.arn`): it names a key, so it can never widen the scope.
 */
export interface UnknownValue {
  readonly unknown: true;
  readonly oneKey?: boolean;
  /** What the value is, for messages: e.g. `aws_kms_key.main.arn`. */
  readonly detail: string;
}

/** An Action/NotAction or Resource/NotResource element: pattern strings, some possibly unknown. */
export type PatternList = ReadonlyArray<string | UnknownValue>;

/** One condition test: `"StringEquals": { "aws:ResourceTag/team": ["a"] }` gives one of these. */
export interface ConditionTest {
  readonly operator: string;
  readonly key: string;
  readonly values: ReadonlyArray<string | UnknownValue>;
}

export interface Statement {
  /** Position in the Statement list (0 for a lone statement object). */
  readonly index: number;
  readonly sid?: string;
  /** JSON pointer to the statement inside the policy document: `/Statement/0` or `/Statement`. */
  readonly pointer: string;
  readonly effect: 'Allow' | 'Deny' | UnknownValue;
  /** Exactly one of action / notAction is set (either may be an UnknownValue as a whole). */
  readonly action?: PatternList | UnknownValue;
  readonly notAction?: PatternList | UnknownValue;
  /** Exactly one of resource / notResource is set. */
  readonly resource?: PatternList | UnknownValue;
  readonly notResource?: PatternList | UnknownValue;
  /** Parsed Condition block; `undefined` when the statement has none; UnknownValue when not known. */
  readonly condition?: ReadonlyArray<ConditionTest> | UnknownValue;
}

export interface Policy {
  readonly statements: ReadonlyArray<Statement>;
  /** Set when whole statements are unknown (e.g. a dynamic block not known until apply). */
  readonly unknownStatements?: UnknownValue;
  /**
   * True when the document's Version is not "2012-10-17" (an older one, or none): policy
   * variables are then literal text. Unset for documents of 2012-10-17 and for models.
   */
  readonly literalVariables?: boolean;
  /**
   * Resource/NotResource patterns of items that match no key (a policy variable read so:
   * variable-readings.ts) but whose other segments the policy still spells out.
   */
  readonly spelledOnly?: readonly string[];
}

/**
 * Every AWS partition (the ids of the AWS SDKs' partitions.json), `aws` first: what makes a key
 * ARN `arn:<partition>:kms:...`. The one list the CLI choices, the config schema and the
 * partitions judged are made from.
 */
export const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'] as const;

/** The partition keys are judged in. */
export type Partition = (typeof PARTITIONS)[number];

export function isPartition(value: unknown): value is Partition {
  return (PARTITIONS as readonly unknown[]).includes(value);
}

export type ConditionMode = 'ignore' | 'scope';

export interface EvaluationOptions {
  /** Concrete (already expanded) blocked action names, e.g. `kms:Decrypt`. */
  readonly blockedActions: readonly string[];
  readonly partition: Partition;
  readonly conditions: ConditionMode;
}

/** Why a statement matched: the element and the patterns of it that did. */
export interface MatchReason {
  readonly element: 'Action' | 'NotAction' | 'Resource' | 'NotResource';
  /** The patterns that matched (Action/Resource), or the full list that failed to exclude (Not*). */
  readonly values: readonly string[];
}

export interface ResponsibleStatement {
  readonly index: number;
  readonly sid?: string;
  readonly pointer: string;
  readonly matched: readonly MatchReason[];
}

/** The verdict on one policy. */
export type Verdict =
  | { readonly kind: 'clean' }
  | {
      readonly kind: 'finding';
      readonly scope: Scope;
      /** The blocked actions allowed on keys the policy does not name, sorted. */
      readonly actions: readonly string[];
      /** Allow statements that grant them (at the finding's scope), by index. */
      readonly statements: readonly ResponsibleStatement[];
      /** Condition keys on those Allow statements (ignored in the verdict), sorted, unique. */
      readonly conditionKeys: readonly string[];
      /** When unknown parts could widen the scope beyond `scope`, the widest it could reach. */
      readonly mayWidenTo?: Scope;
      /** The reading of the policy's variables that gives this verdict (`with ${aws:PrincipalAccount} = ...`). */
      readonly reading?: string;
    }
  | {
      readonly kind: 'unknown';
      /** Names the unknown parts that decide the verdict. */
      readonly detail: string;
    }
  | {
      /** Judging it ran out of its work budget: it could not be judged exactly. */
      readonly kind: 'too-complex';
      readonly detail: string;
    };

/** A policy document that could not be read: what is wrong and where (JSON pointer). */
export interface PolicyError {
  readonly message: string;
  readonly pointer: string;
}
