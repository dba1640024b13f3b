import { expect } from 'chai';
import { completeAddress, formatAddress, formatInstanceKey, parseAddress } from '../../lib/terraform/address.js';

describe('terraform/address', () => {
  describe('formatInstanceKey writes keys as Terraform does', () => {
    const cases: [number | string, string][] = [
      [0, '[0]'],
      [12, '[12]'],
      ['a', '["a"]'],
      ['', '[""]'],
      ['with space.and.dots', '["with space.and.dots"]'],
      ['say "hi"', '["say \\"hi\\""]'],
      ['back\\slash', '["back\\\\slash"]'],
      ['line\nbreak\ttab\rcr', '["line\\nbreak\\ttab\\rcr"]'],
      ['${var.x}', '["$${var.x}"]'],
      ['%{if}', '["%%{if}"]'],
      ['$ and % alone', '["$ and % alone"]'],
      ['ünïcödé', '["ünïcödé"]'],
      ['nul\u0000', '["nul\\u0000"]'],
      ['nbsp\u00a0', '["nbsp\\u00a0"]'],
      ['emoji 😀', '["emoji 😀"]'],
    ];
    for (const [key, expected] of cases) {
      it(`${JSON.stringify(key)} -> ${expected}`, () => {
        expect(formatInstanceKey(key)).to.equal(expected);
      });
    }
  });

  describe('parseAddress', () => {
    const cases: [string, ReturnType<typeof parseAddress>][] = [
      ['aws_iam_policy.p', { mode: 'managed', type: 'aws_iam_policy', name: 'p' }],
      ['aws_iam_policy.p[0]', { mode: 'managed', type: 'aws_iam_policy', name: 'p', index: 0 }],
      ['data.aws_iam_policy_document.d', { mode: 'data', type: 'aws_iam_policy_document', name: 'd' }],
      ['module.team["a"].aws_iam_policy.p[0]', { moduleAddress: 'module.team["a"]', mode: 'managed', type: 'aws_iam_policy', name: 'p', index: 0 }],
      [
        'module.a.module.b[3].data.aws_iam_policy_document.d["x.y"]',
        { moduleAddress: 'module.a.module.b[3]', mode: 'data', type: 'aws_iam_policy_document', name: 'd', index: 'x.y' },
      ],
      [
        'module.m["k]\\"."].aws_iam_role.r["$${a}\\n\\u00e9\\U0001f600"]',
        { moduleAddress: 'module.m["k]\\"."]', mode: 'managed', type: 'aws_iam_role', name: 'r', index: '${a}\né😀' },
      ],
      ['module.m', undefined],
      ['aws_iam_policy', undefined],
      ['aws_iam_policy.p[', undefined],
      ['aws_iam_policy.p["open]', undefined],
      ['aws_iam_policy.p[x]', undefined],
      ['aws_iam_policy.p[0]trailing', undefined],
      ['aws_iam_policy.p["\\q"]', undefined],
      ['aws_iam_policy.p["\\u12"]', undefined],
    ];
    for (const [address, expected] of cases) {
      it(address, () => {
        expect(parseAddress(address)).to.deep.equal(expected);
      });
    }

    it('reads back what formatAddress writes', () => {
      const keys = ['plain', 'say "hi"', 'a\\b', '${x}', '%{y}', 'tab\there', 'nul\u0000', '😀'];
      for (const index of keys) {
        const parts = { moduleAddress: `module.m${formatInstanceKey(index)}`, mode: 'managed' as const, type: 'aws_iam_role', name: 'r', index };
        expect(parseAddress(formatAddress(parts))).to.deep.equal(parts);
      }
    });
  });

  describe('completeAddress (Terraform 0.12.0 state addresses)', () => {
    const cases: [string, string | undefined, number | string | undefined, string][] = [
      ['null_resource.foo', 'module.foo', undefined, 'module.foo.null_resource.foo'],
      ['null_resource.baz', undefined, 1, 'null_resource.baz[1]'],
      ['aws_iam_policy.p', 'module.a["x"]', 'k', 'module.a["x"].aws_iam_policy.p["k"]'],
      ['module.a["x"].aws_iam_policy.p["k"]', 'module.a["x"]', 'k', 'module.a["x"].aws_iam_policy.p["k"]'],
      ['aws_iam_policy.p[2]', undefined, 2, 'aws_iam_policy.p[2]'],
    ];
    for (const [address, moduleAddress, index, expected] of cases) {
      it(`${address} in ${moduleAddress ?? 'root'} with key ${String(index)} -> ${expected}`, () => {
        expect(completeAddress(address, moduleAddress, index)).to.equal(expected);
      });
    }
  });
});
