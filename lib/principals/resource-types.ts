/**
 * The Terraform resource types of the principal view: principals, the resources that give them
 * inline policies, attach managed policies, set group memberships, and the attribute naming each.
 */
import type { PrincipalKind } from './types.js';

/** A principal resource type: its kind and the attributes holding its name and what it attaches itself. */
interface PrincipalType {
  readonly kind: PrincipalKind;
  readonly name: string;
  /** The attribute holding its ARN, when attachments name it by ARN rather than by name (permission sets). */
  readonly arn?: string;
  /** Its own list of managed policy ARNs. */
  readonly managedPolicies?: string;
  /** Its own list of customer managed policy references (name and path). */
  readonly policyReferences?: string;
  /** Its own permissions boundary: an ARN, or (`reference`) an object naming an AWS managed policy or a customer managed one. */
  readonly boundary?: { readonly attribute: string; readonly shape: 'arn' | 'reference' };
}

const IAM_OWN = { managedPolicies: 'managed_policy_arns' } as const;
const IAM_BOUNDARY = { attribute: 'permissions_boundary', shape: 'arn' } as const;

/** Principal resource types, with the attribute holding the name. */
export const PRINCIPAL_TYPES: Readonly<Record<string, PrincipalType>> = {
  aws_iam_role: { kind: 'role', name: 'name', ...IAM_OWN, boundary: IAM_BOUNDARY },
  aws_iam_user: { kind: 'user', name: 'name', ...IAM_OWN, boundary: IAM_BOUNDARY },
  aws_iam_group: { kind: 'group', name: 'name', ...IAM_OWN },
  awscc_iam_role: { kind: 'role', name: 'role_name', ...IAM_OWN, boundary: IAM_BOUNDARY },
  awscc_iam_user: { kind: 'user', name: 'user_name', ...IAM_OWN, boundary: IAM_BOUNDARY },
  awscc_iam_group: { kind: 'group', name: 'group_name', ...IAM_OWN },
  aws_ssoadmin_permission_set: { kind: 'permission-set', name: 'name', arn: 'arn' },
  awscc_sso_permission_set: {
    kind: 'permission-set',
    name: 'name',
    arn: 'permission_set_arn',
    managedPolicies: 'managed_policies',
    policyReferences: 'customer_managed_policy_references',
    boundary: { attribute: 'permissions_boundary', shape: 'reference' },
  },
};

/** Inline policy resources (one policy of one principal), with the attribute naming the principal (and the policy, when it has a name). */
export const INLINE_POLICY_TYPES: Readonly<Record<string, { readonly kind: PrincipalKind; readonly principal: string; readonly name?: string }>> = {
  aws_iam_role_policy: { kind: 'role', principal: 'role', name: 'name' },
  aws_iam_user_policy: { kind: 'user', principal: 'user', name: 'name' },
  aws_iam_group_policy: { kind: 'group', principal: 'group', name: 'name' },
  awscc_iam_role_policy: { kind: 'role', principal: 'role_name', name: 'policy_name' },
  awscc_iam_user_policy: { kind: 'user', principal: 'user_name', name: 'policy_name' },
  awscc_iam_group_policy: { kind: 'group', principal: 'group_name', name: 'policy_name' },
  aws_ssoadmin_permission_set_inline_policy: { kind: 'permission-set', principal: 'permission_set_arn' },
};

/** Customer managed policy resources, with the attribute holding the ARN and the document's policy path. */
export const MANAGED_POLICY_TYPES: Readonly<Record<string, { readonly arn: string; readonly name: string; readonly path: string; readonly document: string }>> =
  {
    aws_iam_policy: { arn: 'arn', name: 'name', path: 'path', document: 'policy' },
    awscc_iam_managed_policy: { arn: 'policy_arn', name: 'managed_policy_name', path: 'path', document: 'policy_document' },
  };

/** A principal-naming attribute of an attachment: one name, or a list of names. */
export interface PrincipalAttribute {
  readonly kind: PrincipalKind;
  readonly attribute: string;
  readonly list: boolean;
}

/** A policy-naming attribute: one ARN, or a list of ARNs. */
interface PolicyAttribute {
  readonly attribute: string;
  readonly list: boolean;
}

interface AttachmentType {
  readonly principals: readonly PrincipalAttribute[];
  readonly policies: PolicyAttribute;
  /** The attachments are the principal's only ones (`..._attachments_exclusive`): others are removed at apply. */
  readonly exclusive?: true;
}

const one = (kind: PrincipalKind, attribute: string): PrincipalAttribute => ({ kind, attribute, list: false });
const many = (kind: PrincipalKind, attribute: string): PrincipalAttribute => ({ kind, attribute, list: true });

/** Resources that attach managed policies by ARN to principals named by attribute. */
export const ATTACHMENT_TYPES: Readonly<Record<string, AttachmentType>> = {
  aws_iam_role_policy_attachment: { principals: [one('role', 'role')], policies: { attribute: 'policy_arn', list: false } },
  aws_iam_user_policy_attachment: { principals: [one('user', 'user')], policies: { attribute: 'policy_arn', list: false } },
  aws_iam_group_policy_attachment: { principals: [one('group', 'group')], policies: { attribute: 'policy_arn', list: false } },
  aws_iam_policy_attachment: {
    principals: [many('role', 'roles'), many('user', 'users'), many('group', 'groups')],
    policies: { attribute: 'policy_arn', list: false },
  },
  aws_iam_role_policy_attachments_exclusive: { principals: [one('role', 'role_name')], policies: { attribute: 'policy_arns', list: true }, exclusive: true },
  aws_iam_user_policy_attachments_exclusive: { principals: [one('user', 'user_name')], policies: { attribute: 'policy_arns', list: true }, exclusive: true },
  aws_iam_group_policy_attachments_exclusive: { principals: [one('group', 'group_name')], policies: { attribute: 'policy_arns', list: true }, exclusive: true },
  aws_ssoadmin_managed_policy_attachment: {
    principals: [one('permission-set', 'permission_set_arn')],
    policies: { attribute: 'managed_policy_arn', list: false },
  },
  aws_ssoadmin_managed_policy_attachments_exclusive: {
    principals: [one('permission-set', 'permission_set_arn')],
    policies: { attribute: 'managed_policy_arns', list: true },
    exclusive: true,
  },
};

/**
 * Resources that attach customer managed policies to permission sets by name and path (a block
 * list of `{ name, path }`): in each account the set is provisioned to, the policy of that name.
 */
export const REFERENCE_ATTACHMENT_TYPES: Readonly<
  Record<string, { readonly principal: PrincipalAttribute; readonly references: string; readonly exclusive?: true }>
> = {
  aws_ssoadmin_customer_managed_policy_attachment: { principal: one('permission-set', 'permission_set_arn'), references: 'customer_managed_policy_reference' },
  aws_ssoadmin_customer_managed_policy_attachments_exclusive: {
    principal: one('permission-set', 'permission_set_arn'),
    references: 'customer_managed_policy_reference',
    exclusive: true,
  },
};

/** Resources that set a permission set's permissions boundary (a one-block list: an AWS managed policy ARN or a customer managed policy reference). */
export const BOUNDARY_ATTACHMENT_TYPES: Readonly<Record<string, { readonly principal: PrincipalAttribute; readonly boundary: string }>> = {
  aws_ssoadmin_permissions_boundary_attachment: { principal: one('permission-set', 'permission_set_arn'), boundary: 'permissions_boundary' },
};

/** Inline policy lists that are a principal's only inline policies (others are removed at apply). */
export const EXCLUSIVE_INLINE_TYPES: Readonly<Record<string, { readonly principal: PrincipalAttribute; readonly names: string }>> = {
  aws_iam_role_policies_exclusive: { principal: one('role', 'role_name'), names: 'policy_names' },
  aws_iam_user_policies_exclusive: { principal: one('user', 'user_name'), names: 'policy_names' },
  aws_iam_group_policies_exclusive: { principal: one('group', 'group_name'), names: 'policy_names' },
};

/** Group membership resources: the attributes naming users and groups. */
export const MEMBERSHIP_TYPES: Readonly<Record<string, { readonly users: PrincipalAttribute; readonly groups: PrincipalAttribute }>> = {
  aws_iam_group_membership: { users: many('user', 'users'), groups: one('group', 'group') },
  aws_iam_user_group_membership: { users: one('user', 'user'), groups: many('group', 'groups') },
};
