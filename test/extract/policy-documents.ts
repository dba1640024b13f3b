/** The policy documents the extract fixtures hold, built here independently of the fixture files. */

const VERSION = '2012-10-17';

export function compact(statements: object[]): string {
  return JSON.stringify({ Version: VERSION, Statement: statements });
}

export function pretty(statements: object[]): string {
  return JSON.stringify({ Version: VERSION, Statement: statements }, null, 2);
}

export const DECRYPT_ALL = compact([{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }]);
export const DECRYPT_ACCOUNT = compact([{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:*:111122223333:key/*' }]);
export const DECRYPT_ONE_KEY = compact([
  { Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' },
]);
export const S3_GET = compact([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' }]);
