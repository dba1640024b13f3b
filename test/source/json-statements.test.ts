import { expect } from 'chai';
import { jsonStatementRanges } from '../../lib/source/json-statements.js';

const slices = (text: string): string[] | undefined => jsonStatementRanges(text)?.map((r) => text.slice(r.start, r.end));

describe('jsonStatementRanges', () => {
  it('gives each element of the Statement array', () => {
    const text = '{"Version": "2012-10-17", "Statement": [{"Sid": "a"}, {"Sid": "b", "Resource": ["x", "y"]}]}';
    expect(slices(text)).to.deep.equal(['{"Sid": "a"}', '{"Sid": "b", "Resource": ["x", "y"]}']);
  });

  it('gives a lone Statement object', () => {
    expect(slices('{ "Statement": {"Effect": "Allow"} }')).to.deep.equal(['{"Effect": "Allow"}']);
  });

  it('is not confused by braces and brackets in strings, escapes, or template interpolations', () => {
    const text = '{"Statement": [{"Sid": "}{][\\"", "Resource": "${aws_kms_key.k.arn}"}, {"Resource": ${jsonencode(local.arns)}}]}';
    expect(slices(text)).to.deep.equal(['{"Sid": "}{][\\"", "Resource": "${aws_kms_key.k.arn}"}', '{"Resource": ${jsonencode(local.arns)}}']);
  });

  it('is undefined when the statements are not written out', () => {
    expect(slices('{"Statement": ${jsonencode(local.statements)}}')).to.equal(undefined);
    expect(slices('{"Statement": [${local.one}]}')).to.equal(undefined);
    expect(slices('{"Version": "2012-10-17"}')).to.equal(undefined);
    expect(slices('not json')).to.equal(undefined);
    expect(slices('{"Statement": [{"Sid": "a"}')).to.equal(undefined);
  });
});
