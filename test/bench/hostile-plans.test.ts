import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { deferredWideGrantPlan, starPatterns } from '../../bench/hostile-plans.js';
import { examplesDir, fixture } from '../support/paths.js';
import path from 'node:path';

describe('bench: hostile plans', () => {
  it('star patterns are key ARN patterns with `*` between the characters of each field, the same for the same seed', () => {
    const patterns = starPatterns(40, 7, [3, 2, 2]);
    for (const pattern of patterns) expect(pattern).to.match(/^arn:aws\*:kms:\*(?:[a-z]\*){3}:\*(?:\d\*){2}:key\/\*(?:[a-z]\*){2}$/);
    expect(starPatterns(40, 7, [3, 2, 2])).to.deep.equal(patterns);
    expect(starPatterns(40, 8, [3, 2, 2])).to.not.deep.equal(patterns);
  });

  it('the CLI fixture is the deferred-wide-grant example with 20 unknown Allows and a Deny of 13 star patterns', () => {
    const example = JSON.parse(readFileSync(path.join(examplesDir, 'situations', 'deferred-wide-grant', 'plan.json'), 'utf8')) as Record<string, unknown>;
    const generated = `${JSON.stringify(deferredWideGrantPlan(example, 20, starPatterns(13, 1, [1, 1, 1])), null, 1)}\n`;
    expect(readFileSync(fixture('cli', 'hostile-star-patterns.plan.json'), 'utf8')).to.equal(generated);
  });
});
