/**
 * The own-account guardrail of README "Semantics in short" through the built command line: Allow
 * on `arn:aws:kms:*:${aws:PrincipalAccount}:key/*` with a Deny outside 111122223333 fails the run,
 * and every report names the reading that gives the finding.
 */
import { expect } from 'chai';
import type { Report } from '../../lib/types.js';
import { fixture } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';

const PLAN = fixture('redteam', 'policy-variable-guardrail.v1.2.plan.json');
const READING = 'with ${aws:PrincipalAccount} = 111122223333';

describe('cli: policy variables', () => {
  it('fails the run at the default --fail-on medium (account-keys) and names the reading in the JSON report', () => {
    const result = runCli(['--format', 'json', PLAN]);
    expect(result.status).to.equal(1);
    const [finding, ...others] = (JSON.parse(result.stdout) as Report).findings;
    expect(others).to.deep.equal([]);
    expect(finding).to.deep.include({ scope: 'account-keys', actions: ['kms:Decrypt'], reading: READING });
  });

  const formats: [string, string][] = [
    ['text', `  why: judged ${READING}\n`],
    ['markdown', `- Why: \`judged ${READING}\`\n`],
    ['github', `Why: statement 0 (/Statement/0): Action "kms:Decrypt", Resource "arn:aws:kms:*:\${aws:PrincipalAccount}:key/*"; judged ${READING}.`],
  ];
  for (const [format, line] of formats) {
    it(`names it in the ${format} report`, () => {
      const result = runCli(['--format', format, PLAN]);
      expect(result.status).to.equal(1);
      expect(result.stdout).to.contain(line);
    });
  }
});
