/**
 * The README's table of rules, made from the registry (a test keeps the README's copy equal).
 */
import { DEFAULT_BLOCKED_ACTIONS } from './decrypt.js';
import { RULE_REGISTRY } from './registry.js';
import { SCOPES } from '../iam/types.js';
import { scopedRuleId, type Rule } from './rule.js';

const code = (text: string) => `\`${text}\``;

function actionsCell(rule: Rule): string {
  const actions = rule.blockedActions({ blockedActions: DEFAULT_BLOCKED_ACTIONS }).map(code).join(', ');
  return rule.options.includes('blockedActions') ? `${actions} (by default; \`blockedActions\`, \`--blocked-action\`)` : actions;
}

function row(rule: Rule): string {
  const ids = SCOPES.map((scope) => `${code(scopedRuleId(rule, scope))} (${rule.severity[scope]})`).join(', ');
  return `| ${code(rule.id)} | ${rule.name} | ${actionsCell(rule)} | ${ids} | ${rule.enabledByDefault ? 'yes' : 'no'} | ${rule.parity} |`;
}

/** The markdown table: one row per rule, in registry order. */
export function rulesTable(rules: readonly Rule[] = RULE_REGISTRY): string {
  return [
    '| rule | flags | actions | finding ids (severity) | on by default | AWS Security Hub |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rules.map(row),
  ].join('\n');
}
