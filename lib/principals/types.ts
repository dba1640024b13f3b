/**
 * The principal view: the roles, users, groups and IAM Identity Center permission sets a plan
 * leaves, and the identity policies that apply to each after apply.
 */
import type { Policy } from '../iam/types.js';
import type { PolicySource } from '../types.js';

export type PrincipalKind = 'role' | 'user' | 'group' | 'permission-set';

/** A role, user, group or permission set resource of the plan. */
interface PrincipalNode {
  readonly address: string;
  readonly resourceType: string;
  readonly kind: PrincipalKind;
  /** Its name, when known. */
  readonly name?: string;
}

/** Where an identity policy's document comes from. */
export type PolicyDocument =
  /** A document of the plan: an inline policy, or a customer managed policy resource. */
  | { readonly kind: 'plan'; readonly policySource: PolicySource }
  /** An AWS managed policy the data file knows (its KMS statements). */
  | { readonly kind: 'managed'; readonly arn: string; readonly policy: Policy }
  /** A policy the plan does not show: an ARN outside the plan or unknown, or one of several. */
  | { readonly kind: 'unknown'; readonly label: string; readonly detail: string };

/** One identity policy that applies to a principal, and how it comes to apply. */
export interface AppliedPolicy {
  readonly document: PolicyDocument;
  /**
   * How it applies: `inline`, the attachment's address (`aws_iam_role_policy_attachment.a`), the
   * attribute (`aws_iam_role.r.managed_policy_arns`); for a user's group, the group's address first.
   */
  readonly via: string;
  /**
   * Set when the plan does not say for certain that the policy stays attached (an exclusive
   * attachment elsewhere may remove it, or the attachment may name another principal): its
   * Allows count, its Denies do not (a Deny that might not apply removes nothing).
   */
  readonly allowsOnly?: true;
}

/** A user's group; not certain when the membership may name another group or user instead. */
interface GroupMembership {
  readonly address: string;
  readonly certain: boolean;
}

/** A principal and what applies to it after apply. */
export interface PrincipalEntry {
  readonly principal: PrincipalNode;
  readonly policies: AppliedPolicy[];
  /** Users: the groups of the plan they are in. */
  readonly groups: GroupMembership[];
  /** Roles, users and permission sets: the permissions boundary, when one is set. */
  boundary?: AppliedPolicy;
}

/** A principal the plan attaches policies to without managing it: only its name (or nothing) is known. */
export interface OutsidePrincipal {
  readonly kind: PrincipalKind;
  /** Its name or ARN; undefined when not known until apply. */
  readonly name?: string;
  /** The attachments that name it, sorted. */
  readonly attachments: string[];
  readonly policies: AppliedPolicy[];
}

export interface PrincipalGraph {
  /** By address, in plan order. */
  readonly principals: ReadonlyMap<string, PrincipalEntry>;
  readonly outside: readonly OutsidePrincipal[];
}
