import fc from 'fast-check';
import { expect } from 'chai';
import {
  actionTokens,
  arnPatternTokens,
  literalTokens,
  tokensMatch,
  OTHER,
  QMARK,
  STAR,
  isCharacter,
  isVariable,
  variableName,
  variableToken,
} from '../../lib/iam/glob.js';
import { matchesAction, matchesArn, judgePolicy, parsePolicy } from '../../lib/iam/index.js';
import type { ConditionMode } from '../../lib/iam/types.js';

describe('iam: matchesAction (case-insensitive; * any run, ? one character)', () => {
  const table: [string, string, boolean][] = [
    ['kms:Decrypt', 'kms:Decrypt', true],
    ['KMS:DECRYPT', 'kms:Decrypt', true],
    ['kms:decrypt', 'KMS:Decrypt', true],
    ['kms:*', 'kms:Decrypt', true],
    ['kms:*', 's3:GetObject', false],
    ['*', 'iam:PassRole', true],
    ['kms:De?rypt', 'kms:Decrypt', true],
    ['kms:De?rypt', 'kms:Deccrypt', false],
    ['kms:Decrypt?', 'kms:Decrypt', false],
    ['kms:Decrypt*', 'kms:Decrypt', true],
    ['kms:*crypt*', 'kms:ReEncryptFrom', true],
    ['kms:Decrypt', 'kms:DecryptX', false],
    ['kms:Decrypt', 'xkms:Decrypt', false],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'acb', false],
    ['**', '', true],
    ['?', '', false],
    ['', 'kms:Decrypt', false],
    ['kms:${aws:username}', 'kms:${aws:username}', true],
  ];
  for (const [pattern, action, expected] of table) {
    it(`${JSON.stringify(pattern)} ${expected ? 'matches' : 'does not match'} ${JSON.stringify(action)}`, () => {
      expect(matchesAction(pattern, action)).to.equal(expected);
    });
  }
});

describe('iam: matchesArn (case-sensitive; * crosses : and /; variables are opaque)', () => {
  const key = 'arn:aws:kms:us-east-1:111122223333:key/abcd';
  const table: [string, string, boolean][] = [
    ['*', key, true],
    ['arn:aws:kms:*', key, true],
    ['arn:aws:kms:*:111122223333:key/*', key, true],
    ['arn:aws:kms:*:111122223333:KEY/*', key, false],
    ['arn:aws:kms:*:444455556666:key/*', key, false],
    ['arn:aws:kms:us-east-1:111122223333:key/????', key, true],
    ['arn:aws:kms:us-east-1:111122223333:key/???', key, false],
    ['arn:aws:kms:*1111:key/*', 'arn:aws:kms:us-east-1:xx1111:key/k', true],
    ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/a/b/c', true],
    ['arn:aws:kms:*:111122223333:key/${aws:username}', 'arn:aws:kms:r:111122223333:key/${aws:username}', false],
    ['*${aws:username}*', 'anything at all', false],
    ['arn:aws:kms:*:1:key/${*}', 'arn:aws:kms:r:1:key/*', true],
    ['arn:aws:kms:*:1:key/${*}', 'arn:aws:kms:r:1:key/x', false],
    ['${?}', '?', true],
    ['${?}', 'x', false],
    ['${$}{x}', '${x}', true],
    ['a${b', 'a${b', true],
    ['a${b*', 'a${bcd', true],
  ];
  for (const [pattern, arn, expected] of table) {
    it(`${JSON.stringify(pattern)} ${expected ? 'matches' : 'does not match'} ${JSON.stringify(arn)}`, () => {
      expect(matchesArn(pattern, arn)).to.equal(expected);
    });
  }

  it('agrees with a regular-expression reading of the same glob', () => {
    const toRegExp = (pattern: string) =>
      new RegExp(
        `^${pattern
          .replace(/[.+^$()|[\]\\{}]/g, '\\$&')
          .replace(/\*/g, '.*')
          .replace(/\?/g, '.')}$`,
        's',
      );
    fc.assert(
      fc.property(fc.stringMatching(/^[ab:/*?]{0,8}$/), fc.stringMatching(/^[ab:/]{0,10}$/), (pattern, input) => {
        expect(matchesArn(pattern, input)).to.equal(toRegExp(pattern).test(input));
      }),
      { numRuns: 2000, seed: 7 },
    );
  });

  it('stays fast on patterns with many stars (no exponential backtracking)', () => {
    const pattern = arnPatternTokens(`${'a*'.repeat(30)}b`);
    expect(tokensMatch(pattern, literalTokens('a'.repeat(5000)))).to.equal(false);
  });
});

/**
 * ARN and action patterns, each case with a pattern text no other suite compiles (compiled
 * patterns and variable tokens are cached per process, so a text first compiled while the test
 * files load would hide a change to the compiler): escapes, `${` without a close, `?` against
 * any character, policy variables that stay one opaque value, and segments a policy spells out.
 */
type Doc = Record<string, unknown>;

/** Scope of the verdict ('none' when clean), for the two actions the checker blocks by default. */
function scopeOf(statements: Doc[], conditions: ConditionMode = 'ignore'): string {
  const parsed = parsePolicy({ Version: '2012-10-17', Statement: statements });
  if ('error' in parsed) throw new Error(parsed.error.message);
  const verdict = judgePolicy(parsed.policy, { blockedActions: ['kms:Decrypt', 'kms:ReEncryptFrom'], partition: 'aws', conditions });
  return verdict.kind === 'finding' ? verdict.scope : verdict.kind === 'clean' ? 'none' : verdict.kind;
}

describe('glob: ARN patterns, escapes and unclosed variables', () => {
  const table: [string, string, boolean][] = [
    ['arn:glob-a:?', 'arn:glob-a:\u0000', true],
    ['arn:glob-b:?z', 'arn:glob-b:yz', true],
    ['arn:glob-b:?z', 'arn:glob-b:z', false],
    ['arn:glob-c:$ab}c', 'arn:glob-c:$ab}c', true],
    ['arn:glob-c:a{b}', 'arn:glob-c:a{b}', true],
    ['arn:glob-d:}${*}', 'arn:glob-d:}*', true],
    ['arn:glob-e:${ab', 'arn:glob-e:${ab', true],
    ['arn:glob-e:${ab', 'arn:glob-e:{ab', false],
    ['arn:glob-f:a${*}b', 'arn:glob-f:a*b', true],
    ['arn:glob-f:a${*}b', 'arn:glob-f:axb', false],
    ['arn:glob-g:a${?}b', 'arn:glob-g:a?b', true],
    ['arn:glob-g:a${?}b', 'arn:glob-g:axb', false],
    ['arn:glob-h:a${$}b', 'arn:glob-h:a$b', true],
    ['arn:glob-h:a${$}b', 'arn:glob-h:ab', false],
    ['arn:glob-i:${aws:username}', 'arn:glob-i:${aws:username}', false],
  ];
  for (const [pattern, arn, expected] of table) {
    it(`${JSON.stringify(pattern)} ${expected ? 'matches' : 'does not match'} ${JSON.stringify(arn)}`, () => {
      expect(matchesArn(pattern, arn)).to.equal(expected);
    });
  }
});

describe('glob: an action name is literal text, even where it has * or ?', () => {
  const table: [string, string, boolean][] = [
    ['glob:a?', 'glob:a*', true],
    ['glob:b?', 'glob:b?', true],
    ['glob:c*', 'glob:c*', true],
    ['glob:dx', 'glob:d?', false],
  ];
  for (const [pattern, action, expected] of table) {
    it(`${JSON.stringify(pattern)} ${expected ? 'matches' : 'does not match'} ${JSON.stringify(action)}`, () => {
      expect(matchesAction(pattern, action)).to.equal(expected);
    });
  }
});

describe('glob: policy variables', () => {
  it('one name, one token, told apart from wildcards and characters, and named back', () => {
    const names = ['glob:first', 'glob:second', 'glob:third', 'glob:fourth', 'glob:fifth'];
    const tokens = names.map(variableToken);
    expect(new Set(tokens).size).to.equal(names.length);
    tokens.forEach((token, i) => {
      expect(variableToken(names[i]!)).to.equal(token);
      expect(isVariable(token)).to.equal(true);
      expect(isCharacter(token)).to.equal(false);
      expect(token).to.be.below(OTHER);
      expect(variableName(token)).to.equal(names[i]);
    });
    expect(arnPatternTokens('${glob:second}x')).to.deep.equal([tokens[1], 'x'.codePointAt(0)]);
  });

  it('the first token below OTHER is a variable; wildcards and OTHER are not', () => {
    expect(isVariable(OTHER - 1)).to.equal(true);
    expect([STAR, QMARK, OTHER, 0, 0x61].map(isVariable)).to.deep.equal([false, false, false, false, false]);
    expect([STAR, QMARK, OTHER, 0, 0x61].map(isCharacter)).to.deep.equal([false, false, true, true, true]);
  });

  it('a variable read from a pattern keeps its whole name', () => {
    const [token] = arnPatternTokens('${glob:a-long-name}');
    expect(variableName(token!)).to.equal('glob:a-long-name');
  });

  const allow = (resource: string): Doc => ({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: resource });
  const denyOutside = (notResource: string): Doc => ({ Effect: 'Deny', Action: 'kms:*', NotResource: notResource });
  // Policy text reaches the glob with its variables read (variable-readings.ts): per-request ones
  // as `*` where they widen, `${aws:PrincipalAccount}` as an account.
  const cases: [string, Doc[], string][] = [
    ['a per-request account variable, any region', [allow('arn:aws:kms:*:${glob:acct1}:key/*')], 'all-keys'],
    ["the principal's account, any region", [allow('arn:aws:kms:*:${aws:PrincipalAccount}:key/*')], 'account-keys'],
    ['a key id that is a per-request variable', [allow('arn:aws:kms:us-east-1:111122223333:key/${glob:key1}')], 'region-keys'],
    [
      "the principal's account in an Allow and in a Deny that keeps it",
      [allow('arn:aws:kms:*:${aws:PrincipalAccount}:key/*'), denyOutside('arn:aws:kms:*:${aws:PrincipalAccount}:*')],
      'account-keys',
    ],
    [
      "the principal's account in an Allow, and a Deny that keeps a per-request account: the Deny removes nothing",
      [allow('arn:aws:kms:*:${aws:PrincipalAccount}:key/*'), denyOutside('arn:aws:kms:*:${glob:other}:*')],
      'account-keys',
    ],
    [
      "the principal's account in an Allow, and a Deny that keeps one account: that account is the principal's",
      [allow('arn:aws:kms:*:${aws:PrincipalAccount}:key/*'), denyOutside('arn:aws:kms:*:111122223333:*')],
      'account-keys',
    ],
    [
      "the principal's account denied with every 12-character account",
      [allow('arn:aws:kms:*:${aws:PrincipalAccount}:key/*'), { Effect: 'Deny', Action: 'kms:*', Resource: 'arn:aws:kms:*:????????????:key/*' }],
      'none',
    ],
  ];
  for (const [name, statements, scope] of cases) {
    it(`${name}: ${scope}`, () => {
      expect(scopeOf(statements)).to.equal(scope);
    });
  }
});

describe('glob: segments a policy spells out name keys', () => {
  const cases: [string, Doc[], string][] = [
    [
      'the one key both allowed and kept, spelled only as a whole Resource value',
      [
        { Effect: 'Allow', Action: 'kms:Decrypt', Resource: ['arn:aws:kms:us-east-1:111122223333:key/gl0b?', 'gl0bd'] },
        { Effect: 'Deny', Action: 'kms:Decrypt', NotResource: 'arn:aws:kms:us-east-1:111122223333:key/*d' },
      ],
      'none',
    ],
    [
      'the same, the value not spelled anywhere',
      [
        { Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:us-east-1:111122223333:key/gl1b?' },
        { Effect: 'Deny', Action: 'kms:Decrypt', NotResource: 'arn:aws:kms:us-east-1:111122223333:key/*d' },
      ],
      'region-keys',
    ],
    ['a grant of every ARN written as three stars', [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '***' }], 'all-keys'],
  ];
  for (const [name, statements, scope] of cases) {
    it(`${name}: ${scope}`, () => {
      expect(scopeOf(statements)).to.equal(scope);
    });
  }
});

describe('iam: actionTokens case folding (wide where matching more allows more, narrow where less does)', () => {
  const matches = (pattern: string, action: string, folding: 'wide' | 'narrow') =>
    tokensMatch(actionTokens(pattern, true, folding), actionTokens(action, false, folding));
  const table: [string, string, boolean, boolean][] = [
    ['KMS:decrypt', 'kms:Decrypt', true, true],
    ['\u212Ams:Decrypt', 'kms:Decrypt', true, false],
    ['km\u017F:*', 'kms:Decrypt', true, false],
    ['kms:PutKeyPol\u0130cy', 'kms:PutKeyPolicy', true, false],
    ['kms:Repl\u0131cateKey', 'kms:ReplicateKey', true, false],
    ['kms:D\u00C9crypt', 'kms:Decrypt', false, false],
  ];
  for (const [pattern, action, wide, narrow] of table) {
    it(`${JSON.stringify(pattern)} on ${action}: wide ${wide}, narrow ${narrow}`, () => {
      expect(matches(pattern, action, 'wide')).to.equal(wide);
      expect(matches(pattern, action, 'narrow')).to.equal(narrow);
    });
  }
});
