/**
 * The Terraform resource types of the principal view: principals, the resources that give them
 * inline policies, attach managed policies, set group memberships, and the attribute naming each.
 */
import type { PrincipalKind } from './types.js';

/** Principal resource types, with the attribute holding the name. */
export const PRINCIPAL_TYPES: Readonly<Record<string, { readonly kind: PrincipalKind; readonly name: string }>> = {
  aws_iam_role: { kind: 'role', name: 'name' },
  aws_iam_user: { kind: 'user', name: 'name' },
  aws_iam_group: { kind: 'group', name: 'name' },
  awscc_iam_role: { kind: 'role', name: 'role_name' },
  awscc_iam_user: { kind: 'user', name: 'user_name' },
  awscc_iam_group: { kind: 'group', name: 'group_name' },
};

/** Inline policy resources (one policy of one principal), with the attribute naming the principal. */
export const INLINE_POLICY_TYPES: Readonly<Record<string, { readonly kind: PrincipalKind; readonly principal: string; readonly name: string }>> = {
  aws_iam_role_policy: { kind: 'role', principal: 'role', name: 'name' },
  aws_iam_user_policy: { kind: 'user', principal: 'user', name: 'name' },
  aws_iam_group_policy: { kind: 'group', principal: 'group', name: 'name' },
  awscc_iam_role_policy: { kind: 'role', principal: 'role_name', name: 'policy_name' },
  awscc_iam_user_policy: { kind: 'user', principal: 'user_name', name: 'policy_name' },
  awscc_iam_group_policy: { kind: 'group', principal: 'group_name', name: 'policy_name' },
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
