import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { fixture } from '../support/paths.js';
import { parsePolicy, type Policy, type UnknownValue } from '../../lib/iam/index.js';

interface InvalidCase {
  readonly name: string;
  readonly text?: string;
  readonly value?: unknown;
  readonly message: string;
  readonly pointer: string;
}

const invalid = JSON.parse(readFileSync(fixture('iam', 'invalid-policies.json'), 'utf8')) as InvalidCase[];

function policyOf(input: unknown): Policy {
  const result = parsePolicy(input);
  if ('error' in result) throw new Error(`unexpected error: ${result.error.message}`);
  return result.policy;
}

describe('iam: parsePolicy', () => {
  describe('rejects what is not a readable policy, saying what and where', () => {
    for (const c of invalid) {
      it(c.name, () => {
        const input = c.text !== undefined ? c.text : c.value;
        expect(parsePolicy(input)).to.deep.equal({ error: { message: c.message, pointer: c.pointer } });
        if (c.text === undefined) {
          // The same document as JSON text gives the same error.
          expect(parsePolicy(JSON.stringify(c.value))).to.deep.equal({ error: { message: c.message, pointer: c.pointer } });
        }
      });
    }
  });

  describe('reads the forms the policy language allows', () => {
    it('a lone statement object, string elements, ignoring Version, Id, Principal and unknown keys', () => {
      const policy = policyOf({
        Version: '2012-10-17',
        Id: 'x',
        Extra: 1,
        Statement: { Sid: 'One', Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*', Custom: true },
      });
      expect(policy).to.deep.equal({
        statements: [{ index: 0, sid: 'One', pointer: '/Statement', effect: 'Allow', action: ['kms:Decrypt'], resource: ['*'] }],
      });
    });

    it('a statement list with list elements, NotAction, NotResource and a condition', () => {
      const policy = policyOf(
        JSON.stringify({
          Statement: [
            { Effect: 'Deny', NotAction: ['iam:*', 's3:*'], NotResource: ['arn:aws:kms:*:1:key/a', 'arn:aws:kms:*:1:key/b'] },
            {
              Effect: 'Allow',
              Action: [],
              Resource: [],
              Condition: { Bool: { 'aws:SecureTransport': true }, NumericLessThan: { 'aws:MultiFactorAuthAge': [3600, '7200'] } },
            },
          ],
        }),
      );
      expect(policy).to.deep.equal({
        statements: [
          {
            index: 0,
            pointer: '/Statement/0',
            effect: 'Deny',
            notAction: ['iam:*', 's3:*'],
            notResource: ['arn:aws:kms:*:1:key/a', 'arn:aws:kms:*:1:key/b'],
          },
          {
            index: 1,
            pointer: '/Statement/1',
            effect: 'Allow',
            action: [],
            resource: [],
            condition: [
              { operator: 'Bool', key: 'aws:SecureTransport', values: ['true'] },
              { operator: 'NumericLessThan', key: 'aws:MultiFactorAuthAge', values: ['3600', '7200'] },
            ],
          },
        ],
      });
    });

    it('an empty statement list, and an empty Condition (kept: the statement has a Condition)', () => {
      expect(policyOf({ Statement: [] })).to.deep.equal({ statements: [] });
      const policy = policyOf({ Statement: [{ Effect: 'Deny', Action: '*', Resource: '*', Condition: {} }] });
      expect(policy.statements[0]!.condition).to.deep.equal([]);
    });

    it('a Sid that is not a string is left out', () => {
      expect(policyOf({ Statement: [{ Sid: 3, Effect: 'Allow', Action: '*', Resource: '*' }] }).statements[0]).to.not.have.property('sid');
    });

    it('keys such as __proto__ and constructor are plain data in conditions', () => {
      const policy = policyOf(
        '{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"__proto__":{"constructor":"x"},"constructor":{"__proto__":["y"]}}}]}',
      );
      expect(policy.statements[0]!.condition).to.deep.equal([
        { operator: '__proto__', key: 'constructor', values: ['x'] },
        { operator: 'constructor', key: '__proto__', values: ['y'] },
      ]);
    });

    it('reads only own properties of an already-parsed object', () => {
      const inherited = Object.create({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }) as object;
      expect(parsePolicy(inherited)).to.deep.equal({ error: { message: 'Policy document has no Statement.', pointer: '' } });
      const statement = Object.assign(Object.create({ Effect: 'Allow' }) as object, { Action: '*', Resource: '*' });
      expect(parsePolicy({ Statement: [statement] })).to.deep.equal({
        error: { message: 'Statement 0 (/Statement/0) has no Effect; it must be "Allow" or "Deny".', pointer: '/Statement/0' },
      });
    });
  });

  describe('marks parts as unknown through the `unknown` option', () => {
    const marker = (value: unknown): UnknownValue | undefined => {
      if (typeof value === 'object' && value !== null && '$unknown' in value) {
        const v = value as { $unknown: string; oneKey?: boolean };
        return v.oneKey ? { unknown: true, detail: v.$unknown, oneKey: true } : { unknown: true, detail: v.$unknown };
      }
      return undefined;
    };
    const u = (detail: string): UnknownValue => ({ unknown: true, detail });

    it('whole elements, items, Effect, Condition, condition values and statements', () => {
      const result = parsePolicy(
        {
          Statement: [
            { Effect: { $unknown: 'e' }, Action: { $unknown: 'a' }, Resource: ['*', { $unknown: 'k', oneKey: true }] },
            { Effect: 'Allow', NotAction: ['iam:*', { $unknown: 'na' }], NotResource: { $unknown: 'nr' }, Condition: { $unknown: 'c' } },
            { $unknown: 's' },
            {
              Effect: 'Allow',
              Action: '*',
              Resource: '*',
              Condition: { StringEquals: { 'aws:ResourceAccount': ['1', { $unknown: 'v' }], k: { $unknown: 'w' } } },
            },
          ],
        },
        { unknown: marker },
      );
      expect(result).to.deep.equal({
        policy: {
          statements: [
            { index: 0, pointer: '/Statement/0', effect: u('e'), action: u('a'), resource: ['*', { unknown: true, detail: 'k', oneKey: true }] },
            { index: 1, pointer: '/Statement/1', effect: 'Allow', notAction: ['iam:*', u('na')], notResource: u('nr'), condition: u('c') },
            {
              index: 3,
              pointer: '/Statement/3',
              effect: 'Allow',
              action: ['*'],
              resource: ['*'],
              condition: [
                { operator: 'StringEquals', key: 'aws:ResourceAccount', values: ['1', u('v')] },
                { operator: 'StringEquals', key: 'k', values: [u('w')] },
              ],
            },
          ],
          unknownStatements: u('s'),
        },
      });
    });

    it('several unknown statements stand together', () => {
      expect(parsePolicy({ Statement: [{ $unknown: 'a' }, { $unknown: 'b' }, { $unknown: 'a' }] }, { unknown: marker })).to.deep.equal({
        policy: { statements: [], unknownStatements: u('a, b') },
      });
    });

    it('the whole Statement', () => {
      expect(parsePolicy({ Statement: { $unknown: 'all' } }, { unknown: marker })).to.deep.equal({
        policy: { statements: [], unknownStatements: u('all') },
      });
    });

    it('is given the JSON pointer of each value it may mark', () => {
      const pointers: string[] = [];
      parsePolicy(
        { Statement: [{ Effect: 'Allow', Action: ['a'], Resource: 'r', Condition: { Op: { 'k/1': ['v'] } } }] },
        { unknown: (_, pointer) => void pointers.push(pointer) },
      );
      expect(pointers).to.deep.equal([
        '/Statement',
        '/Statement/0',
        '/Statement/0/Effect',
        '/Statement/0/Action',
        '/Statement/0/Action/0',
        '/Statement/0/Resource',
        '/Statement/0/Condition',
        '/Statement/0/Condition/Op/k~11',
        '/Statement/0/Condition/Op/k~11/0',
      ]);
    });
  });
});
