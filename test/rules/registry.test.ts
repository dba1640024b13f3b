/**
 * The rule registry: what is read from it (config schema ids, README table), rule selection, and
 * that the Rule type can say what an opt-in rule needs.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { check, OptionsError, resolveRules } from '../../lib/check.js';
import { DECRYPT_RULE } from '../../lib/rules/decrypt.js';
import { GRANT_RULE } from '../../lib/rules/grant.js';
import { RULE_IDS, RULE_REGISTRY, ruleOfFinding, RuleSelectionError, SCOPED_RULES, selectRules } from '../../lib/rules/registry.js';
import type { Rule } from '../../lib/rules/rule.js';
import { rulesTable } from '../../lib/rules/rules-table.js';
import { repoRoot } from '../support/paths.js';

const OPT_IN: Rule = { ...GRANT_RULE, id: 'kms-principal', name: 'Principals', enabledByDefault: false };
const WITH_OPT_IN = [...RULE_REGISTRY, OPT_IN];

describe('rule registry', () => {
  it('lists the decrypt rule, then the grant rule, both on by default, then the principal rule, opt-in', () => {
    expect(RULE_REGISTRY.map((rule) => [rule.id, rule.enabledByDefault, rule.subject])).to.deep.equal([
      ['kms-decrypt', true, 'policy'],
      ['kms-grant', true, 'policy'],
      ['principal-decrypt', false, 'principal'],
    ]);
    expect(SCOPED_RULES.map((rule) => rule.id)).to.deep.equal([
      'kms-decrypt-all-keys',
      'kms-decrypt-account-keys',
      'kms-decrypt-region-keys',
      'kms-grant-all-keys',
      'kms-grant-account-keys',
      'kms-grant-region-keys',
      'principal-decrypt-all-keys',
      'principal-decrypt-account-keys',
      'principal-decrypt-region-keys',
    ]);
  });

  it('makes --principals (option principals) add the principal rule to the rules selected, and --skip-rule still removes it', () => {
    const ids = (options: Parameters<typeof resolveRules>[0]) => resolveRules(options).map((r) => r.rule.id);
    const blockedActions = ['kms:Decrypt'];
    expect(ids({ blockedActions })).to.deep.equal(['kms-decrypt', 'kms-grant']);
    expect(ids({ blockedActions, principals: true })).to.deep.equal(['kms-decrypt', 'kms-grant', 'principal-decrypt']);
    expect(ids({ blockedActions, principals: true, rules: ['kms-grant'] })).to.deep.equal(['kms-grant', 'principal-decrypt']);
    expect(ids({ blockedActions, principals: true, rules: ['principal-decrypt'] })).to.deep.equal(['principal-decrypt']);
    expect(ids({ blockedActions, principals: true, skipRules: ['kms-decrypt', 'kms-grant'] })).to.deep.equal(['principal-decrypt']);
    expect(ids({ blockedActions, principals: true, skipRules: ['principal-decrypt'] })).to.deep.equal(['kms-decrypt', 'kms-grant']);
    expect(ids({ blockedActions, principals: false })).to.deep.equal(['kms-decrypt', 'kms-grant']);
  });

  it('blocks the configured actions for the decrypt rule and fixed ones for the grant rule', () => {
    expect(DECRYPT_RULE.blockedActions({ blockedActions: ['kms:Encrypt'] })).to.deep.equal(['kms:Encrypt']);
    expect(GRANT_RULE.blockedActions({ blockedActions: ['kms:Encrypt'] })).to.deep.equal(['kms:CreateGrant', 'kms:PutKeyPolicy', 'kms:ReplicateKey']);
  });

  it('gives Security Hub ids for the decrypt rule only: KMS.1 for managed policies, KMS.2 for inline ones', () => {
    const types = [
      'aws_iam_policy',
      'awscc_iam_managed_policy',
      'aws_iam_role_policy',
      'aws_iam_role',
      'aws_ssoadmin_permission_set_inline_policy',
      'awscc_iam_role',
    ];
    expect(types.map((type) => DECRYPT_RULE.compliance(type))).to.deep.equal([
      ['Security Hub KMS.1'],
      ['Security Hub KMS.1'],
      ['Security Hub KMS.2'],
      ['Security Hub KMS.2'],
      ['Security Hub KMS.2'],
      ['Security Hub KMS.2'],
    ]);
    expect(types.map((type) => GRANT_RULE.compliance(type))).to.deep.equal(types.map(() => []));
  });

  it('finds the rule of a finding id, and none for an id of no rule', () => {
    expect(ruleOfFinding('kms-grant-region-keys')).to.equal(GRANT_RULE);
    expect(ruleOfFinding('kms-decrypt-all-keys')).to.equal(DECRYPT_RULE);
    expect(ruleOfFinding('kms-grant')).to.equal(undefined);
    expect(ruleOfFinding('custom-all-keys')).to.equal(undefined);
  });

  describe('selecting rules', () => {
    const ids = (rules: Rule[]) => rules.map((rule) => rule.id);

    it('runs the rules on by default, or those named, less those skipped, in registry order', () => {
      expect(ids(selectRules(undefined))).to.deep.equal(['kms-decrypt', 'kms-grant']);
      expect(ids(selectRules(['kms-grant', 'kms-decrypt']))).to.deep.equal(['kms-decrypt', 'kms-grant']);
      expect(ids(selectRules(undefined, ['kms-decrypt']))).to.deep.equal(['kms-grant']);
    });

    it('leaves an opt-in rule off unless it is named', () => {
      expect(ids(selectRules(undefined, [], WITH_OPT_IN))).to.deep.equal(['kms-decrypt', 'kms-grant']);
      expect(ids(selectRules(['kms-principal'], [], WITH_OPT_IN))).to.deep.equal(['kms-principal']);
    });

    it('refuses an unknown id and a selection that leaves nothing to run', () => {
      expect(() => selectRules(['kms-decrypt', 'kms-nothing'])).to.throw(
        RuleSelectionError,
        'Unknown rule "kms-nothing"; the rules are kms-decrypt, kms-grant, principal-decrypt.',
      );
      expect(() => selectRules(undefined, ['kms-decrypt-all-keys'])).to.throw(RuleSelectionError, 'Unknown rule "kms-decrypt-all-keys"');
      expect(() => selectRules(['kms-grant'], ['kms-grant'])).to.throw(RuleSelectionError, 'No rule is left to run');
    });
  });

  it('makes check() refuse an unknown rule or an empty selection with an OptionsError, before reading any input', async () => {
    for (const [options, message] of [
      [{ rules: ['kms-nothing'] }, 'Unknown rule "kms-nothing"; the rules are kms-decrypt, kms-grant, principal-decrypt.'],
      [{ skipRules: ['kms-decrypt', 'kms-grant'] }, 'No rule is left to run: --skip-rule and rules leave none of kms-decrypt, kms-grant, principal-decrypt.'],
    ] as const) {
      const error = await check('does-not-exist.json', options).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(OptionsError);
      expect((error as Error).message).to.equal(message);
    }
  });

  it('is what the config schema allows in `rules`', () => {
    const schema = JSON.parse(readFileSync(path.join(repoRoot, 'schemas', 'config.schema.json'), 'utf8')) as {
      properties: { rules: { items: { enum: string[] } } };
    };
    expect(schema.properties.rules.items.enum).to.deep.equal(RULE_IDS);
  });

  it("is what the README's rule table says (regenerate it with rulesTable() from lib/rules/rules-table.ts)", () => {
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    expect(readme, rulesTable()).to.include(`\n${rulesTable()}\n`);
  });
});
